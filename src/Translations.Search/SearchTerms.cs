using System.Globalization;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Translations.Search;

/// <summary>A word of a text as search sees it: its <see cref="Term"/> (the normal form an index holds) and where it stands.</summary>
/// <param name="Start">The word's first character in the text.</param>
/// <param name="Length">The word's length in the text.</param>
public readonly record struct TextWord(string Term, int Start, int Length);

/// <summary>
/// The words of a text and their terms, the same for indexing, for queries and for marking snippets. A word is a
/// run of letters and digits; a hyphen between two runs (пресс-релиз, CSTO-led) splits them into two words. A
/// term is the word in lower case with ё read as е, stemmed by Snowball as PostgreSQL's text search
/// configurations do: in Russian text, Cyrillic words by the Russian stemmer and words in Latin letters by the
/// English one; in English text, every word by the English stemmer; in any other language, not stemmed. A word
/// with a digit in it is never stemmed (2024, 5-го).
/// </summary>
public static class SearchTerms
{
    public static IReadOnlyList<TextWord> Words(string text, string language)
    {
        var words = new List<TextWord>();
        var stemmers = new Stemmers(language);
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || IsJoiner(text, i)))
            {
                i++;
            }
            words.Add(new TextWord(stemmers.Term(text.AsSpan(start, i - start)), start, i - start));
        }
        return words;
    }

    /// <summary>The term of one word as <see cref="Words"/> gives it.</summary>
    public static string Term(string word, string language) => new Stemmers(language).Term(word);

    /// <summary>A combining mark inside a word (й written as и + U+0306) belongs to it.</summary>
    private static bool IsJoiner(string text, int i) =>
        CharUnicodeInfo.GetUnicodeCategory(text[i]) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>The stemmers of one text (Snowball's are stateful, so one per text, never shared between threads).</summary>
    private sealed class Stemmers(string language)
    {
        private SnowballProgram? _russian;
        private SnowballProgram? _english;

        public string Term(ReadOnlySpan<char> word)
        {
            var folded = Fold(word);
            if (folded.Any(char.IsDigit))
            {
                return folded;
            }
            var latin = folded.All(c => c < 128);
            var stemmer = language switch
            {
                "ru" when !latin => _russian ??= new RussianStemmer(),
                "ru" or "en" => _english ??= new EnglishStemmer(),
                _ => null,
            };
            if (stemmer is null)
            {
                return folded;
            }
            stemmer.SetCurrent(folded);
            stemmer.Stem();
            return stemmer.Current;
        }

        private static string Fold(ReadOnlySpan<char> word)
        {
            var normalized = word.ToString().Normalize(System.Text.NormalizationForm.FormC);
            return string.Create(normalized.Length, normalized, (span, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    var lower = char.ToLowerInvariant(source[i]);
                    span[i] = lower == 'ё' ? 'е' : lower;
                }
            });
        }
    }
}
