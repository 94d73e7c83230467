using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Microsoft.IdentityModel.Tokens;
using Translations.Testing;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>
/// Tokens that are well signed but say something this service cannot use, or cannot be read at all:
/// each is the caller's fault (UNAUTHENTICATED), never the service's (UNAVAILABLE), and writes nothing.
/// </summary>
public sealed class HostileTokenTests(TranslationsApp app) : IClassFixture<TranslationsApp>
{
    public static TheoryData<string> MalformedTokens() => new()
    {
        "payload not JSON",
        "payload not JSON, signed",
        "exp as a string",
        "nbf as an object",
        "role as a number",
    };

    [Theory]
    [MemberData(nameof(MalformedTokens))]
    public async Task Malformed_token_is_unauthenticated_and_never_unavailable(string kind)
    {
        var token = Malformed(kind, TranslationsApp.Signing);

        var error = await Requests.FailsAsync(app.WithToken(token).Releases.GetReleaseAsync(
            new GetReleaseRequest { Id = Guid.NewGuid().ToString("N") }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal((StatusCode.Unauthenticated, "TOKEN_INVALID"), (error.StatusCode, error.ErrorInfo().Reason));
    }

    [Fact]
    public async Task Malformed_token_is_unauthenticated_also_when_an_openid_connect_authority_is_configured()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var authority = await OpenIdAuthority.StartAsync();
        await using var withAuthority = new TranslationsApp()
            .With("Auth:SigningKey", "").With("Auth:Issuer", "")
            .With("Auth:Authority", authority.Issuer)
            .With("Auth:Audience", "translations-api")
            .With("Auth:RequireHttpsMetadata", "false");
        await withAuthority.InitializeAsync();
        var good = authority.Mint(new TokenClaims("olga", "editor"), "translations-api");
        await withAuthority.WithToken(good).Releases.QueryReleases(new QueryReleasesRequest(), cancellationToken: ct).ReadAllAsync(ct);

        foreach (var kind in new[] { "payload not JSON", "exp as a string" })
        {
            var error = await Requests.FailsAsync(withAuthority.WithToken(Malformed(kind, TranslationsApp.Signing)).Releases.GetReleaseAsync(
                new GetReleaseRequest { Id = Guid.NewGuid().ToString("N") }, cancellationToken: ct));

            Assert.Equal((StatusCode.Unauthenticated, "TOKEN_INVALID"), (error.StatusCode, error.ErrorInfo().Reason));
        }
    }

    public static TheoryData<string, string> UnusableSubjects() => new()
    {
        { "", "has no sub claim" },
        { "   ", "is empty or blank" },
        { " olga", "starts or ends with white space" },
        { new string('x', 10_000), "is longer than 256 characters" },
        { "olga\0", "contains a control character" },
        { "olga\u0007", "contains a control character" },
        { "olga\u001b[2J", "contains a control character" },
        { "olga\r\n/translations.v1.EditorialService/DeleteRelease by admin: OK in 1.0 ms", "contains a control character" },
        { "olga\u2028admin", "line separator" },
    };

    [Theory]
    [MemberData(nameof(UnusableSubjects))]
    public async Task Sub_that_cannot_name_an_author_is_refused_and_nothing_is_written(string sub, string problem)
    {
        var ct = TestContext.Current.CancellationToken;
        var slug = Requests.Unique("hostile-sub");
        var token = Signed(Claims(sub: sub.Length == 0 ? null : sub), TranslationsApp.Signing);

        var error = await Requests.FailsAsync(app.WithToken(token).Editorial.CreateReleaseAsync(Requests.NewRelease(slug: slug), cancellationToken: ct));

        Assert.Equal((StatusCode.Unauthenticated, "TOKEN_INVALID"), (error.StatusCode, error.ErrorInfo().Reason));
        Assert.Contains(problem, error.Status.Detail);
        var lookup = await Requests.FailsAsync(app.Releases.GetReleaseAsync(new GetReleaseRequest { Slug = slug, View = ReleaseView.Draft }, cancellationToken: ct));
        Assert.Equal(StatusCode.NotFound, lookup.StatusCode);
    }

    [Theory]
    [InlineData("{\"name\": \"olga\"}")]
    [InlineData("true")]
    [InlineData("[\"olga\", \"admin\"]")]
    [InlineData("\"olga\\ud800\"")]
    public async Task Sub_that_is_not_a_string_is_refused(string subJson)
    {
        var claims = Claims(sub: "placeholder");
        var payload = JsonSerializer.Serialize(claims).Replace("\"placeholder\"", subJson, StringComparison.Ordinal);
        var token = Sign($"{Base64UrlEncoder.Encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")}.{Base64UrlEncoder.Encode(payload)}", TranslationsApp.Signing);

        var error = await Requests.FailsAsync(app.WithToken(token).Editorial.CreateReleaseAsync(
            Requests.NewRelease(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal((StatusCode.Unauthenticated, "TOKEN_INVALID"), (error.StatusCode, error.ErrorInfo().Reason));
    }

    [Fact]
    public async Task Sub_of_256_characters_in_any_script_is_the_author()
    {
        var sub = string.Concat(Enumerable.Repeat("Ольга·", 42)) + "олга";
        var token = Signed(Claims(sub), TranslationsApp.Signing);

        var created = await app.WithToken(token).Editorial.CreateReleaseAsync(Requests.NewRelease(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(256, sub.Length);
        Assert.Equal(sub, created.Release.Variants[0].Author);
    }

    [Fact]
    public async Task Authorization_header_without_the_bearer_scheme_says_the_scheme_is_missing()
    {
        var token = TranslationsApp.Signing.Mint(TranslationsApp.DefaultCaller, TimeSpan.FromHours(1));
        var headers = new Metadata { { "authorization", token } };

        var error = await Requests.FailsAsync(app.WithToken(null).Releases.GetReleaseAsync(
            new GetReleaseRequest { Id = Guid.NewGuid().ToString("N") }, headers, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal((StatusCode.Unauthenticated, "TOKEN_MISSING"), (error.StatusCode, error.ErrorInfo().Reason));
        Assert.Contains("no Bearer scheme", error.Status.Detail);
    }

    private static Dictionary<string, object?> Claims(string? sub, string role = "editor")
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object?>
        {
            ["iss"] = TranslationsApp.Signing.Issuer,
            ["aud"] = TranslationsApp.Signing.Audience,
            ["nbf"] = now - 60,
            ["exp"] = now + 3600,
            ["role"] = role,
        };
        if (sub is not null)
        {
            claims["sub"] = sub;
        }
        return claims;
    }

    private static string Malformed(string kind, SigningSettings signing)
    {
        var claims = Claims("olga");
        switch (kind)
        {
            case "payload not JSON":
                return $"{Base64UrlEncoder.Encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")}.{Base64UrlEncoder.Encode("not json")}.AAAA";
            case "payload not JSON, signed":
                return Sign($"{Base64UrlEncoder.Encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")}.{Base64UrlEncoder.Encode("{\"sub\": ")}", signing);
            case "exp as a string":
                claims["exp"] = "tomorrow";
                break;
            case "nbf as an object":
                claims["nbf"] = new { when = "now" };
                break;
            default:
                claims["role"] = 42;
                claims["sub"] = new { id = 1 };
                break;
        }
        return Signed(claims, signing);
    }

    /// <summary>A token with exactly this payload, correctly signed with the service's shared key.</summary>
    private static string Signed(Dictionary<string, object?> claims, SigningSettings signing) =>
        Sign($"{Base64UrlEncoder.Encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")}.{Base64UrlEncoder.Encode(JsonSerializer.Serialize(claims))}", signing);

    private static string Sign(string headerAndPayload, SigningSettings signing)
    {
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signing.SigningKey), Encoding.ASCII.GetBytes(headerAndPayload));
        return $"{headerAndPayload}.{Base64UrlEncoder.Encode(signature)}";
    }
}
