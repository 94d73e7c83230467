using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Translations.Tokens;
using Translations.V1;
using static Microsoft.Playwright.Assertions;

namespace Translations.Workbench.Tests.Browser;

public sealed class TranslationEditorTests(WorkbenchSite site) : BrowserTest(site)
{
    [Fact]
    public async Task A_revision_conflict_is_shown_and_the_text_typed_is_kept()
    {
        var (id, _) = await Seed.WithoutEnglishAsync();
        var translator = await SignedInAsync("anna", "translator", "en");
        await translator.GotoAsync($"/translate/{id}/en");
        await translator.Textbox("Title").FillAsync("The exhibition closed");
        await translator.GetByRole(AriaRole.Group, new() { Name = "Body" }).Textbox("Paragraph 1").FillAsync("Thousands visited it.");

        // Meanwhile a colleague sends their own English.
        await Site.As(new TokenClaims("boris", ["translator"], ["en"])).SubmitVariantAsync(new SubmitVariantRequest
        {
            ReleaseId = id, Language = "en", Title = "Exhibition over", Body = "Many came.\n\nIt returns next year.",
        });
        await translator.Button("Save draft").ClickAsync();

        await Expect(translator.Alert()).ToBeVisibleAsync();
        await Expect(translator.Textbox("Title")).ToHaveValueAsync("The exhibition closed");
        await Expect(translator.GetByRole(AriaRole.Group, new() { Name = "Body" }).Textbox("Paragraph 1")).ToHaveValueAsync("Thousands visited it.");
        await translator.Button("Load their version").ClickAsync();
        await Expect(translator.Textbox("Title")).ToHaveValueAsync("Exhibition over");
    }

    [Fact]
    public async Task A_translation_is_typed_and_submitted_with_the_keyboard_alone()
    {
        var (id, _) = await Seed.WithoutEnglishAsync();
        var translator = await SignedInAsync("anna", "translator", "en");
        await translator.GotoAsync($"/translate/{id}/en");
        var paragraphs = translator.GetByRole(AriaRole.Group, new() { Name = "Body" });

        await translator.Textbox("Title").FocusAsync();
        await translator.Keyboard.TypeAsync("The exhibition closed");
        await translator.Keyboard.PressAsync("Tab");
        await Expect(translator.Textbox("Lead")).ToBeFocusedAsync();
        await translator.Keyboard.PressAsync("Tab");
        await Expect(paragraphs.Textbox("Paragraph 1")).ToBeFocusedAsync();
        await translator.Keyboard.TypeAsync("Thousands visited it.");
        await translator.Keyboard.PressAsync("Tab");
        await Expect(paragraphs.Textbox("Paragraph 2")).ToBeFocusedAsync();
        await translator.Keyboard.TypeAsync("It returns next year.");
        var submit = translator.Button("Submit for review");
        for (var presses = 0; presses < 10 && !await submit.EvaluateAsync<bool>("button => button === document.activeElement"); presses++)
        {
            await translator.Keyboard.PressAsync("Tab");
        }
        await Expect(submit).ToBeFocusedAsync();
        await translator.Keyboard.PressAsync("Enter");

        await Expect(translator.Status()).ToContainTextAsync("Sent for review");
        var english = (await Site.As(Seeding.Editor).GetReleaseAsync(id, "en", ReleaseView.Draft))!.Variants.Single(variant => variant.Language == "en");
        Assert.Equal(VariantState.InReview, english.State);
        Assert.Equal("The exhibition closed", english.Title);
        Assert.Equal("Thousands visited it.\n\nIt returns next year.", english.Body);
    }

    [Fact]
    public async Task The_translation_queue_follows_changes_made_elsewhere_without_reloading()
    {
        var translator = await SignedInAsync("anna", "translator", "en");
        await Expect(translator.Heading("Translation queue")).ToBeVisibleAsync();
        await translator.MarkDocumentAsync();

        var (id, title) = await Seed.WithoutEnglishAsync();
        await Expect(translator.Link(title)).ToBeVisibleAsync();
        await Expect(translator.GetByRole(AriaRole.Row).Filter(new() { Has = translator.Link(title) })).ToContainTextAsync("Missing");

        await Site.As(new TokenClaims("boris", ["translator"], ["en"])).SubmitVariantAsync(new SubmitVariantRequest
        {
            ReleaseId = id, Language = "en", Title = "Exhibition over", Body = "Many came.\n\nIt returns next year.", SubmitForReview = true,
        });
        await Expect(translator.Link(title)).ToHaveCountAsync(0);

        Assert.True(await translator.IsMarkedDocumentAsync(), "The page was reloaded.");
        await Expect(translator).ToHaveURLAsync(new Regex("/translate$"));
    }

    [Fact]
    public async Task A_translator_of_two_languages_switches_the_queue_between_them()
    {
        var (_, title) = await Seed.WithoutEnglishAsync();
        var translator = await SignedInAsync("anna", "translator", "en, ru");
        await Expect(translator.Link(title)).ToBeVisibleAsync();

        await translator.GetByRole(AriaRole.Combobox, new() { Name = "Target language" }).SelectOptionAsync("ru");

        await Expect(translator).ToHaveURLAsync(new Regex("/translate\\?language=ru$"));
        await Expect(translator.Link(title)).ToHaveCountAsync(0);   // its source is Russian
        await translator.GetByRole(AriaRole.Combobox, new() { Name = "Target language" }).SelectOptionAsync("en");
        await Expect(translator.Link(title)).ToBeVisibleAsync();
    }
}
