using System.Text;
using Translations.Interchange.Archive;

namespace Translations.Interchange.Tests;

/// <summary>The old site's archive export, read from fixtures written for these tests in its format.</summary>
public sealed class ArchiveReaderTests
{
    private const string Export = """
        05.03.2023

        On 5 March 2023 the Secretariat hosted a seminar on civil protection for the member states.


        05.03.2023

        The working group on information security met in Minsk. Experts compared national practice.


        Council adopts a statement on regional security

        Council adopts a statement on regional security 14.11.2022

         On 14 November the Council met under the chairmanship of Armenia. (Video)

        The heads of delegation discussed the state of regional security.

        In total, 12 documents were signed.

        ____________________________________________________

        The Press Secretary    Anna Example

        +7-000-000-00-00

        E-mail: press@example.org

        Go back

        Back to the section

        Back to the all news
        """;

    private static IReadOnlyList<ArchiveItem> Read(string text) => ArchiveReader.Read(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Short_dated_items_and_a_full_release_are_read_with_their_dates_titles_paragraphs_and_contact()
    {
        var items = Read(Export);

        Assert.Equal(3, items.Count);
        Assert.Equal([new DateOnly(2023, 3, 5), new DateOnly(2023, 3, 5), new DateOnly(2022, 11, 14)], items.Select(i => i.ReleaseDate));
        Assert.Equal([1, 6, 11], items.Select(i => i.Line));
        Assert.Null(items[0].Title);
        Assert.Equal(["On 5 March 2023 the Secretariat hosted a seminar on civil protection for the member states."], items[0].Paragraphs);
        Assert.False(items[0].HasVideo);
        Assert.Null(items[0].Contact);

        var release = items[2];
        Assert.Equal("Council adopts a statement on regional security", release.Title);
        Assert.Equal(
            ["On 14 November the Council met under the chairmanship of Armenia.", "The heads of delegation discussed the state of regional security.", "In total, 12 documents were signed."],
            release.Paragraphs);
        Assert.True(release.HasVideo);
        Assert.Equal("The Press Secretary Anna Example\n+7-000-000-00-00\nE-mail: press@example.org", release.Contact);
        Assert.EndsWith("In total, 12 documents were signed.\n\nThe Press Secretary Anna Example\n+7-000-000-00-00\nE-mail: press@example.org", release.Body);
        Assert.DoesNotContain("Go back", release.Body);
        Assert.DoesNotContain("(Video)", release.Body);
    }

    [Fact]
    public void Russian_navigation_lines_and_video_markers_are_recognised_too()
    {
        var items = Read("""
            Совет принял заявление

            Совет принял заявление 02.12.2020

            Сессия прошла в формате видеоконференции. (Видео)

            Назад

            Вернуться в раздел
            """);

        var item = Assert.Single(items);
        Assert.Equal(["Сессия прошла в формате видеоконференции."], item.Paragraphs);
        Assert.True(item.HasVideo);
        Assert.Equal("Совет принял заявление", item.Title);
    }

    [Fact]
    public void What_real_exports_contain_reads_the_same_as_a_clean_file()
    {
        // A byte-order mark, CRLF, trailing spaces, non-breaking spaces, runs of blank lines, spaces inside paragraphs.
        var messy = "\uFEFF" + Export.Replace("\n", "   \r\n\r\n", StringComparison.Ordinal)
            .Replace("civil protection", "civil\u00A0protection  ", StringComparison.Ordinal)
            .Replace("Experts compared", "Experts \t compared", StringComparison.Ordinal);

        var clean = Read(Export);
        var tolerated = Read(messy);

        Assert.Equal(clean.Select(Content), tolerated.Select(Content));
        Assert.Equal(clean.Select(Content), Read(Export).Select(Content));   // and the same every time
    }

    [Fact]
    public void An_item_without_a_title_is_titled_by_its_first_sentence_cut_at_a_word_boundary()
    {
        var item = Read(Export)[1];

        Assert.Equal("The working group on information security met in Minsk.", item.TitleOrFirstSentence(300));
        Assert.Equal("The working group on…", item.TitleOrFirstSentence(24));
        Assert.Equal("Council adopts a statement on regional security", Read(Export)[2].TitleOrFirstSentence(300));
    }

    [Theory]
    [InlineData("31.02.2020\n\nText of the item.", 1, "31.02.2020 is not a date")]
    [InlineData("01.02.2020\n\nText.\n\n\nA title\n\nA title 30.02.2020\n\nText.", 8, "30.02.2020 is not a date")]
    [InlineData("01.02.2020\n\nText.\n\n\nA title\n\nA title 03.02.2020\n", 6, "the title \"A title\" is not followed by any text")]
    [InlineData("01.02.2020\n\n", 1, "the item dated 01.02.2020 has no text")]
    [InlineData("A title\n\nA title 03.02.2020\n\n_______\n\nPress office", 5, "a press contact block (under a line of underscores) with no text of the item before it")]
    [InlineData("Some text before any item.\n\n01.02.2020\n\nText.", 1, "expected an item")]
    [InlineData("", 1, "the file holds no item")]
    [InlineData("\r\n  \r\n", 1, "the file holds no item")]
    public void A_malformed_file_is_refused_whole_with_the_line_and_what_was_expected(string text, int line, string problem)
    {
        var refused = Assert.Throws<ArchiveFormatException>(() => Read(text));

        Assert.Equal(line, refused.Line);
        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
        Assert.StartsWith($"line {line}: ", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_UTF_8_is_refused_with_the_line_of_the_first_bad_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("01.02.2020\n\nText.\n\n").Concat(Encoding.Latin1.GetBytes("Caf\u00E9 au lait.")).ToArray();

        var refused = Assert.Throws<ArchiveFormatException>(() => ArchiveReader.Read(bytes));

        Assert.Equal(5, refused.Line);
        Assert.Contains("not UTF-8", refused.Message, StringComparison.Ordinal);
    }

    private static string Content(ArchiveItem item) => $"{item.ReleaseDate}|{item.Title}|{item.Body}|{item.HasVideo}";
}
