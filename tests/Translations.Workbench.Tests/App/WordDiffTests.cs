using Translations.Workbench.Translate;

namespace Translations.Workbench.Tests.App;

/// <summary>The source's changes since a translation was made, as a translator reads them: word by word.</summary>
public sealed class WordDiffTests
{
    [Fact]
    public void Identical_texts_are_one_unchanged_part()
    {
        var parts = WordDiff.Compare("Мэрия открыла парк.", "Мэрия открыла парк.");

        Assert.Equal([new DiffPart(DiffKind.Same, "Мэрия открыла парк.")], parts);
        Assert.False(WordDiff.Changed(parts));
    }

    [Fact]
    public void A_replaced_word_is_deleted_then_inserted_between_what_stayed()
    {
        Assert.Equal(
            [Same("The quick "), Deleted("brown"), Inserted("red"), Same(" fox")],
            WordDiff.Compare("The quick brown fox", "The quick red fox"));
    }

    [Fact]
    public void Added_and_removed_words_are_marked_alone()
    {
        Assert.Equal([Same("open "), Inserted("every "), Same("day")], WordDiff.Compare("open day", "open every day"));
        Assert.Equal([Same("open "), Deleted("every "), Same("day")], WordDiff.Compare("open every day", "open day"));
    }

    [Fact]
    public void Spaces_and_full_stops_do_not_outvote_the_words()
    {
        var parts = WordDiff.Compare(
            "Летний фестиваль музыки пройдёт в июне.\n\nВход свободный.",
            "Вход свободный.\n\nНачало в семь вечера.");

        Assert.Equal(
            [Deleted("Летний фестиваль музыки пройдёт в июне.\n\n"), Same("Вход свободный."), Inserted("\n\nНачало в семь вечера.")],
            parts);
    }

    [Fact]
    public void A_space_that_became_a_paragraph_break_is_marked_between_the_kept_words()
    {
        Assert.Equal([Same("First."), Deleted(" "), Inserted("\n\n"), Same("Second.")], WordDiff.Compare("First. Second.", "First.\n\nSecond."));
    }

    [Fact]
    public void Words_are_compared_whole_not_letter_by_letter()
    {
        Assert.Equal([Deleted("ёлка"), Inserted("ёлки"), Same(" зелёные")], WordDiff.Compare("ёлка зелёные", "ёлки зелёные"));
    }

    [Fact]
    public void Punctuation_is_a_token_of_its_own()
    {
        Assert.Equal([Same("Hello"), Deleted(","), Same(" world"), Inserted("!")], WordDiff.Compare("Hello, world", "Hello world!"));
    }

    [Fact]
    public void Hyphenated_words_and_apostrophes_stay_one_word()
    {
        Assert.Equal([Same("a "), Deleted("well-known"), Inserted("well-kept"), Same(" park")], WordDiff.Compare("a well-known park", "a well-kept park"));
        Assert.Equal([Deleted("It's"), Inserted("It’s"), Same(" open")], WordDiff.Compare("It's open", "It’s open"));
    }

    [Fact]
    public void A_new_paragraph_shows_as_inserted_with_its_blank_line()
    {
        Assert.Equal([Same("First."), Inserted("\n\nSecond.")], WordDiff.Compare("First.", "First.\n\nSecond."));
    }

    [Fact]
    public void From_or_to_nothing_is_all_inserted_or_all_deleted()
    {
        Assert.Equal([Inserted("a lead")], WordDiff.Compare("", "a lead"));
        Assert.Equal([Deleted("a lead")], WordDiff.Compare("a lead", ""));
        Assert.Empty(WordDiff.Compare("", ""));
    }

    [Fact]
    public void The_longest_common_words_are_kept_when_text_moves()
    {
        var parts = WordDiff.Compare("a b c d e", "c d e a b");

        // Either "a b" or "c d e" can stay; the longer one does.
        Assert.Equal("c d e", string.Concat(parts.Where(part => part.Kind == DiffKind.Same).Select(part => part.Text)).Trim());
    }

    [Fact]
    public void Both_texts_are_recovered_from_the_parts_and_kinds_never_repeat()
    {
        var random = new Random(15);
        string[] words = ["мэрия", "парк", "open", "city", ",", ".", "новый", "park", "\n\n", "день"];
        for (var round = 0; round < 500; round++)
        {
            var before = Text(random, words);
            var after = Text(random, words);

            var parts = WordDiff.Compare(before, after);

            Assert.Equal(before, string.Concat(parts.Where(part => part.Kind != DiffKind.Inserted).Select(part => part.Text)));
            Assert.Equal(after, string.Concat(parts.Where(part => part.Kind != DiffKind.Deleted).Select(part => part.Text)));
            Assert.All(parts.Zip(parts.Skip(1)), pair => Assert.NotEqual(pair.First.Kind, pair.Second.Kind));
            Assert.All(parts, part => Assert.NotEmpty(part.Text));
        }
    }

    [Fact]
    public void Texts_too_long_to_compare_word_by_word_still_show_every_change_exactly()
    {
        var before = string.Join(" ", Enumerable.Range(0, 3000).Select(i => $"w{i}"));
        var after = string.Join(" ", Enumerable.Range(0, 3000).Select(i => $"v{i}"));

        var parts = WordDiff.Compare("Intro. " + before + " End.", "Intro. " + after + " End.");

        Assert.Equal([Same("Intro. "), Deleted(before), Inserted(after), Same(" End.")], parts);
    }

    private static string Text(Random random, string[] words) =>
        string.Join(" ", Enumerable.Range(0, random.Next(0, 12)).Select(_ => words[random.Next(words.Length)]));

    private static DiffPart Same(string text) => new(DiffKind.Same, text);

    private static DiffPart Deleted(string text) => new(DiffKind.Deleted, text);

    private static DiffPart Inserted(string text) => new(DiffKind.Inserted, text);
}
