using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Translations.V1;
using static Microsoft.Playwright.Assertions;

namespace Translations.Workbench.Tests.Browser;

public sealed class ReviewTests(WorkbenchSite site) : BrowserTest(site)
{
    [Fact]
    public async Task An_editor_rejects_a_translation_with_a_comment_and_the_translator_finds_it_with_the_comment()
    {
        const string comment = "Please name the forum as the organisers do: \"Moscow Urban Forum\".";
        var release = await Seed.EnglishInReviewAsync();
        var editor = await SignedInAsync("olga", "editor");
        await editor.GotoAsync($"/review/{release.Id}/en");
        await Expect(editor.Heading(release.EnglishTitle)).ToBeVisibleAsync();

        // Without a comment: the page asks for one, by the field, and sends nothing.
        await editor.Button("Reject").ClickAsync();
        await Expect(editor.Textbox("Comment")).ToHaveAccessibleDescriptionAsync(new Regex("Write a comment to reject"));
        Assert.Equal(VariantState.InReview, (await EnglishAsync(release.Id)).State);

        await editor.Textbox("Comment").FillAsync(comment);
        await editor.Button("Reject").ClickAsync();
        await Expect(editor.Status()).ToHaveTextAsync("Rejected: the translator sees your comment.");
        var rejected = await EnglishAsync(release.Id);
        Assert.Equal(VariantState.Rejected, rejected.State);

        // The translator finds it among the rejected ones, and the comment beside the text.
        var translator = await SignedInAsync("anna", "translator", "en");
        await Expect(translator.GetByRole(AriaRole.Row).Filter(new() { Has = translator.Link(release.SourceTitle) })).ToContainTextAsync("Rejected");
        await translator.Link(release.SourceTitle).ClickAsync();
        await Expect(translator).ToHaveURLAsync(new Regex($"/translate/{release.Id}/en$"));
        await Expect(translator.Region("Reviewer's comment")).ToContainTextAsync(comment);
    }

    [Fact]
    public async Task The_review_queue_shows_a_translation_sent_to_review_elsewhere_without_reloading()
    {
        var editor = await SignedInAsync("olga", "editor");
        await Expect(editor.Heading("Review queue")).ToBeVisibleAsync();
        await editor.MarkDocumentAsync();

        var release = await Seed.EnglishInReviewAsync();

        await Expect(editor.Link(release.EnglishTitle)).ToBeVisibleAsync();
        Assert.True(await editor.IsMarkedDocumentAsync(), "The page was reloaded.");
        await Expect(editor).ToHaveURLAsync(new Regex("/review$"));
    }

    private async Task<Variant> EnglishAsync(string id) =>
        (await Seed.DraftAsync(id)).Variants.Single(variant => variant.Language == "en");
}
