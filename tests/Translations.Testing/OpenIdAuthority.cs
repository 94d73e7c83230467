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

namespace Translations.Testing;

/// <summary>
/// A real OpenID Connect authority as far as a resource server, a service client and a web app see one:
/// discovery document, JSON Web Key Set and a token endpoint over HTTP on a loopback port, and RS256 tokens
/// signed with its private key. The token endpoint grants client credentials (to the clients given to
/// <see cref="AddClient"/>) and redeems authorization codes (<see cref="AddCode"/>: the test plays the
/// person at the authorize endpoint, which is named in the discovery document but not served).
/// </summary>
public sealed class OpenIdAuthority : IAsyncDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly Dictionary<string, (string Secret, TokenClaims Claims)> _clients = [];
    private readonly Dictionary<string, Grant> _codes = [];
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

    /// <summary>
    /// A code the authorize endpoint gave <paramref name="clientId"/> for <paramref name="person"/>, redeemable once
    /// with the PKCE verifier of <paramref name="codeChallenge"/> (S256) for an id token carrying
    /// <paramref name="nonce"/> and an access token for <see cref="Audience"/>.
    /// </summary>
    public void AddCode(string code, string clientId, string codeChallenge, string nonce, TokenClaims person)
    {
        lock (_codes)
        {
            _codes[code] = new Grant(clientId, codeChallenge, nonce, person);
        }
    }

    /// <summary>How many codes were redeemed with the right client and PKCE verifier.</summary>
    public int CodesRedeemed { get; private set; }

    public string Issuer { get; private set; } = null!;

    public string AuthorizationEndpoint => $"{Issuer}/authorize";

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
            authorization_endpoint = authority.AuthorizationEndpoint,
            grant_types_supported = new[] { "client_credentials", "authorization_code" },
            response_types_supported = new[] { "code" },
            subject_types_supported = new[] { "public" },
            code_challenge_methods_supported = new[] { "S256" },
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
            if (form["grant_type"] == "authorization_code")
            {
                return authority.Redeem(id, form["code"].ToString(), form["code_verifier"].ToString());
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
    public string Mint(TokenClaims claims, string audience, RSA? signedBy = null) => Sign(
        new Dictionary<string, object> { ["sub"] = claims.Subject, ["role"] = claims.Roles.ToArray(), ["lang"] = claims.Languages.ToArray(), ["jti"] = Guid.NewGuid().ToString("N") },
        audience, signedBy);

    private string Sign(Dictionary<string, object> claims, string audience, RSA? signedBy = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signedBy ?? _key) { KeyId = "authority-key" }, SecurityAlgorithms.RsaSha256),
        });

    private IResult Redeem(string clientId, string code, string verifier)
    {
        Grant? grant;
        lock (_codes)
        {
            // A code is redeemed once, whether or not the attempt succeeds.
            _codes.Remove(code, out grant);
        }
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        if (grant is null || grant.ClientId != clientId || verifier.Length == 0 || challenge != grant.CodeChallenge)
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
        }
        CodesRedeemed++;
        var idToken = Sign(new Dictionary<string, object> { ["sub"] = grant.Person.Subject, ["name"] = grant.Person.Subject, ["nonce"] = grant.Nonce }, grant.ClientId);
        return Results.Json(new
        {
            id_token = idToken,
            access_token = Mint(grant.Person, Audience),
            token_type = "Bearer",
            expires_in = (int)TokenLifetime.TotalSeconds,
        });
    }

    private sealed record Grant(string ClientId, string CodeChallenge, string Nonce, TokenClaims Person);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _key.Dispose();
    }
}
