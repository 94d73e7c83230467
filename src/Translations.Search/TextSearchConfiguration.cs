using System.Collections.Frozen;
using System.Reflection;
using System.Text;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Translations.Search;

/// <summary>
/// PostgreSQL 15's text search configurations <c>russian</c>, <c>english</c> and <c>simple</c>: which tokens
/// are indexed (not tags, entities or protocols) and which dictionary makes a token's lexeme. A new one per
/// text: Snowball's stemmers are stateful, so never shared between threads.
/// </summary>
internal sealed class TextSearchConfiguration
{
    private enum Dictionary { Simple, English, Russian }

    private readonly string _name;
    private SnowballProgram? _russian;
    private SnowballProgram? _english;

    private TextSearchConfiguration(string name) => _name = name;

    /// <summary>The configuration PostgreSQL uses for <paramref name="language"/>: by its primary subtag, as the storage chooses it.</summary>
    public static TextSearchConfiguration Of(string language) => new(NameOf(language));

    /// <summary>The name of the PostgreSQL configuration for <paramref name="language"/>.</summary>
    public static string NameOf(string language) => language.Split('-')[0] switch
    {
        "ru" => "russian",
        "en" => "english",
        _ => "simple",
    };

    public bool Indexes(TokenKind kind) => kind is not (TokenKind.Tag or TokenKind.Entity or TokenKind.Protocol);

    /// <summary>The lexeme of a token, or null for a stop word.</summary>
    public string? Lexeme(TokenKind kind, ReadOnlySpan<char> token)
    {
        var lower = Lower(token);
        return DictionaryOf(kind) switch
        {
            Dictionary.English when StopWords.English.Contains(lower) => null,
            Dictionary.English => Stem(_english ??= new EnglishStemmer(), lower),
            // PostgreSQL's Russian stemmer (Snowball 2) reads ё as е; the older one in Lucene.Net does not.
            Dictionary.Russian when StopWords.Russian.Contains(lower) => null,
            Dictionary.Russian => Stem(_russian ??= new RussianStemmer(), lower.Replace('ё', 'е')),
            _ => lower,
        };
    }

    private Dictionary DictionaryOf(TokenKind kind) => (_name, kind) switch
    {
        ("simple", _) => Dictionary.Simple,
        (_, TokenKind.AsciiWord or TokenKind.AsciiHyphenated or TokenKind.AsciiPart) => Dictionary.English,
        ("english", TokenKind.Word or TokenKind.Hyphenated or TokenKind.Part) => Dictionary.English,
        ("russian", TokenKind.Word or TokenKind.Hyphenated or TokenKind.Part) => Dictionary.Russian,
        _ => Dictionary.Simple,
    };

    /// <summary>
    /// Lower case as PostgreSQL makes it. Composed (NFC) first, which PostgreSQL does not do: a word typed with a
    /// combining mark (и + breve) then gives the term of the same word typed composed (й).
    /// </summary>
    private static string Lower(ReadOnlySpan<char> token)
    {
        var composed = token.ToString().Normalize(NormalizationForm.FormC);
        return composed.ToLowerInvariant();
    }

    private static string Stem(SnowballProgram stemmer, string word)
    {
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    /// <summary>
    /// The stop word lists of PostgreSQL's english_stem and russian_stem dictionaries (tsearch_data/*.stop, which
    /// are Snowball's lists, BSD-licensed: https://snowballstem.org), embedded from StopWords/.
    /// </summary>
    private static class StopWords
    {
        public static readonly FrozenSet<string> English = Read("english.stop");
        public static readonly FrozenSet<string> Russian = Read("russian.stop");

        private static FrozenSet<string> Read(string name)
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Translations.Search.StopWords." + name)
                ?? throw new InvalidOperationException($"The stop word list {name} is not embedded.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd().Split('\n').Select(w => w.Trim().ToLowerInvariant()).Where(w => w.Length > 0)
                .ToFrozenSet(StringComparer.Ordinal);
        }
    }
}
