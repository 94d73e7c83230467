using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Translations.Tokens;

namespace Translations.Tests.Infrastructure;

/// <summary>
/// A real OpenID Connect authority as far as a resource server and a service client see one: discovery
/// document, JSON Web Key Set and a token endpoint (client-credentials grant, for the clients given to
/// <see cref="AddClient"/>) over HTTP on a loopback port, and RS256 tokens signed with its private key.
/// </summary>
public sealed class OpenIdAuthority : IAsyncDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly Dictionary<string, (string Secret, TokenClaims Claims)> _clients = [];
    private WebApplication _app = null!;
    private int _tokensIssued;

    /// <summary>The audience of the tokens its token endpoint issues.</summary>
    public string Audience { get; set; } = "translations-api";

    /// <summary>The <c>expires_in</c> of the tokens its token endpoint issues (the token's own exp is an hour).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many tokens the token endpoint has issued.</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>A client that may ask the token endpoint for tokens carrying <paramref name="claims"/>.</summary>
    public void AddClient(string clientId, string secret, TokenClaims claims)
    {
        lock (_clients)
        {
            _clients[clientId] = (secret, claims);
        }
    }

    public string Issuer { get; private set; } = null!;

    public static async Task<OpenIdAuthority> StartAsync()
    {
        var authority = new OpenIdAuthority();
        var builder = WebApplication.CreateSlimBuilder();
        // Not the service's appsettings.json, which is copied beside the tests.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" });
        authority._app = builder.Build();
        authority._app.MapGet("/.well-known/openid-configuration", () => Results.Json(new
        {
            issuer = authority.Issuer,
            jwks_uri = $"{authority.Issuer}/jwks",
            token_endpoint = $"{authority.Issuer}/token",
            grant_types_supported = new[] { "client_credentials" },
            id_token_signing_alg_values_supported = new[] { "RS256" },
        }));
        authority._app.MapGet("/jwks", () =>
        {
            var key = authority._key.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", alg = "RS256", kid = "authority-key", n = Base64UrlEncoder.Encode(key.Modulus), e = Base64UrlEncoder.Encode(key.Exponent) },
                },
            });
        });
        authority._app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            // The client authenticates with HTTP Basic (RFC 6749's default) or in the form.
            var (id, secret) = (form["client_id"].ToString(), form["client_secret"].ToString());
            if (System.Net.Http.Headers.AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var basic) && basic.Scheme == "Basic")
            {
                var pair = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(basic.Parameter ?? "")).Split(':', 2);
                (id, secret) = (Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : "");
            }
            (string Secret, TokenClaims Claims) client;
            lock (authority._clients)
            {
                if (form["grant_type"] != "client_credentials" || !authority._clients.TryGetValue(id, out client) || client.Secret != secret)
                {
                    return Results.Json(new { error = "invalid_client" }, statusCode: StatusCodes.Status400BadRequest);
                }
            }
            Interlocked.Increment(ref authority._tokensIssued);
            return Results.Json(new
            {
                access_token = authority.Mint(client.Claims, authority.Audience),
                token_type = "Bearer",
                expires_in = (int)authority.TokenLifetime.TotalSeconds,
            });
        });
        await authority._app.StartAsync();
        var address = authority._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        authority.Issuer = address.TrimEnd('/');
        return authority;
    }

    /// <summary>A token from this authority, or, with <paramref name="signedBy"/>, one signed with another key under the same key id.</summary>
    public string Mint(TokenClaims claims, string audience, RSA? signedBy = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = claims.Subject, ["role"] = claims.Roles.ToArray(), ["lang"] = claims.Languages.ToArray(), ["jti"] = Guid.NewGuid().ToString("N") },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signedBy ?? _key) { KeyId = "authority-key" }, SecurityAlgorithms.RsaSha256),
        });

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _key.Dispose();
    }
}
