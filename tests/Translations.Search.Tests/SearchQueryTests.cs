namespace Translations.Search.Tests;

/// <summary>
/// The query syntax people type, read as PostgreSQL's websearch_to_tsquery reads it, and what it matches (each
/// expectation checked against PostgreSQL 15: <c>to_tsvector(c, text) @@ websearch_to_tsquery(c, query)</c>).
/// </summary>
public sealed class SearchQueryTests
{
    private static SearchQuery Parse(string text, string language = "ru") =>
        SearchQuery.Parse(text, language, out var problem) ?? throw new InvalidOperationException(problem);

    private static bool Matches(string query, string text, string language = "ru") =>
        Parse(query, language).Matches(SearchTerms.Positions(text, language));

    private const string Exercise = "Совместные учения ОДКБ прошли в Таджикистане. Учениями руководил штаб, пресс-релиз опубликован 5 мая.";

    [Theory]
    [InlineData("учения ОДКБ", true)]                       // every word, in any form
    [InlineData("учениях одкб прошла", true)]
    [InlineData("учения НАТО", false)]
    [InlineData("\"учения ОДКБ\"", true)]                   // a phrase: the words next to each other
    [InlineData("\"ОДКБ учения\"", false)]
    [InlineData("«учения ОДКБ»", true)]                     // «» are punctuation, not a phrase
    [InlineData("учения -Таджикистане", false)]            // an excluded word
    [InlineData("учения -Казахстан", true)]
    [InlineData("учения -\"прошли в Таджикистане\"", false)] // an excluded phrase
    [InlineData("НАТО OR ОДКБ", true)]
    [InlineData("НАТО or ЕС", false)]
    [InlineData("учения НАТО OR штаб", true)]              // (учения AND НАТО) OR штаб
    [InlineData("пресс-релиз", true)]                       // a hyphenated word is a phrase of its parts
    [InlineData("релиз-пресс", false)]
    [InlineData("5 мая", true)]
    [InlineData("ёлка OR учёния", true)]                    // ё read as е
    [InlineData("\"учения в Таджикистане\"", false)]        // a stop word in a phrase keeps its place
    [InlineData("\"прошли в Таджикистане\"", true)]
    [InlineData("\"прошли и Таджикистане\"", true)]         // any word may stand there, as in PostgreSQL
    [InlineData("\"ОДКБ в Таджикистане\"", false)]
    [InlineData("и учения в", true)]                        // stop words left out
    [InlineData("учения - ОДКБ", false)]                    // a minus, then the word it excludes
    [InlineData("учения --ОДКБ", true)]                     // twice: not excluded
    [InlineData("учения(НАТО|ОДКБ)", false)]               // ( | ) separate words, each to be there
    public void A_query_matches_as_people_mean_it(string query, bool matches) => Assert.Equal(matches, Matches(query, Exercise));

    [Fact]
    public void OR_binds_looser_than_the_implied_AND()
    {
        var query = Parse("a b OR c d", "simple");

        Assert.Equal([["a", "b"], ["c", "d"]], query.Alternatives.Select(a => a.Select(p => p.Terms[0]).ToArray()));
    }

    [Fact]
    public void An_unclosed_quote_is_a_phrase_to_the_end_and_a_dangling_OR_is_a_word()
    {
        var query = Parse("OR учения \"ОДКБ прошли OR");

        Assert.Equal(2, query.Alternatives[0].Count);
        Assert.True(query.Alternatives[0][1].Phrase);
        Assert.Equal(["одкб", "прошл"], query.Alternatives[0][1].Terms);            // "or": an English stop word
        Assert.Equal(["or", "учения"], Parse("OR учения", "simple").Alternatives[0].Select(p => p.Terms[0]));
    }

    [Fact]
    public void A_stop_word_inside_a_phrase_leaves_a_gap_and_at_its_ends_nothing()
    {
        var query = Parse("\"в учениях в Москве в\"");

        Assert.Equal(["учен", null, "москв"], query.Alternatives[0][0].Terms);
    }

    [Fact]
    public void An_unquoted_hyphenated_word_is_a_phrase_of_the_whole_and_its_parts()
    {
        var part = Assert.Single(Parse("пресс-релиз").Alternatives[0]);

        Assert.True(part.Phrase);
        Assert.Equal(["пресс-релиз", "пресс", "релиз"], part.Terms);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!! … «» — \"\" ???")]
    [InlineData("-")]
    public void A_query_without_a_word_is_refused(string text)
    {
        Assert.Null(SearchQuery.Parse(text, "ru", out var problem));
        Assert.StartsWith("has no word to search for", problem);
    }

    [Theory]
    [InlineData("the", "en", "the")]
    [InlineData("и в", "ru", "и, в")]
    [InlineData("OR OR", "ru", "OR")]                       // no OR between words: the word "or", twice
    [InlineData("\"и в\" OR the -а", "ru", "и, в, the, а")]
    public void A_query_of_stop_words_alone_is_refused(string text, string language, string stopWords)
    {
        Assert.Null(SearchQuery.Parse(text, language, out var problem));
        Assert.Equal($"has only words too common to search for ({stopWords}); add a more particular word", problem);
    }

    [Fact]
    public void A_query_that_only_excludes_is_refused()
    {
        Assert.Null(SearchQuery.Parse("-учения -\"ОДКБ\"", "ru", out var problem));
        Assert.StartsWith("only excludes words", problem);
    }

    [Fact]
    public void A_query_of_a_thousand_words_is_refused_and_one_of_sixty_four_is_not()
    {
        Assert.Null(SearchQuery.Parse(string.Join(' ', Enumerable.Repeat("учения", 1_000)), "ru", out var problem));
        Assert.Equal("has 1000 words; at most 64 are searched for: shorten it", problem);
        Assert.NotNull(SearchQuery.Parse(string.Join(' ', Enumerable.Repeat("учения", SearchQuery.MaxWords)), "ru", out _));
        Assert.Null(SearchQuery.Parse("учения " + string.Join(' ', Enumerable.Repeat("в", SearchQuery.MaxWords)), "ru", out problem));   // stop words were typed too
        Assert.Equal("has 65 words; at most 64 are searched for: shorten it", problem);
    }

    [Fact]
    public void Marked_terms_are_those_of_the_parts_not_excluded()
    {
        Assert.Equal(["одкб", "учен", "штаб"], Parse("учения -НАТО \"ОДКБ\" OR штаб").MarkedTerms.Order(StringComparer.Ordinal));
        Assert.Equal(["москв", "учен"], Parse("\"учения в Москве\" и").MarkedTerms.Order(StringComparer.Ordinal));   // never a stop word
    }
}
