using System.Text;

namespace Translations.Search;

/// <summary>
/// Search on SQLite's FTS5 as PostgreSQL searches: a column holds the terms .NET makes of a text
/// (<see cref="IndexText"/>), each one FTS5 token at PostgreSQL's position, and a query becomes a MATCH
/// expression over those tokens (<see cref="Match"/>), so FTS5 finds what <see cref="SearchQuery.Matches"/> finds.
/// </summary>
public static class Fts5
{
    /// <summary>The tokenizer option for the FTS5 table: every term is one token.</summary>
    public const string Tokenizer = "unicode61 remove_diacritics 0 tokenchars '_'";

    /// <summary>The token that stands for a stop word: a position without a term.</summary>
    private const string StopWord = "_";

    /// <summary>
    /// The text an FTS5 column holds for <paramref name="text"/> in <paramref name="language"/>: the terms in
    /// position order separated by spaces, a stop word as the lone token <c>_</c>, each term encoded so that
    /// unicode61 keeps it as exactly one token.
    /// </summary>
    public static string IndexText(string text, string language) =>
        string.Join(' ', SearchTerms.Positions(text, language).Select(term => term is null ? StopWord : Encode(term)));

    /// <summary>
    /// The MATCH expression for <paramref name="query"/> (any column): its alternatives joined by OR, each
    /// <c>( positive AND positive … NOT excluded NOT excluded … )</c> (FTS5 has no NOT on its own), a phrase as one
    /// quoted string with <c>_</c> at a stop word's place. Every token is quoted, so that none is read as a
    /// keyword (AND, OR, NOT, NEAR) or a column name.
    /// </summary>
    public static string Match(SearchQuery query) =>
        string.Join(" OR ", query.Alternatives.Select(parts =>
            "(" + string.Join(" AND ", parts.Where(p => !p.Excluded).Select(Quoted))
            + string.Concat(parts.Where(p => p.Excluded).Select(p => " NOT " + Quoted(p))) + ")"));

    private static string Quoted(QueryPart part) =>
        "\"" + string.Join(' ', part.Terms.Select(term => term is null ? StopWord : Encode(term))) + "\"";

    /// <summary>
    /// A term as one unicode61 token: lower-case letters and digits of the Latin, Greek and Cyrillic blocks as
    /// they are (letters unicode61 surely knows: it holds Unicode 6.1 and folds case), any other character
    /// <c>c</c> as <c>_{(int)c:x}_</c> (пресс-рел → пресс_2d_рел). So no term is ever <c>_</c>.
    /// </summary>
    internal static string Encode(string term)
    {
        if (term.All(IsKept))
        {
            return term;
        }
        var encoded = new StringBuilder(term.Length + 8);
        foreach (var c in term)
        {
            if (IsKept(c))
            {
                encoded.Append(c);
            }
            else
            {
                encoded.Append('_').Append(((int)c).ToString("x")).Append('_');
            }
        }
        return encoded.ToString();
    }

    private static bool IsKept(char c) => c < '\u0530' && char.IsLetterOrDigit(c) && char.ToLowerInvariant(c) == c;
}
