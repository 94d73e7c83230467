using Microsoft.Playwright;

namespace Translations.Workbench.Tests.Browser;

/// <summary>A browser test: the shared site, and the people (browser contexts) it opened, closed at its end.</summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(WorkbenchSite site) : IAsyncDisposable
{
    private readonly List<IBrowserContext> _people = [];

    protected WorkbenchSite Site => site;

    protected Seeding Seed { get; } = new(site);

    /// <summary>A new person in a browser of their own, with a page open.</summary>
    protected async Task<IPage> PersonAsync(string locale = "en-GB", string? timeZone = null)
    {
        var page = await site.NewPersonAsync(locale, timeZone);
        _people.Add(page.Context);
        return page;
    }

    /// <summary>A person signed in on the Development sign-in page, on the page the workbench sent them to.</summary>
    protected async Task<IPage> SignedInAsync(string name, string role, string languages = "", string locale = "en-GB", string? timeZone = null)
    {
        var page = await PersonAsync(locale, timeZone);
        await page.SignInAsync(name, role, languages);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var person in _people)
        {
            await person.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
