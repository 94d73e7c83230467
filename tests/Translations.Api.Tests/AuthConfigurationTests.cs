using System.Security.Cryptography;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Translations.Testing;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>The two ways to check tokens, the Development key, and refusing to start without either.</summary>
public sealed class AuthConfigurationTests
{
    private static readonly TokenClaims Editor = new("olga", "editor");

    [Fact]
    public async Task Outside_development_the_service_refuses_to_start_without_token_configuration()
    {
        var settings = BuiltProgram.ServiceSettings();
        settings.Remove("Auth__SigningKey");
        settings.Remove("Auth__Issuer");
        settings.Remove("Auth__Audience");

        var run = await BuiltProgram.RunServiceAsync(settings);

        run.AssertStartRefused("No way to check bearer tokens is configured", "No way to check bearer tokens");
        Assert.Contains("Auth__SigningKey", run.Errors);
        Assert.Contains("Auth__Authority", run.Errors);
    }

    [Fact]
    public async Task Signing_key_shorter_than_32_bytes_stops_start_up()
    {
        var settings = BuiltProgram.ServiceSettings();
        settings["Auth__SigningKey"] = new string('k', 31);

        var run = await BuiltProgram.RunServiceAsync(settings);

        run.AssertStartRefused("Auth__SigningKey must be at least 32 bytes", "Auth__SigningKey");
    }

    [Fact]
    public async Task In_development_the_local_key_warning_is_logged_once_per_start()
    {
        await using var app = new TranslationsApp().InEnvironment("Development")
            .With("Auth:SigningKey", "").With("Auth:Issuer", "").With("Auth:Audience", "")
            .WithServices(services => services.AddLogging(logging => logging.AddFakeLogging()));
        var keyFile = Path.Combine(app.DataDirectory, "development-signing-key");
        app.With("Auth:DevelopmentKeyFile", keyFile);
        await app.InitializeAsync();
        var key = await File.ReadAllTextAsync(keyFile, TestContext.Current.CancellationToken);
        var token = new SigningSettings(key, DevelopmentSigning.Issuer, DevelopmentSigning.Audience).Mint(Editor, TimeSpan.FromHours(1));

        await app.WithToken(token).Editorial.CreateReleaseAsync(Requests.NewRelease(), cancellationToken: TestContext.Current.CancellationToken);

        var warnings = app.Services.GetFakeLogCollector().GetSnapshot()
            .Where(r => r.Category == "Translations.Access.DevelopmentSigningKey" && r.Level == LogLevel.Warning);
        Assert.Contains(keyFile, Assert.Single(warnings).Message);
    }

    [Fact]
    public async Task In_development_a_local_key_is_created_once_and_tokens_minted_with_it_are_accepted()
    {
        var folder = Directory.CreateTempSubdirectory("translations-devkey-").FullName;
        var keyFile = Path.Combine(folder, "development-signing-key");
        string token;
        await using (var first = DevelopmentApp(keyFile, folder))
        {
            await first.InitializeAsync();
            var key = await File.ReadAllTextAsync(keyFile, TestContext.Current.CancellationToken);
            token = new SigningSettings(key, DevelopmentSigning.Issuer, DevelopmentSigning.Audience).Mint(Editor, TimeSpan.FromHours(1));

            await first.WithToken(token).Editorial.CreateReleaseAsync(Requests.NewRelease(), cancellationToken: TestContext.Current.CancellationToken);
        }

        // A restart reads the same key: tokens minted before it still work.
        await using var second = DevelopmentApp(keyFile, folder);
        await second.InitializeAsync();
        var releases = await second.WithToken(token).Releases.QueryReleases(new QueryReleasesRequest { View = ReleaseView.Draft }, cancellationToken: TestContext.Current.CancellationToken).ReadAllAsync(TestContext.Current.CancellationToken);

        Assert.Single(releases);
    }

    [Fact]
    public async Task Tokens_of_an_openid_connect_authority_are_accepted_and_those_signed_by_another_key_are_not()
    {
        await using var authority = await OpenIdAuthority.StartAsync();
        await using var app = AuthorityApp(authority.Issuer);
        await app.InitializeAsync();
        using var otherKey = RSA.Create(2048);

        var created = await app.WithToken(authority.Mint(Editor, "translations-api")).Editorial.CreateReleaseAsync(
            Requests.NewRelease(), cancellationToken: TestContext.Current.CancellationToken);
        var forged = await Requests.FailsAsync(app.WithToken(authority.Mint(Editor, "translations-api", signedBy: otherKey)).Editorial
            .CreateReleaseAsync(Requests.NewRelease(), cancellationToken: TestContext.Current.CancellationToken));
        var otherAudience = await Requests.FailsAsync(app.WithToken(authority.Mint(Editor, "another-api")).Releases
            .GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = created.Release.Id }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("olga", created.Release.Variants[0].Author);
        Assert.Equal(StatusCode.Unauthenticated, forged.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, otherAudience.StatusCode);
    }

    [Fact]
    public async Task Unreachable_authority_is_unavailable_not_internal()
    {
        string issuer;
        string token;
        await using (var authority = await OpenIdAuthority.StartAsync())
        {
            issuer = authority.Issuer;
            token = authority.Mint(Editor, "translations-api");
        }
        await using var app = AuthorityApp(issuer);
        await app.InitializeAsync();

        var error = await Requests.FailsAsync(app.WithToken(token).Releases.GetReleaseAsync(
            new GetReleaseRequest { View = ReleaseView.Draft, Id = Guid.NewGuid().ToString("N") }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.True(error.StatusCode == StatusCode.Unavailable, error.ToString());
    }

    [Fact]
    public async Task Accepted_token_is_refused_once_it_expires()
    {
        await using var app = new TranslationsApp().With("Auth:ClockSkew", "00:00:00");
        await app.InitializeAsync();
        var expires = DateTimeOffset.UtcNow.AddSeconds(3);
        var clients = app.WithToken(TranslationsApp.Signing.Mint(Editor, DateTimeOffset.UtcNow.AddMinutes(-1), expires));
        var release = (await clients.Editorial.CreateReleaseAsync(Requests.NewRelease(), cancellationToken: TestContext.Current.CancellationToken)).Release;
        await clients.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = release.Id }, cancellationToken: TestContext.Current.CancellationToken);

        await Task.Delay(expires - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var error = await Requests.FailsAsync(clients.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = release.Id }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal((StatusCode.Unauthenticated, "The bearer token has expired."), (error.StatusCode, error.Status.Detail));
    }

    private static TranslationsApp DevelopmentApp(string keyFile, string dataDirectory) =>
        TranslationsApp.ReplicaOn(dataDirectory)
            .InEnvironment("Development")
            .With("Auth:SigningKey", "").With("Auth:Issuer", "").With("Auth:Audience", "")
            .With("Auth:DevelopmentKeyFile", keyFile);

    private static TranslationsApp AuthorityApp(string authority) => new TranslationsApp()
        .With("Auth:SigningKey", "").With("Auth:Issuer", "")
        .With("Auth:Authority", authority)
        .With("Auth:Audience", "translations-api")
        .With("Auth:RequireHttpsMetadata", "false");
}
