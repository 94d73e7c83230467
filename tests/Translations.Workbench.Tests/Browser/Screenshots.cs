using Microsoft.Playwright;
using Translations.Testing;

namespace Translations.Workbench.Tests.Browser;

/// <summary>
/// The README's pictures of the main screens: written as PNG files to the folder in
/// <c>TRANSLATIONS_SCREENSHOTS</c> (relative to the repository, e.g. docs/screenshots) when it is set, and
/// not at all otherwise.
/// </summary>
public static class Screenshots
{
    public const string Setting = "TRANSLATIONS_SCREENSHOTS";

    private static readonly string? Folder = Environment.GetEnvironmentVariable(Setting) is { Length: > 0 } folder
        ? Path.Combine(DotnetProgram.RepositoryRoot, folder)
        : null;

    /// <summary>The whole page as <paramref name="name"/>.png.</summary>
    public static async Task TakeAsync(IPage page, string name)
    {
        if (Folder is null)
        {
            return;
        }
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"{name}.png"), FullPage = true });
    }
}
