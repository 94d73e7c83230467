namespace Translations.Search;

/// <summary>
/// Reads a query as <c>websearch_to_tsquery</c> does (PostgreSQL 15): between words, a <c>-</c> negates the next
/// word or phrase (twice, not at all), <c>OR</c> (any case) after a word and before another starts a new
/// alternative, and anything else after a word is an implied AND; a word runs to a space, a double quote, a colon
/// or one of <c>! &amp; | ( ) &lt;</c> (which are skipped like spaces), and a phrase to the next double quote or the end. A word or phrase of stop
/// words alone is dropped, with the OR, AND or minus around it.
/// </summary>
internal sealed class QueryReader(string text, string language)
{
    private readonly List<List<QueryPart>> _alternatives = [[]];

    /// <summary>Words typed (a hyphenated word counts by its parts), stop words included.</summary>
    public int Words { get; private set; }

    /// <summary>The stop words typed, as typed.</summary>
    public List<string> StopWords { get; } = [];

    public List<List<QueryPart>> Read()
    {
        var excluded = false;
        var i = 0;
        while (i < text.Length)
        {
            // Waiting for a word or phrase.
            var c = text[i];
            if (IsSpace(c) || IsSeparator(c))
            {
                i++;
                continue;
            }
            if (c == '-')
            {
                excluded = !excluded;
                i++;
                continue;
            }
            int start, end;
            if (c == '"')
            {
                start = i + 1;
                end = text.IndexOf('"', start);
                end = end < 0 ? text.Length : end;
                i = Math.Min(end + 1, text.Length);
            }
            else
            {
                // A colon ends a word, as PostgreSQL's weights (word:A) would start there, but also starts one.
                start = i++;
                while (i < text.Length && !IsSpace(text[i]) && text[i] != '"' && text[i] != ':' && !IsSeparator(text[i]))
                {
                    i++;
                }
                end = i;
            }
            Add(text[start..end], excluded);
            excluded = false;

            // Waiting for what joins it to the next: OR, or an implied AND.
            while (i < text.Length && (IsSpace(text[i]) || IsSeparator(text[i])))
            {
                i++;
            }
            if (IsOr(i))
            {
                i += 2;
                if (_alternatives[^1].Count > 0)
                {
                    _alternatives.Add([]);
                }
            }
        }
        return _alternatives;
    }

    private void Add(string chunk, bool excluded)
    {
        var terms = new List<string?>();
        SearchTerms.Analyse(chunk, language, (token, term, _) =>
        {
            terms.Add(term);
            if (token.Kind is not (TokenKind.AsciiHyphenated or TokenKind.Hyphenated or TokenKind.NumHyphenated))
            {
                Words++;
            }
            if (term is null && !StopWords.Contains(chunk.Substring(token.Start, token.Length), StringComparer.OrdinalIgnoreCase))
            {
                StopWords.Add(chunk.Substring(token.Start, token.Length));
            }
        });
        var first = terms.FindIndex(t => t is not null);
        if (first < 0)
        {
            return;
        }
        var last = terms.FindLastIndex(t => t is not null);
        var kept = terms[first..(last + 1)];
        _alternatives[^1].Add(new QueryPart(kept, kept.Count > 1, excluded));
    }

    /// <summary>
    /// "OR" followed by neither a letter, a digit, - nor _, with something other than spaces after that: what
    /// PostgreSQL takes for the operator (else it is the word "or", a stop word in English and Russian).
    /// </summary>
    private bool IsOr(int i)
    {
        if (i + 2 >= text.Length || !text.AsSpan(i, 2).Equals("or", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var next = text[i + 2];
        if (next is '-' or '_' || char.IsLetter(next) || char.IsAsciiDigit(next))
        {
            return false;
        }
        for (var j = i + 3; j < text.Length; j++)
        {
            if (!IsSpace(text[j]))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsSeparator(char c) => c is '!' or '&' or '|' or '(' or ')' or '<';

    /// <summary>Space as glibc sees it: no-break spaces are not.</summary>
    private static bool IsSpace(char c) => char.IsWhiteSpace(c) && c is not ('\u00a0' or '\u2007' or '\u202f');
}
