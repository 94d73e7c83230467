namespace Translations.Search;

/// <summary>One part of a query: a word, or a "quoted phrase" whose words must follow each other; <see cref="Excluded"/> for -word.</summary>
/// <param name="Terms">
/// The terms of its words, in order (<see cref="SearchTerms"/>); null where a stop word stood inside a phrase: any
/// one word may stand there (PostgreSQL's <c>&lt;2&gt;</c>). Never null first or last.
/// </param>
public sealed record QueryPart(IReadOnlyList<string?> Terms, bool Phrase, bool Excluded);

/// <summary>
/// A query as people type it, read as PostgreSQL's <c>websearch_to_tsquery</c> reads it: words (all must be
/// there), "quoted phrases", <c>-excluded</c> words or phrases, and <c>OR</c> between two parts, which binds
/// looser than the implied AND (<c>a b OR c</c> is <c>(a AND b) OR c</c>). So a query is a list of
/// <see cref="Alternatives"/>, a release matching any of them; each alternative is parts that must all hold.
/// A word is cut and made a term as in a text (<see cref="SearchTerms"/>): "a-b" or "a,b" outside quotes is a
/// phrase of its terms, as is a hyphenated word (пресс-релиз: the whole, then its parts); stop words are left
/// out, and inside a phrase leave a gap. Other signs separate words as PostgreSQL's do (<see cref="QueryReader"/>).
/// </summary>
public sealed record SearchQuery(IReadOnlyList<IReadOnlyList<QueryPart>> Alternatives)
{
    /// <summary>At most this many words: a longer query is refused, not run.</summary>
    public const int MaxWords = 64;

    /// <summary>The terms a hit is marked by: those of every part that is not excluded (never a stop word's).</summary>
    public IReadOnlySet<string> MarkedTerms { get; } =
        Alternatives.SelectMany(a => a).Where(p => !p.Excluded).SelectMany(p => p.Terms).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The query in <paramref name="text"/>, its words' terms in <paramref name="language"/>; null with the
    /// <paramref name="problem"/> (for a person: what is wrong and what to type instead) when there is nothing to
    /// search for (no word, or only stop words), only excluded words in some alternative, or more than
    /// <see cref="MaxWords"/> words.
    /// </summary>
    public static SearchQuery? Parse(string? text, string language, out string? problem)
    {
        var reader = new QueryReader(text ?? "", language);
        var alternatives = reader.Read();
        if (reader.Words > MaxWords)
        {
            problem = $"has {reader.Words} words; at most {MaxWords} are searched for: shorten it";
            return null;
        }
        var found = alternatives.Where(a => a.Count > 0).ToList();
        if (found.Count == 0)
        {
            problem = reader.StopWords.Count > 0
                ? $"has only words too common to search for ({string.Join(", ", reader.StopWords)}); add a more particular word"
                : "has no word to search for; type at least one word (letters or digits)";
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

    /// <summary>
    /// Whether a text with these terms at these positions matches (<see cref="SearchTerms.Positions"/>: item
    /// <c>n - 1</c> is the term at position <c>n</c>, null for a stop word): any alternative whose every part holds.
    /// </summary>
    public bool Matches(IReadOnlyList<string?> textTerms) => Alternatives.Any(parts => parts.All(part => Holds(part, textTerms) != part.Excluded));

    private static bool Holds(QueryPart part, IReadOnlyList<string?> textTerms)
    {
        for (var start = 0; start + part.Terms.Count <= textTerms.Count; start++)
        {
            var all = true;
            for (var j = 0; j < part.Terms.Count && all; j++)
            {
                all = part.Terms[j] is null || textTerms[start + j] == part.Terms[j];
            }
            if (all)
            {
                return true;
            }
        }
        return false;
    }
}
