using System.Globalization;
using Microsoft.Playwright;
using Translations.V1;
using static Microsoft.Playwright.Assertions;

namespace Translations.Workbench.Tests.Browser;

public sealed class PublishingTests(WorkbenchSite site) : BrowserTest(site)
{
    /// <summary>UTC+3 all year (no daylight saving), so the time typed and the time sent differ by three hours.</summary>
    private const string Moscow = "Europe/Moscow";

    [Fact]
    public async Task An_editor_schedules_English_in_the_browsers_local_time_and_it_stays_unpublished_until_then()
    {
        var release = await Seed.EnglishApprovedAsync();
        // A minute or two ahead, whole minutes (what a datetime-local control takes), typed in Moscow time.
        var now = DateTimeOffset.UtcNow;
        var due = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(2);
        var typed = due.ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

        var editor = await SignedInAsync("olga", "editor", timeZone: Moscow);
        await editor.GotoAsync($"/releases/{release.Id}");
        var english = editor.Region("English (en)");
        // The hint names the browser's time zone once the page has asked the browser for it.
        await Expect(english).ToContainTextAsync(Moscow);
        await english.Textbox("Publish at").FillAsync(typed);
        await english.Button("Schedule").ClickAsync();

        var at = due.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        await Expect(english.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Scheduled: it will be published at {at} UTC, if it is still approved then.");
        // The service answered scheduled (the status says so only then); until the time comes, English stays
        // approved and readers do not get it. The service has no read of scheduled publications.
        var draft = await Seed.DraftAsync(release.Id);
        Assert.Equal(VariantState.Approved, draft.Variants.Single(variant => variant.Language == "en").State);
        var read = await Site.As(Seeding.Reader).GetReleaseAsync(release.Id, "en");
        Assert.DoesNotContain(read?.Variants ?? [], variant => variant.Language == "en");
    }

    [Fact]
    public async Task An_editor_unpublishes_English_and_readers_no_longer_get_it()
    {
        var release = await Seed.PublishedAsync();
        var reader = Site.As(Seeding.Reader);
        Assert.Contains((await reader.GetReleaseAsync(release.Id, "en"))!.Variants, variant => variant.Language == "en");

        var editor = await SignedInAsync("olga", "editor");
        await editor.GotoAsync($"/releases/{release.Id}");
        var english = editor.Region("English (en)");
        await english.Button("Unpublish").ClickAsync();

        await Expect(english.GetByRole(AriaRole.Status)).ToHaveTextAsync("Unpublished");
        await Expect(english).ToContainTextAsync("Readers do not see this language.");
        Assert.DoesNotContain((await reader.GetReleaseAsync(release.Id, "en"))?.Variants ?? [], variant => variant.Language == "en");
        Assert.Contains((await reader.GetReleaseAsync(release.Id, "ru"))!.Variants, variant => variant.Language == "ru");
    }
}
