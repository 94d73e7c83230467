using System.Net;
using System.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Translations.Testing;
using Translations.Tokens;
using Translations.Workbench.Hosting;

namespace Translations.Workbench.Tests.App;

/// <summary>
/// Outside Development people sign in at the OpenID Connect authority with the authorization code flow and
/// PKCE, and the workbench knows them by the access token the authority issued for the service. The test
/// plays the person at the authority's authorize page.
/// </summary>
public sealed class OpenIdConnectSignInTests
{
    private const string ClientId = "workbench";

    [Fact]
    public async Task A_person_signs_in_with_the_code_flow_and_PKCE_and_is_known_by_the_access_token()
    {
        await using var authority = await OpenIdAuthority.StartAsync();
        await using var workbench = new Workbench(authority.Issuer);
        using var browser = workbench.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var cancellation = TestContext.Current.CancellationToken;

        var challenge = await browser.GetAsync("/translate", cancellation);

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith($"{authority.AuthorizationEndpoint}?", authorize.ToString(), StringComparison.Ordinal);
        var asked = HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal("code", asked["response_type"]);
        Assert.Equal(ClientId, asked["client_id"]);
        Assert.Equal("S256", asked["code_challenge_method"]);
        Assert.Null(asked["response_mode"]);   // query, the code flow's default (not form_post: see SignInExtensions)
        authority.AddCode("the-code", ClientId, asked["code_challenge"]!, asked["nonce"]!, new TokenClaims("anna", ["translator"], ["en"]));

        var callback = await browser.GetAsync($"{new Uri(asked["redirect_uri"]!).AbsolutePath}?code=the-code&state={Uri.EscapeDataString(asked["state"]!)}", cancellation);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/translate", callback.Headers.Location!.OriginalString);
        Assert.Equal(1, authority.CodesRedeemed);
        // The role is only in the access token, not in the id token: / sends a translator to their queue.
        var home = await browser.GetAsync("/", cancellation);
        Assert.Equal("/translate", home.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Without_signing_in_the_pages_send_people_to_the_authority_not_to_the_development_page()
    {
        await using var authority = await OpenIdAuthority.StartAsync();
        await using var workbench = new Workbench(authority.Issuer);
        using var browser = workbench.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var root = await browser.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.StartsWith($"{authority.AuthorizationEndpoint}?", root.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The workbench in Production, signing in at <paramref name="authority"/>.</summary>
    private sealed class Workbench(string authority) : WebApplicationFactory<WorkbenchOptions>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Workbench:ServiceAddress", "http://127.0.0.1:9");
            builder.UseSetting("Workbench:ClientId", ClientId);
            builder.UseSetting("Auth:Authority", authority);
            builder.UseSetting("Auth:RequireHttpsMetadata", "false");
        }
    }
}
