namespace Translations.Search;

/// <summary>One part of a query: a word, or a "quoted phrase" whose words must follow each other; <see cref="Excluded"/> for -word.</summary>
/// <param name="Terms">The terms of its words, in order (<see cref="SearchTerms"/>).</param>
public sealed record QueryPart(IReadOnlyList<string> Terms, bool Phrase, bool Excluded);

/// <summary>
/// A query as people type it, read as PostgreSQL's <c>websearch_to_tsquery</c> reads it: words (all must be
/// there), "quoted phrases", <c>-excluded</c> words or phrases, and <c>OR</c> between two parts, which binds
/// looser than the implied AND (<c>a b OR c</c> is <c>(a AND b) OR c</c>). So a query is a list of
/// <see cref="Alternatives"/>, a release matching any of them; each alternative is parts that must all hold.
/// Punctuation other than quotes and a leading minus is ignored, as between words.
/// </summary>
public sealed record SearchQuery(IReadOnlyList<IReadOnlyList<QueryPart>> Alternatives)
{
    /// <summary>At most this many words: a longer query is refused, not run.</summary>
    public const int MaxWords = 64;

    /// <summary>The terms a hit is marked by: those of every part that is not excluded.</summary>
    public IReadOnlySet<string> MarkedTerms { get; } =
        Alternatives.SelectMany(a => a).Where(p => !p.Excluded).SelectMany(p => p.Terms).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The query in <paramref name="text"/>, its words' terms in <paramref name="language"/>; null with the
    /// <paramref name="problem"/> (for a person: what is wrong and what to type instead) when there is nothing to
    /// search for, only excluded words in some alternative, or more than <see cref="MaxWords"/> words.
    /// </summary>
    public static SearchQuery? Parse(string? text, string language, out string? problem)
    {
        var alternatives = new List<List<QueryPart>> { new() };
        var words = 0;
        var orPending = false;
        text ??= "";
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            var excluded = c == '-' && i + 1 < text.Length && (text[i + 1] == '"' || char.IsLetterOrDigit(text[i + 1]));
            if (excluded)
            {
                i++;
                c = text[i];
            }
            string chunk;
            var phrase = c == '"';
            if (phrase)
            {
                var end = text.IndexOf('"', i + 1);
                chunk = end < 0 ? text[(i + 1)..] : text[(i + 1)..end];
                i = end < 0 ? text.Length : end + 1;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"')
                {
                    i++;
                }
                chunk = text[start..i];
            }
            if (!phrase && !excluded && chunk.Equals("OR", StringComparison.OrdinalIgnoreCase))
            {
                orPending = alternatives[^1].Count > 0;
                continue;
            }
            var terms = SearchTerms.Words(chunk, language).Select(w => w.Term).ToArray();
            if (terms.Length == 0)
            {
                continue;
            }
            words += terms.Length;
            if (orPending)
            {
                alternatives.Add([]);
                orPending = false;
            }
            // Outside quotes, "a-b" or "a,b" is a phrase of its words, as PostgreSQL reads a hyphenated word.
            alternatives[^1].Add(new QueryPart(terms, phrase || terms.Length > 1, excluded));
        }
        if (words > MaxWords)
        {
            problem = $"has {words} words; at most {MaxWords} are searched for: shorten it";
            return null;
        }
        var found = alternatives.Where(a => a.Count > 0).ToList();
        if (found.Count == 0)
        {
            problem = "has no word to search for; type at least one word (letters or digits)";
            return null;
        }
        if (found.Any(a => a.All(p => p.Excluded)))
        {
            problem = "only excludes words; add at least one word to search for (a -word only narrows a search)";
            return null;
        }
        problem = null;
        return new SearchQuery(found);
    }

    /// <summary>Whether a text with these terms in this order matches: any alternative whose every part holds.</summary>
    public bool Matches(IReadOnlyList<string> textTerms) => Alternatives.Any(parts => parts.All(part => Holds(part, textTerms) != part.Excluded));

    private static bool Holds(QueryPart part, IReadOnlyList<string> textTerms)
    {
        if (!part.Phrase)
        {
            return textTerms.Contains(part.Terms[0], StringComparer.Ordinal);
        }
        for (var start = 0; start + part.Terms.Count <= textTerms.Count; start++)
        {
            var all = true;
            for (var j = 0; j < part.Terms.Count && all; j++)
            {
                all = textTerms[start + j] == part.Terms[j];
            }
            if (all)
            {
                return true;
            }
        }
        return false;
    }
}
