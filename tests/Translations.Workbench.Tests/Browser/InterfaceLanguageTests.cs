using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Translations.Workbench.Tests.Browser;

public sealed class InterfaceLanguageTests(WorkbenchSite site) : BrowserTest(site)
{
    [Fact]
    public async Task A_browser_that_asks_for_Russian_gets_the_Russian_interface_and_can_switch_to_English()
    {
        var release = await Seed.OutdatedEnglishAsync();
        var page = await PersonAsync(locale: "ru-RU");

        await page.GotoAsync("/signin");
        await page.Textbox("Имя").FillAsync("анна");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Роль" }).SelectOptionAsync("translator");
        await page.Textbox("Языки").FillAsync("en");
        await page.Button("Войти").ClickAsync();

        await Expect(page.Heading("Очередь перевода")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Основная навигация" }).Link("Очередь перевода")).ToBeVisibleAsync();
        await Expect(page.Button("Выйти")).ToBeVisibleAsync();
        await Expect(page.Link(release.Title)).ToBeVisibleAsync();
        await page.Link(release.Title).ClickAsync();
        await Expect(page.Heading(release.Title)).ToBeVisibleAsync();
        await Expect(page.Locator("ins").First).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "translation-editor-ru");

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Язык интерфейса" }).SelectOptionAsync("English");

        await Expect(page.Button("Sign out")).ToBeVisibleAsync();
        await Expect(page.Region("Changes in the source")).ToBeVisibleAsync();
    }
}
