namespace Translations.Languages;

/// <summary>The languages the service accepts, and where a reader of each falls back to.</summary>
public sealed class LanguageOptions
{
    public const string Section = "Languages";

    /// <summary>BCP-47 tags in lower case.</summary>
    public List<string> Supported { get; set; } = [];

    /// <summary>For each language, the languages to try next, in order, when a release lacks it.</summary>
    public Dictionary<string, List<string>> Fallback { get; set; } = [];

    public static LanguageOptions Default => new()
    {
        Supported = ["ru", "en"],
        Fallback = new() { ["en"] = ["ru"], ["ru"] = ["en"] },
    };
}
