using System.Text.RegularExpressions;

namespace Translations.Interchange.Xliff;

/// <summary>
/// A body as paragraphs: they are separated by a blank line (a line of nothing but spaces or tabs counts as blank,
/// and several count as one); a paragraph may hold single line breaks. Joining puts exactly one blank line
/// between paragraphs, so a body in that form (the form the service's texts and the archive import have) comes
/// back character for character.
/// </summary>
public static partial class BodyText
{
    public static IReadOnlyList<string> Paragraphs(string body) =>
        body.Length == 0 ? [] : BlankLines().Split(body);

    public static string Join(IEnumerable<string> paragraphs) => string.Join("\n\n", paragraphs);

    [GeneratedRegex(@"\n(?:[ \t]*\n)+")]
    private static partial Regex BlankLines();
}
