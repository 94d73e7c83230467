using System.Globalization;

namespace Translations.Workbench.Localization;

/// <summary>
/// The content languages of releases as people read them, in the interface language: "English (en)",
/// "Английский (en)". The tag stays beside the name, since the service and its errors speak in tags.
/// </summary>
public static class LanguageNames
{
    private static readonly Dictionary<string, (string English, string Russian)> Known = new(StringComparer.Ordinal)
    {
        ["en"] = ("English", "Английский"),
        ["ru"] = ("Russian", "Русский"),
    };

    /// <summary>"English (en)": the name and the tag, as region and column labels show a language.</summary>
    public static string Labelled(string tag) => $"{Name(tag)} ({tag})";

    /// <summary>
    /// The language's name in the interface language; for another tag, the platform's name for it (in the
    /// Russian interface: the language's own name), else the tag itself.
    /// </summary>
    public static string Name(string tag)
    {
        if (Known.TryGetValue(tag, out var names))
        {
            return InterfaceLanguage.Pick(names.English, names.Russian);
        }
        try
        {
            var culture = CultureInfo.GetCultureInfo(tag, predefinedOnly: true);
            return InterfaceLanguage.Pick(culture.EnglishName, culture.NativeName);
        }
        catch (CultureNotFoundException)
        {
            return tag;
        }
    }
}
