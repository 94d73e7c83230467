using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Translations.Workbench.Tests.Browser;

/// <summary>What a person does in the workbench, by the controls' roles and accessible names only.</summary>
public static class People
{
    /// <summary>
    /// Signs in on the Development sign-in page as a person with <paramref name="role"/> and
    /// <paramref name="languages"/> (comma-separated), and waits for the page the workbench sends them to.
    /// </summary>
    public static async Task SignInAsync(this IPage page, string name, string role, string languages = "")
    {
        await page.GotoAsync("/signin");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Name" }).FillAsync(name);
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Role" }).SelectOptionAsync(role);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Languages" }).FillAsync(languages);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>Marks the document open in <paramref name="page"/>; a reload or a navigation drops the mark.</summary>
    public static Task MarkDocumentAsync(this IPage page) => page.EvaluateAsync("() => window.sameDocument = true");

    /// <summary>Whether the document marked by <see cref="MarkDocumentAsync"/> is still the one open: nothing reloaded it.</summary>
    public static Task<bool> IsMarkedDocumentAsync(this IPage page) => page.EvaluateAsync<bool>("() => window.sameDocument === true");

    public static ILocator Heading(this IPage page, string name) =>
        page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 });

    public static ILocator Link(this IPage page, string name) =>
        page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public static ILocator Link(this ILocator scope, string name) =>
        scope.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public static ILocator Button(this ILocator scope, string name) =>
        scope.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public static ILocator Button(this IPage page, string name) =>
        page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public static ILocator Textbox(this ILocator scope, string name) =>
        scope.GetByRole(AriaRole.Textbox, new() { Name = name, Exact = true });

    public static ILocator Textbox(this IPage page, string name) =>
        page.GetByRole(AriaRole.Textbox, new() { Name = name, Exact = true });

    public static ILocator Region(this IPage page, string name) =>
        page.GetByRole(AriaRole.Region, new() { Name = name, Exact = true });

    public static ILocator Status(this IPage page) => page.GetByRole(AriaRole.Status);

    public static ILocator Alert(this IPage page) => page.GetByRole(AriaRole.Alert);
}
