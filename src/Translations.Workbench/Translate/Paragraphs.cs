using System.Text.RegularExpressions;

namespace Translations.Workbench.Translate;

/// <summary>A body as paragraphs: the service separates them by a blank line.</summary>
public static partial class Paragraphs
{
    public const string Separator = "\n\n";

    /// <summary>The non-empty paragraphs, trimmed; any run of blank lines (with \r\n or spaces) separates two.</summary>
    public static IReadOnlyList<string> Split(string? body) =>
        BlankLines().Split(body ?? "").Select(paragraph => paragraph.Trim()).Where(paragraph => paragraph.Length > 0).ToList();

    /// <summary>The paragraphs joined with a blank line; empty ones are left out.</summary>
    public static string Join(IEnumerable<string?> paragraphs) =>
        string.Join(Separator, paragraphs.Select(paragraph => paragraph?.Trim() ?? "").Where(paragraph => paragraph.Length > 0));

    /// <summary>
    /// A translation's paragraphs laid out against <paramref name="count"/> source paragraphs: one each by
    /// position, empty where the translation has fewer, and any beyond the last joined into the last, so
    /// that no translated text is lost when the source lost paragraphs.
    /// </summary>
    public static List<string> Fit(IReadOnlyList<string> translation, int count)
    {
        var fitted = Enumerable.Range(0, count).Select(i => i < translation.Count ? translation[i] : "").ToList();
        if (count > 0 && translation.Count > count)
        {
            fitted[^1] = Join(translation.Skip(count - 1));
        }
        return fitted;
    }

    [GeneratedRegex(@"\r?\n[ \t]*(?:\r?\n[ \t]*)+")]
    private static partial Regex BlankLines();
}
