namespace Translations.Search.Tests;

/// <summary>The words and terms of Russian and English texts: what makes "учения" find "учениях".</summary>
public sealed class SearchTermsTests
{
    private static string[] Terms(string text, string language) => SearchTerms.Words(text, language).Select(w => w.Term).ToArray();

    [Theory]
    [InlineData("ru", "учения", "учений", "учениях", "учениями")]
    [InlineData("ru", "заявление", "заявления", "заявлением", "заявлении")]
    [InlineData("ru", "собрались", "собрался", "собралась", "собрались")]
    [InlineData("ru", "ёлка", "елка", "Ёлки", "ЕЛКИ")]
    [InlineData("ru", "ОДКБ", "одкб", "Одкб", "ОДКБ")]
    [InlineData("en", "exercise", "exercises", "Exercise", "EXERCISES")]
    [InlineData("en", "statement", "statements", "Statement", "statements")]
    [InlineData("ru", "exercise", "exercises", "Exercise", "EXERCISES")]          // Latin words in Russian text: the English stemmer
    public void Inflected_forms_case_and_yo_give_one_term(string language, params string[] forms)
    {
        var terms = forms.Select(f => SearchTerms.Term(f, language)).Distinct().ToArray();

        Assert.Single(terms);
    }

    [Fact]
    public void Words_are_runs_of_letters_and_digits_and_a_hyphen_splits_them()
    {
        var words = SearchTerms.Words("«Пресс-релиз» ОДКБ, 5-го мая 2024 г.: CSTO-led учения!", "ru");

        Assert.Equal(["пресс", "релиз", "одкб", "5", "го", "ма", "2024", "г", "csto", "led", "учен"], words.Select(w => w.Term));
        Assert.Equal((1, 5), (words[0].Start, words[0].Length));
        Assert.Equal((7, 5), (words[1].Start, words[1].Length));
    }

    [Fact]
    public void Another_language_is_folded_but_not_stemmed()
    {
        Assert.Equal(["übungen", "елка"], Terms("Übungen ЁЛКА", "de"));
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
