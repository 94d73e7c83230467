using System.Text;

namespace Translations.Search;

/// <summary>A word of a text as search sees it: its <see cref="Term"/> (the normal form an index holds) and where it stands.</summary>
/// <param name="Start">The word's first character in the text.</param>
/// <param name="Length">The word's length in the text.</param>
public readonly record struct TextWord(string Term, int Start, int Length)
{
    /// <summary>Its position, counted from 1 as PostgreSQL counts them: stop words take one, as each part of a hyphenated word does.</summary>
    public int Position { get; init; }
}

/// <summary>
/// The words of a text and their terms, the same for indexing, for queries and for marking snippets, as
/// PostgreSQL 15's <c>to_tsvector</c> makes them in the configuration of the text's language (by its primary
/// subtag: <c>ru</c> russian, <c>en</c> english, anything else simple). The text is cut by PostgreSQL's default
/// parser (<see cref="TextParser"/>): words, numbers (12.05.2026, 3.5, -19), hosts and e-mail addresses, and a
/// hyphenated word whole and then part by part (пресс-релиз, пресс, релиз), each at a position of its own. A
/// word of letters goes to a Snowball stemmer with its stop words (in Russian text the Russian one, or the
/// English one for a word all in Latin letters; in English text the English one); anything else, and every
/// word of a text in another language, is only put in lower case. A stop word has no term but keeps its
/// position. ё is read as е only where PostgreSQL's Russian stemmer reads it so.
/// </summary>
public static class SearchTerms
{
    /// <summary>The words of <paramref name="text"/> that have a term, in position order (a hyphenated word before its parts).</summary>
    public static IReadOnlyList<TextWord> Words(string text, string language)
    {
        var words = new List<TextWord>();
        Analyse(text, language, (token, term, position) =>
        {
            if (term is not null)
            {
                words.Add(new TextWord(term, token.Start, token.Length) { Position = position });
            }
        });
        return words;
    }

    /// <summary>
    /// The terms of <paramref name="text"/> by position, as <see cref="SearchQuery.Matches"/> reads a text: the
    /// term at position <c>n</c> is item <c>n - 1</c>, null for a stop word.
    /// </summary>
    public static IReadOnlyList<string?> Positions(string text, string language)
    {
        var positions = new List<string?>();
        Analyse(text, language, (_, term, _) => positions.Add(term));
        return positions;
    }

    /// <summary>The term of one word as <see cref="Words"/> gives it; null for a stop word or text without a word.</summary>
    public static string? Term(string word, string language)
    {
        string? first = null;
        var seen = false;
        Analyse(word, language, (_, term, _) =>
        {
            first = seen ? first : term;
            seen = true;
        });
        return first;
    }

    /// <summary>Calls <paramref name="found"/> with every token that takes a position, its term (null: a stop word) and position.</summary>
    internal static void Analyse(string text, string language, Action<Token, string?, int> found)
    {
        var configuration = TextSearchConfiguration.Of(language);
        var position = 0;
        foreach (var token in TextParser.Tokens(text))
        {
            if (!configuration.Indexes(token.Kind) || Encoding.UTF8.GetByteCount(text.AsSpan(token.Start, token.Length)) >= MaxTokenBytes)
            {
                continue;
            }
            found(token, configuration.Lexeme(token.Kind, text.AsSpan(token.Start, token.Length)), ++position);
        }
    }

    /// <summary>PostgreSQL skips a longer token ("word is too long to be indexed"), without a position.</summary>
    private const int MaxTokenBytes = 2047;

    /// <summary>The PostgreSQL text search configuration whose reading of <paramref name="language"/> this class reproduces.</summary>
    public static string PostgreSqlConfiguration(string language) => TextSearchConfiguration.NameOf(language);
}
