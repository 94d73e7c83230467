using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Translations.Workbench.Hosting;

namespace Translations.Workbench.Tests.App;

/// <summary>
/// Outside Development people sign in at the OpenID Connect authority with the authorization code flow and
/// PKCE, and the workbench knows them by the access token the authority issued for the service. The
/// authority is a small one in the test process, on a loopback port.
/// </summary>
public sealed class OpenIdConnectSignInTests
{
    private const string ClientId = "workbench";

    [Fact]
    public async Task A_person_signs_in_with_the_code_flow_and_PKCE_and_is_known_by_the_access_token()
    {
        await using var authority = await Authority.StartAsync();
        await using var workbench = new Workbench(authority.Address);
        using var browser = workbench.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var cancellation = TestContext.Current.CancellationToken;

        var challenge = await browser.GetAsync("/translate", cancellation);

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith($"{authority.Address}/authorize?", authorize.ToString(), StringComparison.Ordinal);
        var asked = HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal("code", asked["response_type"]);
        Assert.Equal(ClientId, asked["client_id"]);
        Assert.Equal("S256", asked["code_challenge_method"]);
        authority.Expect(asked["code_challenge"]!, asked["nonce"]!);

        // The authority sends the browser back with a code in the query (not form_post: see SignInExtensions).
        Assert.Null(asked["response_mode"]);   // query, the default of the code flow
        var callback = await browser.GetAsync(
            $"{new Uri(asked["redirect_uri"]!).AbsolutePath}?code={Authority.Code}&state={Uri.EscapeDataString(asked["state"]!)}", cancellation);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/translate", callback.Headers.Location!.OriginalString);
        Assert.True(authority.RedeemedWithVerifier, "the code was redeemed with the PKCE verifier of the challenge");
        // The role is only in the access token, not in the id token: / sends a translator to their queue.
        var home = await browser.GetAsync("/", cancellation);
        Assert.Equal("/translate", home.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Without_signing_in_the_pages_send_people_to_the_authority_not_to_the_development_page()
    {
        await using var authority = await Authority.StartAsync();
        await using var workbench = new Workbench(authority.Address);
        using var browser = workbench.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var root = await browser.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.StartsWith($"{authority.Address}/authorize?", root.Headers.Location!.ToString(), StringComparison.Ordinal);
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

    /// <summary>An OpenID Connect authority that knows one client, one person and one code.</summary>
    private sealed class Authority : IAsyncDisposable
    {
        public const string Code = "the-code";

        private readonly WebApplication _app;
        private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };
        private string? _challenge;
        private string? _nonce;

        private Authority(WebApplication app) => _app = app;

        public string Address => LoopbackServer.Address(_app);

        public bool RedeemedWithVerifier { get; private set; }

        public static async Task<Authority> StartAsync()
        {
            Authority? authority = null;
            var app = await LoopbackServer.StartAsync(HttpProtocols.Http1, _ => { }, app =>
            {
                authority = new Authority(app);
                app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
                {
                    ["issuer"] = authority.Address,
                    ["authorization_endpoint"] = $"{authority.Address}/authorize",
                    ["token_endpoint"] = $"{authority.Address}/token",
                    ["jwks_uri"] = $"{authority.Address}/jwks",
                    ["response_types_supported"] = new[] { "code" },
                    ["subject_types_supported"] = new[] { "public" },
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                }));
                app.MapGet("/jwks", () => Results.Text(
                    $"{{\"keys\":[{System.Text.Json.JsonSerializer.Serialize(JsonWebKeyConverter.ConvertFromRSASecurityKey(authority._key), JsonWebKeySerialization)}]}}",
                    "application/json"));
                app.MapPost("/token", authority.RedeemAsync);
            });
            return authority!;
        }

        private static readonly System.Text.Json.JsonSerializerOptions JsonWebKeySerialization = new()
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };

        public void Expect(string challenge, string nonce) => (_challenge, _nonce) = (challenge, nonce);

        private async Task<IResult> RedeemAsync(HttpRequest request)
        {
            var form = await request.ReadFormAsync();
            var verifier = form["code_verifier"].ToString();
            RedeemedWithVerifier = verifier.Length > 0 && Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) == _challenge;
            if (form["code"] != Code || form["grant_type"] != "authorization_code" || !RedeemedWithVerifier)
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }
            return Results.Json(new Dictionary<string, object>
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = 3600,
                ["id_token"] = Sign(new Dictionary<string, object> { ["sub"] = "anna", ["name"] = "Anna", ["nonce"] = _nonce! }, ClientId),
                ["access_token"] = Sign(new Dictionary<string, object> { ["sub"] = "anna", ["role"] = new[] { "translator" }, ["lang"] = new[] { "en" } }, "translations"),
            });
        }

        private string Sign(Dictionary<string, object> claims, string audience) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Address,
            Audience = audience,
            Claims = claims,
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
