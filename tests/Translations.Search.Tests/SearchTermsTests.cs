namespace Translations.Search.Tests;

/// <summary>
/// The words and terms of Russian and English texts: what makes "учения" find "учениях". The expected terms and
/// positions are what PostgreSQL 15 gives (<c>to_tsvector</c> in the russian, english or simple configuration).
/// </summary>
public sealed class SearchTermsTests
{
    private static string[] Terms(string text, string language) => SearchTerms.Words(text, language).Select(w => w.Term).ToArray();

    private static string[] Vector(string text, string language) =>
        SearchTerms.Words(text, language).Select(w => $"{w.Term}:{w.Position}").ToArray();

    [Theory]
    [InlineData("ru", "учения", "учений", "учениях", "учениями")]
    [InlineData("ru", "заявление", "заявления", "заявлением", "заявлении")]
    [InlineData("ru", "собрались", "собрался", "собралась", "собрались")]
    [InlineData("ru", "ёлка", "елка", "Ёлки", "ЕЛКИ")]
    [InlineData("ru", "ОДКБ", "одкб", "Одкб", "ОДКБ")]
    [InlineData("en", "exercise", "exercises", "Exercise", "EXERCISES")]
    [InlineData("en", "statement", "statements", "Statement", "statements")]
    [InlineData("ru", "exercise", "exercises", "Exercise", "EXERCISES")]          // Latin words in Russian text: the English stemmer
    [InlineData("ru-RU", "учения", "учениях")]                                      // the language by its primary subtag
    [InlineData("en-GB", "exercise", "exercises")]
    public void Inflected_forms_case_and_yo_give_one_term(string language, params string[] forms)
    {
        var terms = forms.Select(f => SearchTerms.Term(f, language)).Distinct().ToArray();

        Assert.Single(terms);
    }

    [Fact]
    public void Stop_words_have_no_term_but_keep_their_position()
    {
        Assert.Equal(["учен:1", "москв:3"], Vector("учения в Москве", "ru"));
        Assert.Equal(["exercis:2", "moscow:4"], Vector("The exercises in Moscow", "en"));
        Assert.Equal(["учен:1", "exercis:3"], Vector("учения the exercises", "ru"));   // Latin words in Russian text: English stop words
        Assert.Equal([null, "учен", null, "москв"], SearchTerms.Positions("И учения в Москве", "ru"));
        Assert.Null(SearchTerms.Term("и", "ru"));
    }

    [Fact]
    public void A_hyphenated_word_is_indexed_whole_and_then_part_by_part()
    {
        Assert.Equal(["пресс-релиз:1", "пресс:2", "релиз:3", "опубликова:4"], Vector("Пресс-релиз опубликован", "ru"));
        Assert.Equal(["csto-l:1", "csto:2", "led:3"], Vector("CSTO-led", "ru"));
        Assert.Equal(["северо-западн:1", "север:2", "западн:3"], Vector("северо-западный", "ru"));
        Assert.Equal(["ту-154м:1", "ту:2", "154м:3"], Vector("Ту-154М", "ru"));
    }

    [Fact]
    public void Numbers_dates_and_words_with_digits_are_cut_as_PostgreSQL_cuts_them()
    {
        Assert.Equal(["12.05.2026:1", "г:2"], Vector("12.05.2026 г.", "ru"));
        Assert.Equal(["3:1", "5:2", "3.5:4"], Vector("3,5 и 3.5", "ru"));
        Assert.Equal(["5:1", "го:2", "ма:3"], Vector("5-го мая", "ru"));
        Assert.Equal(["covid:1", "-19:2", "g20:3"], Vector("COVID-19, G20", "en"));
        Assert.Equal(["+7:1", "495:2", "123:3", "-45:4", "-67:5"], Vector("+7 495 123-45-67", "ru"));
    }

    [Fact]
    public void Quotes_and_apostrophes_separate_words()
    {
        Assert.Equal(["o:1", "neil:2"], Vector("O'Neil", "ru"));                      // "o" is no English stop word
        Assert.Equal(["учен:1", "одкб:2", "csto:3"], Vector("«Учения» \"ОДКБ\" “CSTO”", "ru"));
    }

    [Fact]
    public void Hosts_and_addresses_are_one_term_and_tags_none()
    {
        Assert.Equal(["odkb-csto.org:1"], Vector("odkb-csto.org", "ru"));
        Assert.Equal(["press@odkb-csto.org:1"], Vector("press@odkb-csto.org", "ru"));
        Assert.Equal(["учен:1", "одкб:2"], Vector("<b>Учения</b> &amp; ОДКБ", "ru"));
    }

    [Fact]
    public void Another_language_is_put_in_lower_case_only()
    {
        Assert.Equal(["übungen", "ёлка", "и", "the"], Terms("Übungen ЁЛКА и the", "de"));    // simple: no stop words, ё kept
    }

    [Fact]
    public void Only_the_Russian_stemmer_reads_yo_as_ye()
    {
        Assert.Equal(["елк", "ёлки"], [SearchTerms.Term("Ёлки", "ru"), SearchTerms.Term("Ёлки", "en")]);
    }

    [Fact]
    public void Words_are_where_they_are_written()
    {
        var words = SearchTerms.Words("«Пресс-релиз» ОДКБ", "ru");

        Assert.Equal([(1, 11), (1, 5), (7, 5), (14, 4)], words.Select(w => (w.Start, w.Length)));
    }

    [Fact]
    public void Words_with_digits_are_kept_whole()
    {
        Assert.Equal(["2024", "s300", "covid19"], Terms("2024 S300 COVID19", "en"));
    }

    [Fact]
    public void A_decomposed_letter_stays_inside_its_word()
    {
        var decomposed = "сои\u0306дет";   // й as и + combining breve

        Assert.Equal([SearchTerms.Term("сойдет", "ru")], Terms(decomposed, "ru"));
    }
}
