using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Translations.Workbench.Hosting;

namespace Translations.Workbench.Tests.App;

/// <summary>The language switch remembers the choice and goes back only to a page of the workbench.</summary>
public sealed class LanguageSwitchTests : IAsyncLifetime
{
    private readonly Workbench _workbench = new();

    [Theory]
    [InlineData("/translate?language=en", "/translate?language=en")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    // Browsers drop tabs and line breaks from a URL: "/\t/evil.example" is "//evil.example" to them.
    [InlineData("/\t/evil.example/", "/")]
    [InlineData("/\n/evil.example/", "/")]
    [InlineData("/\r/evil.example/", "/")]
    public async Task Switching_goes_back_to_a_page_of_the_workbench_and_elsewhere_only_home(string returnUrl, string expected)
    {
        using var browser = _workbench.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await browser.GetAsync($"/language?culture=ru&returnUrl={Uri.EscapeDataString(returnUrl)}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), cookie => cookie.Contains("uic%3Dru", StringComparison.Ordinal));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _workbench.DisposeAsync();

    private sealed class Workbench : WebApplicationFactory<WorkbenchOptions>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Workbench:ServiceAddress", "http://127.0.0.1:9");
        }
    }
}
