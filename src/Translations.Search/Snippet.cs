namespace Translations.Search;

/// <summary>A matched word's place in a snippet's <see cref="Snippet.Text"/>.</summary>
public readonly record struct Mark(int Start, int Length);

/// <summary>
/// A short extract of a text around the words a query matched, with those words' places as <see cref="Marks"/>
/// (ranges, never markup: the client decides how to show them). Computed in .NET from the stored text, so every
/// database gives the same snippet.
/// </summary>
public sealed record Snippet(string Text, IReadOnlyList<Mark> Marks)
{
    public const int DefaultLength = 200;

    /// <summary>Characters of context kept before the first marked word of the extract.</summary>
    private const int Lead = 40;

    /// <summary>
    /// The extract of at most <paramref name="maxLength"/> characters (plus an ellipsis at a cut end) that holds
    /// the most words with a term of <paramref name="query"/> (never a stop word), cut at word boundaries; line
    /// breaks read as spaces. Without a marked word, the text's beginning.
    /// </summary>
    public static Snippet Of(string text, SearchQuery query, string language, int maxLength = DefaultLength)
    {
        var words = SearchTerms.Words(text, language);
        var marked = Outermost(words.Where(w => query.MarkedTerms.Contains(w.Term)));
        var start = 0;
        var best = -1;
        foreach (var candidate in marked.Select(w => Math.Max(0, w.Start - Lead)).Distinct())
        {
            var count = marked.Count(w => w.Start >= candidate && w.Start + w.Length <= candidate + maxLength);
            if (count > best)
            {
                (best, start) = (count, candidate);
            }
        }
        // Whole words only: start at a word's beginning (the next one when the window starts inside a word), end at a word's end.
        if (start > 0)
        {
            start = words.FirstOrDefault(w => w.Start >= start) is { Length: > 0 } next ? next.Start : start;
        }
        var end = Math.Min(text.Length, start + maxLength);
        if (end < text.Length && words.LastOrDefault(w => w.Start + w.Length <= end) is { Length: > 0 } last && last.Start >= start)
        {
            end = last.Start + last.Length;
        }
        var prefix = start > 0 ? "…" : "";
        var extract = string.Create(end - start, (text, start), (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = state.text[state.start + i];
                span[i] = c is '\n' or '\r' or '\t' ? ' ' : c;
            }
        });
        var marks = marked.Where(w => w.Start >= start && w.Start + w.Length <= end)
            .Select(w => new Mark(w.Start - start + prefix.Length, w.Length)).ToArray();
        return new Snippet(prefix + extract + (end < text.Length ? "…" : ""), marks);
    }

    /// <summary>The words not inside another one: a hyphenated word marked whole, not also part by part.</summary>
    private static List<TextWord> Outermost(IEnumerable<TextWord> words)
    {
        var outermost = new List<TextWord>();
        foreach (var word in words.OrderBy(w => w.Start).ThenByDescending(w => w.Length))
        {
            if (outermost.Count == 0 || word.Start >= outermost[^1].Start + outermost[^1].Length)
            {
                outermost.Add(word);
            }
        }
        return outermost;
    }
}
