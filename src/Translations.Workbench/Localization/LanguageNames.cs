namespace Translations.Workbench.Localization;

/// <summary>Languages of releases named in the interface language: "English (en)", "английский (en)".</summary>
public static class LanguageNames
{
    /// <summary>The name alone: "English", "Russian"; the tag itself for a language without a name here.</summary>
    public static string Of(string language) => language switch
    {
        "en" => InterfaceLanguage.Pick("English", "английский"),
        "ru" => InterfaceLanguage.Pick("Russian", "русский"),
        "de" => InterfaceLanguage.Pick("German", "немецкий"),
        "fr" => InterfaceLanguage.Pick("French", "французский"),
        _ => language,
    };

    /// <summary>The name with the tag: "English (en)".</summary>
    public static string WithTag(string language) => Of(language) == language ? language : $"{Of(language)} ({language})";
}
