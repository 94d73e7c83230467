using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Translations.V1;
using static Microsoft.Playwright.Assertions;

namespace Translations.Workbench.Tests.Browser;

/// <summary>Issue 15's end-to-end path: from an outdated English translation to readers getting the new one.</summary>
public sealed class TranslationWorkflowTests(WorkbenchSite site) : BrowserTest(site)
{
    [Fact]
    public async Task A_translator_updates_an_outdated_translation_an_editor_approves_and_publishes_it_and_readers_get_the_new_English()
    {
        var release = await Seed.OutdatedEnglishAsync();
        var (_, missing) = await Seed.WithoutEnglishAsync();
        var title = $"Forum opens in Kazan {release.Tag}";
        const string lead = "The forum gathered guests from all over the country.";
        string[] body = ["The first day was calm.", "In the evening a choir sang."];

        // The translator finds the release among the outdated ones and opens it.
        var translator = await SignedInAsync("anna", "translator", "en");
        await Expect(translator.Heading("Translation queue")).ToBeVisibleAsync();
        await Expect(translator.GetByText(new Regex(@"^Outdated: [1-9]\d*$"))).ToBeVisibleAsync();
        await Expect(translator.GetByText(new Regex(@"^Missing: [1-9]\d*$"))).ToBeVisibleAsync();
        await Expect(translator.GetByRole(AriaRole.Row).Filter(new() { Has = translator.Link(release.Title) })).ToContainTextAsync("Outdated");
        await Expect(translator.GetByRole(AriaRole.Row).Filter(new() { Has = translator.Link(missing) })).ToContainTextAsync("Missing");
        // Oldest first: the outdated release is dated a day before the missing one.
        var rows = await translator.GetByRole(AriaRole.Row).AllInnerTextsAsync();
        Assert.True(rows.ToList().FindIndex(row => row.Contains(release.Title)) < rows.ToList().FindIndex(row => row.Contains(missing)), string.Join("\n", rows));
        await Screenshots.TakeAsync(translator, "translation-queue");
        await translator.Link(release.Title).ClickAsync();

        // What changed in the Russian source since the English was made, word by word.
        await Expect(translator).ToHaveURLAsync(new Regex($"/translate/{release.Id}/en$"));
        await Expect(translator.Heading(release.Title)).ToBeVisibleAsync();
        var changes = translator.Region("Changes in the source");
        await Expect(changes.Locator("del", new() { HasText = "Москве" })).ToBeVisibleAsync();
        await Expect(changes.Locator("ins", new() { HasText = "Казани" })).ToBeVisibleAsync();
        await Expect(changes.Locator("del", new() { HasText = "оркестр" })).ToBeVisibleAsync();
        await Expect(changes.Locator("ins", new() { HasText = "хор" })).ToBeVisibleAsync();
        await Expect(changes.Locator("ins", new() { HasText = "всей" })).ToBeVisibleAsync();
        await Expect(changes.Locator("del, ins").Filter(new() { HasText = "Форум" })).ToHaveCountAsync(0);

        await translator.Textbox("Title").FillAsync(title);
        await translator.Textbox("Lead").FillAsync(lead);
        var paragraphs = translator.GetByRole(AriaRole.Group, new() { Name = "Body" });
        await paragraphs.Textbox("Paragraph 1").FillAsync(body[0]);
        await paragraphs.Textbox("Paragraph 2").FillAsync(body[1]);
        await Screenshots.TakeAsync(translator, "translation-editor");
        await translator.Button("Submit for review").ClickAsync();
        await Expect(translator.Status()).ToContainTextAsync("Sent for review");

        // An editor, in a browser of their own, approves it from the review queue.
        var editor = await SignedInAsync("olga", "editor");
        await Expect(editor.Heading("Review queue")).ToBeVisibleAsync();
        await editor.Link(title).ClickAsync();
        await Expect(editor).ToHaveURLAsync(new Regex($"/review/{release.Id}/en$"));
        await Expect(editor.Heading(title)).ToBeVisibleAsync();
        await Screenshots.TakeAsync(editor, "review");
        await editor.Button("Approve").ClickAsync();
        await Expect(editor.Status()).ToHaveTextAsync("Approved");

        // ... and publishes English on the release's page.
        await editor.GotoAsync($"/releases/{release.Id}");
        var english = editor.Region("English (en)");
        await Expect(english).ToContainTextAsync("approved", new() { IgnoreCase = true });
        await Screenshots.TakeAsync(editor, "release");
        await english.Button("Publish").ClickAsync();
        await Expect(english.GetByRole(AriaRole.Status)).ToHaveTextAsync("Published");

        // The public site reads the new English.
        var published = (await Site.As(Seeding.Reader).GetReleaseAsync(release.Id, "en"))!.Variants.Single();
        Assert.Equal("en", published.Language);
        Assert.Equal(title, published.Title);
        Assert.Equal(lead, published.Lead);
        Assert.Equal(string.Join("\n\n", body), published.Body);
        Assert.Equal("anna", published.Author);
        Assert.Equal(VariantState.Published, published.State);
    }
}
