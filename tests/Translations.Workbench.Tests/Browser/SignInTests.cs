using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Translations.Workbench.Tests.Browser;

public sealed class SignInTests(WorkbenchSite site) : BrowserTest(site)
{
    [Fact]
    public async Task A_translator_lands_on_the_translation_queue_and_an_editor_on_the_review_queue()
    {
        var translator = await SignedInAsync("anna", "translator", "en");
        var editor = await SignedInAsync("olga", "editor");

        await Expect(translator).ToHaveURLAsync(new Regex("/translate$"));
        await Expect(translator.Heading("Translation queue")).ToBeVisibleAsync();
        await Expect(editor).ToHaveURLAsync(new Regex("/review$"));
        await Expect(editor.Heading("Review queue")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_page_asked_for_before_signing_in_sends_the_person_to_the_sign_in_page()
    {
        var page = await PersonAsync();

        await page.GotoAsync("/review");

        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await Expect(page.Button("Sign in")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_sign_in_page_refuses_a_role_it_does_not_offer()
    {
        var page = await PersonAsync();
        await page.GotoAsync("/signin");
        // A role the combobox does not offer, as a hand-made form post would send it.
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Role" })
            .EvaluateAsync("select => { select.add(new Option('owner', 'owner')); select.value = 'owner'; }");
        await page.Textbox("Name").FillAsync("mallory");
        await page.Textbox("Languages").FillAsync("en");

        await page.Button("Sign in").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await Expect(page.Button("Sign out")).ToHaveCountAsync(0);
        await Expect(page.GetByText("owner")).Not.ToHaveCountAsync(0);
    }
}
