using Translations.Workbench.Translate;

namespace Translations.Workbench.Tests.App;

/// <summary>The editor's paragraph boxes: a body cut at blank lines, and joined back with one.</summary>
public sealed class ParagraphsTests
{
    [Fact]
    public void A_body_is_cut_at_blank_lines_of_any_kind()
    {
        Assert.Equal(["One\nline two", "Three", "Four"], Paragraphs.Split("One\nline two\n\nThree\r\n \r\n\r\nFour\n"));
    }

    [Fact]
    public void Paragraphs_are_joined_with_one_blank_line_and_empty_boxes_left_out()
    {
        Assert.Equal("One\n\nTwo", Paragraphs.Join([" One ", "", null, "Two"]));
    }

    [Fact]
    public void A_translation_with_fewer_paragraphs_than_the_source_gets_empty_boxes()
    {
        Assert.Equal(["Eins", "Zwei", ""], Paragraphs.Fit(["Eins", "Zwei"], 3));
    }

    [Fact]
    public void A_translation_with_more_paragraphs_than_the_source_keeps_the_rest_in_the_last_box()
    {
        Assert.Equal(["Eins", "Zwei\n\nDrei"], Paragraphs.Fit(["Eins", "Zwei", "Drei"], 2));
    }
}
