namespace Translations.Search.Tests;

/// <summary>Snippets: an extract around the matched words, their places as ranges, never markup.</summary>
public sealed class SnippetTests
{
    private static Snippet Of(string text, string query, int maxLength = Snippet.DefaultLength) =>
        Snippet.Of(text, SearchQuery.Parse(query, "ru", out _)!, "ru", maxLength);

    private static string[] Marked(Snippet snippet) => snippet.Marks.Select(m => snippet.Text.Substring(m.Start, m.Length)).ToArray();

    [Fact]
    public void The_marks_are_the_matched_words_as_they_are_written()
    {
        var snippet = Of("Совместные учения ОДКБ прошли в Таджикистане.\n\nУчениями руководил штаб.", "учения одкб");

        Assert.Equal(["учения", "ОДКБ", "Учениями"], Marked(snippet));
        Assert.Equal("Совместные учения ОДКБ прошли в Таджикистане.  Учениями руководил штаб.", snippet.Text);   // line breaks as spaces
    }

    [Fact]
    public void Stop_words_are_not_marked_and_a_hyphenated_word_is_marked_once()
    {
        var snippet = Of("Пресс-релиз: учения в Москве и в Минске.", "\"учения в Москве\" пресс-релиз");

        Assert.Equal(["Пресс-релиз", "учения", "Москве"], Marked(snippet));
        Assert.Equal(["релиз"], Marked(Of("Пресс-релиз опубликован.", "релиз")));
    }

    [Fact]
    public void A_long_text_is_cut_around_the_matches_at_word_boundaries()
    {
        var text = string.Join(' ', Enumerable.Repeat("Вступительные слова без совпадений.", 20)) + " Здесь прошли учения ОДКБ. "
            + string.Join(' ', Enumerable.Repeat("Заключительные слова.", 20));

        var snippet = Of(text, "учения ОДКБ", maxLength: 120);

        Assert.StartsWith("…", snippet.Text);
        Assert.EndsWith("…", snippet.Text);
        Assert.True(snippet.Text.Length <= 122, snippet.Text);
        Assert.Equal(["учения", "ОДКБ"], Marked(snippet));
        Assert.DoesNotContain(snippet.Text.Trim('…').Split(' ', StringSplitOptions.RemoveEmptyEntries), w => w.Length == 1 && char.IsLetter(w[0]) && !"вс".Contains(w[0]));
    }

    [Fact]
    public void Markup_in_the_text_is_text_and_the_marks_are_ranges()
    {
        var snippet = Of("<b>Учения</b> & <script>alert(1)</script>", "учения");

        Assert.Equal("<b>Учения</b> & <script>alert(1)</script>", snippet.Text);
        Assert.Equal([new Mark(3, 6)], snippet.Marks);
    }

    [Fact]
    public void Without_a_match_the_snippet_is_the_texts_beginning()
    {
        var snippet = Of("Первый абзац. Второй абзац.", "учения", maxLength: 15);

        Assert.Equal("Первый абзац…", snippet.Text);
        Assert.Empty(snippet.Marks);
    }
}
