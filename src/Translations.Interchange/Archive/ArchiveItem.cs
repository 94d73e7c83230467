namespace Translations.Interchange.Archive;

/// <summary>
/// One item of the old site's archive export: a release in the file's language. Its text is normalised
/// the same way every time (NFC, every run of whitespace inside a paragraph one space), so reading the
/// same file twice gives equal items, and request ids derived from them repeat.
/// </summary>
/// <param name="Line">The line the item starts on (1-based), for reports.</param>
/// <param name="ReleaseDate">The item's date.</param>
/// <param name="Title">The title line, or null for a short dated item without one (see <see cref="TitleOrFirstSentence"/>).</param>
/// <param name="Paragraphs">The text's paragraphs in order, video markers removed.</param>
/// <param name="Contact">The press contact block under the line of underscores, its lines joined by line breaks; null when there is none.</param>
/// <param name="HasVideo">The text carried a video marker ("(Video)", "(Видео)").</param>
public sealed record ArchiveItem(int Line, DateOnly ReleaseDate, string? Title, IReadOnlyList<string> Paragraphs, string? Contact, bool HasVideo)
{
    /// <summary>
    /// The body as the service stores it: the paragraphs separated by blank lines, then the contact block as
    /// the last paragraph (it belongs to the text, is translated with it, and readers saw it under the text).
    /// </summary>
    public string Body => string.Join("\n\n", Contact is null ? Paragraphs : [.. Paragraphs, Contact]);

    /// <summary>The title, or for an item without one its first sentence, cut at a word boundary to at most <paramref name="maxLength"/> characters (with "…").</summary>
    public string TitleOrFirstSentence(int maxLength)
    {
        var text = Title ?? FirstSentence(Paragraphs[0]);
        if (text.Length <= maxLength)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', Math.Max(0, maxLength - 1));
        return (cut > 0 ? text[..cut] : text[..(maxLength - 1)]).TrimEnd(',', ';', ':', ' ') + "…";
    }

    private static string FirstSentence(string paragraph)
    {
        for (var i = 0; i < paragraph.Length - 1; i++)
        {
            // A full stop, question or exclamation mark followed by a space and a capital letter ends a sentence;
            // "24.04.2024" or "Mr. smith" do not.
            if (paragraph[i] is '.' or '!' or '?' && paragraph[i + 1] == ' ' && i + 2 < paragraph.Length && char.IsUpper(paragraph[i + 2]))
            {
                return paragraph[..(i + 1)];
            }
        }
        return paragraph;
    }
}
