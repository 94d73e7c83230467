using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Translations.V1;
using static Microsoft.Playwright.Assertions;

namespace Translations.Workbench.Tests.Browser;

public sealed class ReleaseFormTests(WorkbenchSite site) : BrowserTest(site)
{
    [Fact]
    public async Task An_editor_creates_a_release_finds_it_in_the_list_and_edits_its_metadata()
    {
        var title = $"Джазовый фестиваль открылся {Seeding.Tag()}";
        var editor = await SignedInAsync("olga", "editor");
        await editor.Link("Releases").ClickAsync();
        await Expect(editor.Heading("Releases")).ToBeVisibleAsync();
        await editor.Link("New release").ClickAsync();
        await Expect(editor).ToHaveURLAsync(new Regex("/releases/new$"));

        // A date later than the seeded releases': the list shows the newest first.
        await editor.Textbox("Release date").FillAsync("2027-03-15");
        await editor.Textbox("Category").FillAsync("culture");
        await editor.Textbox("Tags").FillAsync("music, festival");
        await editor.Textbox("Source language").FillAsync("ru");
        await editor.Textbox("Title").FillAsync(title);
        await editor.Textbox("Lead").FillAsync("Фестиваль продлится три дня.");
        await editor.Textbox("Body").FillAsync("Играют двадцать оркестров.\n\nБилеты уже проданы.");
        await editor.Button("Create").ClickAsync();

        await Expect(editor).ToHaveURLAsync(new Regex("/releases/[^/]+$"));
        await Expect(editor.Heading(title)).ToBeVisibleAsync();
        // The form's status comes before the languages' own.
        await Expect(editor.Status().First).ToHaveTextAsync("Created");
        var id = new Uri(editor.Url).Segments[^1];
        var created = await Seed.DraftAsync(id);
        Assert.Equal(new Google.Type.Date { Year = 2027, Month = 3, Day = 15 }, created.ReleaseDate);
        Assert.Equal("culture", created.Category);
        Assert.Equal(["music", "festival"], created.Tags);
        Assert.Equal("ru", created.SourceLanguage);
        var source = created.Variants.Single();
        Assert.Equal(("ru", title, "Фестиваль продлится три дня.", "Играют двадцать оркестров.\n\nБилеты уже проданы."), (source.Language, source.Title, source.Lead, source.Body));
        Assert.Equal(VariantState.InReview, source.State);

        // Found in the list, opened, its metadata changed.
        await editor.Link("Releases").ClickAsync();
        await editor.Link(title).ClickAsync();
        await Expect(editor).ToHaveURLAsync(new Regex($"/releases/{id}$"));
        await Expect(editor.Textbox("Category")).ToHaveValueAsync("culture");
        await editor.Textbox("Category").FillAsync("jazz");
        await editor.Textbox("Tags").FillAsync("music, jazz, summer");
        await editor.Button("Save").ClickAsync();

        await Expect(editor.Status().First).ToHaveTextAsync("Saved");
        var saved = await Seed.DraftAsync(id);
        Assert.Equal("jazz", saved.Category);
        Assert.Equal(["music", "jazz", "summer"], saved.Tags);
        Assert.Equal(title, saved.Variants.Single().Title);
    }

    [Fact]
    public async Task A_category_the_service_refuses_is_explained_by_the_field_and_nothing_is_written()
    {
        var release = await Seed.EnglishInReviewAsync();
        var before = await Seed.DraftAsync(release.Id);
        var editor = await SignedInAsync("olga", "editor");
        await editor.GotoAsync($"/releases/{release.Id}");
        var category = editor.Textbox("Category");
        await Expect(category).ToHaveValueAsync("news");

        await category.FillAsync("Jazz Festival");
        await editor.Button("Save").ClickAsync();

        // The service's own words, read with the field (aria-describedby), and the field marked invalid.
        await Expect(category).ToHaveAccessibleDescriptionAsync(new Regex("must be empty or 1-64 characters of a-z, 0-9 and '-'"));
        await Expect(category).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(category).ToHaveValueAsync("Jazz Festival");
        await Expect(editor.Alert()).ToHaveCountAsync(0);
        await Expect(editor.Status().First).ToBeEmptyAsync();
        var after = await Seed.DraftAsync(release.Id);
        Assert.Equal("news", after.Category);
        Assert.Equal(before.Revision, after.Revision);
    }
}
