using System.Globalization;

namespace Translations.Workbench.Localization;

/// <summary>
/// The interface's languages, English and Russian. Each feature keeps its words in a small typed class of
/// its own (<c>ShellText</c>, <c>SignInText</c>, <c>TranslateText</c>…) with one instance per language, picked
/// by <see cref="Pick{T}"/> from the current UI culture, which the request localization middleware sets
/// from the <c>.AspNetCore.Culture</c> cookie or else the browser's Accept-Language, and which a circuit
/// keeps from the request that opened it.
/// </summary>
public static class InterfaceLanguage
{
    public const string English = "en";
    public const string Russian = "ru";

    public static readonly IReadOnlyList<string> Supported = [English, Russian];

    /// <summary>How each language names itself in the switch.</summary>
    public static string NativeName(string language) => language == Russian ? "Русский" : "English";

    /// <summary>The interface language now: <see cref="Russian"/> or <see cref="English"/>.</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Russian ? Russian : English;

    public static T Pick<T>(T english, T russian) => Current == Russian ? russian : english;
}
