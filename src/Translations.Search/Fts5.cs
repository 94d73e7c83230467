using System.Text;

namespace Translations.Search;

// TEMPORARY stand-in until the parity branch lands.
public static class Fts5
{
    public const string Tokenizer = "unicode61 remove_diacritics 0 tokenchars '_'";

    public static string IndexText(string text, string language) =>
        string.Join(' ', SearchTerms.Words(text, language).Select(w => Encode(w.Term)));

    public static string Match(SearchQuery query) =>
        string.Join(" OR ", query.Alternatives.Select(a =>
        {
            var positive = string.Join(" AND ", a.Where(p => !p.Excluded).Select(Phrase));
            var negative = string.Concat(a.Where(p => p.Excluded).Select(p => " NOT " + Phrase(p)));
            return $"({positive}{negative})";
        }));

    private static string Phrase(QueryPart part) => "\"" + string.Join(' ', part.Terms.Select(Encode)) + "\"";

    private static string Encode(string term)
    {
        var b = new StringBuilder();
        foreach (var c in term)
        {
            if (char.IsLetterOrDigit(c)) b.Append(c); else b.Append('_').Append(((int)c).ToString("x")).Append('_');
        }
        return b.ToString();
    }
}
