using System.Text.RegularExpressions;
using Spectre.Console;
using Translations.Cli.Hosting;
using Translations.Client;
using Translations.V1;

namespace Translations.Cli.Releases;

/// <summary>
/// Search hits as a person reads them: the date, the id and the title on one line, the snippet under the
/// id, the words the query matched highlighted: bold and reversed on a terminal that takes escape codes,
/// between asterisks everywhere else (not «»: they are Russian quotation marks, and the texts have them).
/// </summary>
internal static partial class SearchHits
{
    /// <summary>Wrapped lines and the snippet start under the id: after the date and two spaces.</summary>
    private const int Indent = 12;

    private static readonly Style Marked = new(decoration: Decoration.Bold | Decoration.Invert);
    private static readonly Style Title = new(decoration: Decoration.Bold);

    public static void Show(IAnsiConsole console, SearchHit hit)
    {
        var highlighted = console.Profile.Capabilities.Ansi;
        var width = Math.Max(console.Profile.Width, Indent + 20);
        var lines = new Paragraph();
        Wrap(lines, $"{Words.Date(hit.ReleaseDate)}  {hit.ReleaseId}  ", Fragments(hit.Title, highlighted, Title), width);
        if (hit.Snippet is { Text.Length: > 0 } snippet)
        {
            lines.Append("\n");
            Wrap(lines, new string(' ', Indent), Fragments(snippet, highlighted, Style.Plain), width);
        }
        console.Write(lines);
        console.WriteLine();
        console.WriteLine();
    }

    /// <summary>"2 releases found.", with a hint when the limit may have cut the list short.</summary>
    public static string Summary(int count, int limit, int maxLimit) => count switch
    {
        0 => "No release matches.",
        _ when count < limit => $"{count} {(count == 1 ? "release" : "releases")} found.",
        _ when limit < maxLimit => $"{count} {(count == 1 ? "release" : "releases")} found; there may be more: --limit N shows up to N (at most {maxLimit}).",
        _ => $"{count} releases found; there may be more: narrow the search with more words or a filter.",
    };

    /// <summary>The text's runs in their styles, white space (a snippet may cross a paragraph break) as single spaces.</summary>
    private static IEnumerable<(string Text, Style Style)> Fragments(MarkedText text, bool highlighted, Style style) =>
        text.Parts().Select(part => (Spaces().Replace(part.Text, " "), part.Marked)).Select(part =>
            !part.Marked ? (part.Item1, style)
            : highlighted ? (part.Item1, style.Combine(Marked))
            : ($"*{part.Item1}*", style));

    /// <summary>
    /// Appends <paramref name="lead"/>, then the fragments word by word, the line broken before a word that would
    /// pass <paramref name="width"/> and the next one indented by <see cref="Indent"/>, so no line ends in padding.
    /// </summary>
    private static void Wrap(Paragraph paragraph, string lead, IEnumerable<(string Text, Style Style)> fragments, int width)
    {
        paragraph.Append(lead);
        var column = lead.GetCellWidth();
        var first = true;
        foreach (var word in SplitWords(fragments))
        {
            var length = word.Sum(f => f.Text.GetCellWidth());
            if (column > Indent && column + (first ? 0 : 1) + length > width)
            {
                paragraph.Append("\n" + new string(' ', Indent));
                column = Indent;
            }
            else if (!first)
            {
                paragraph.Append(" ");
                column++;
            }
            foreach (var (text, style) in word)
            {
                paragraph.Append(text, style);
            }
            column += length;
            first = false;
        }
    }

    /// <summary>The fragments cut at spaces: each word is the pieces of it in their styles ("*ОДКБ*" and ".").</summary>
    private static IEnumerable<List<(string Text, Style Style)>> SplitWords(IEnumerable<(string Text, Style Style)> fragments)
    {
        var word = new List<(string, Style)>();
        foreach (var (text, style) in fragments)
        {
            var pieces = text.Split(' ');
            for (var i = 0; i < pieces.Length; i++)
            {
                if (i > 0 && word.Count > 0)
                {
                    yield return word;
                    word = [];
                }
                if (pieces[i].Length > 0)
                {
                    word.Add((pieces[i], style));
                }
            }
        }
        if (word.Count > 0)
        {
            yield return word;
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
