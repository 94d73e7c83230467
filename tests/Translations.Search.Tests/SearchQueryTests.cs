namespace Translations.Search.Tests;

/// <summary>The query syntax people type, read as PostgreSQL's websearch_to_tsquery reads it, and what it matches.</summary>
public sealed class SearchQueryTests
{
    private static SearchQuery Parse(string text, string language = "ru") =>
        SearchQuery.Parse(text, language, out var problem) ?? throw new InvalidOperationException(problem);

    private static bool Matches(string query, string text, string language = "ru") =>
        Parse(query, language).Matches(SearchTerms.Words(text, language).Select(w => w.Term).ToArray());

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
    public void A_query_matches_as_people_mean_it(string query, bool matches) => Assert.Equal(matches, Matches(query, Exercise));

    [Fact]
    public void OR_binds_looser_than_the_implied_AND()
    {
        var query = Parse("a b OR c d", "en");

        Assert.Equal([["a", "b"], ["c", "d"]], query.Alternatives.Select(a => a.Select(p => p.Terms[0]).ToArray()));
    }

    [Fact]
    public void An_unclosed_quote_is_a_phrase_to_the_end_and_a_dangling_OR_is_ignored()
    {
        var query = Parse("OR учения \"ОДКБ прошли OR");

        Assert.Equal(2, query.Alternatives[0].Count);
        Assert.True(query.Alternatives[0][1].Phrase);
        Assert.Equal(["одкб", "прошл", "or"], query.Alternatives[0][1].Terms);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!! … «» — \"\" ???")]
    [InlineData("OR OR")]
    public void A_query_without_a_word_is_refused(string text)
    {
        Assert.Null(SearchQuery.Parse(text, "ru", out var problem));
        Assert.StartsWith("has no word to search for", problem);
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
    }

    [Fact]
    public void Marked_terms_are_those_of_the_parts_not_excluded()
    {
        Assert.Equal(["одкб", "учен", "штаб"], Parse("учения -НАТО \"ОДКБ\" OR штаб").MarkedTerms.Order(StringComparer.Ordinal));
    }
}
