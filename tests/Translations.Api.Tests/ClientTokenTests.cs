using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Translations.Client;
using Translations.Testing;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>The client's token sources against a service that trusts a real OpenID Connect authority.</summary>
public sealed class ClientTokenTests : IAsyncLifetime
{
    private OpenIdAuthority _authority = null!;
    private TranslationsApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _authority = await OpenIdAuthority.StartAsync();
        _authority.AddClient("newsletter", "s3cret", new TokenClaims("newsletter", "editor"));
        _app = new TranslationsApp()
            .With("Auth:SigningKey", "").With("Auth:Issuer", "")
            .With("Auth:Authority", _authority.Issuer)
            .With("Auth:Audience", _authority.Audience)
            .With("Auth:RequireHttpsMetadata", "false");
        await _app.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _authority.DisposeAsync();
    }

    [Fact]
    public async Task Client_credentials_tokens_are_obtained_once_reused_and_replaced_before_they_expire()
    {
        _authority.TokenLifetime = TimeSpan.FromMinutes(5);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddTranslationsClient(options =>
            {
                options.Address = _app.Address;
                options.ClientCredentials = new ClientCredentialsOptions
                {
                    Authority = new Uri(_authority.Issuer),
                    ClientId = "newsletter",
                    ClientSecret = "s3cret",
                    RefreshBeforeExpiry = TimeSpan.FromMinutes(1),
                };
            })
            .BuildServiceProvider();
        var client = services.GetRequiredService<TranslationsClient>();

        var created = await client.CreateReleaseAsync(Requests.NewRelease());
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.GetReleaseAsync(created.Id, view: ReleaseView.Draft)));
        Assert.Equal(1, _authority.TokensIssued);

        time.Advance(TimeSpan.FromMinutes(3.9));                     // still a minute and more to live
        Assert.NotNull(await client.GetReleaseAsync(created.Id, view: ReleaseView.Draft));
        Assert.Equal(1, _authority.TokensIssued);

        time.Advance(TimeSpan.FromMinutes(0.2));                     // under a minute left: replaced
        var draft = await client.GetReleaseAsync(created.Id, view: ReleaseView.Draft);
        Assert.Equal(2, _authority.TokensIssued);
        Assert.Equal("newsletter", Assert.Single(draft!.Variants).Author);
    }

    [Fact]
    public async Task A_client_the_authority_refuses_fails_with_a_message_naming_the_settings_and_sends_nothing()
    {
        using var client = TranslationsClient.Create(options =>
        {
            options.Address = _app.Address;
            options.ClientCredentials = new ClientCredentialsOptions { Authority = new Uri(_authority.Issuer), ClientId = "newsletter", ClientSecret = "wrong" };
        });

        var refused = await Assert.ThrowsAsync<TokenSourceException>(() => client.GetReleaseAsync("0123456789abcdef0123456789abcdef"));

        Assert.Contains("invalid_client", refused.Message, StringComparison.Ordinal);
        Assert.Contains("ClientSecret", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delegate_token_source_is_asked_before_every_call()
    {
        var asked = 0;
        using var client = TranslationsClient.Create(options =>
        {
            options.Address = _app.Address;
            options.TokenProvider = _ =>
            {
                Interlocked.Increment(ref asked);
                return ValueTask.FromResult<string?>(_authority.Mint(new TokenClaims("site", "reader"), _authority.Audience));
            };
        });

        Assert.Null(await client.GetReleaseAsync("0123456789abcdef0123456789abcdef"));
        Assert.Null(await client.GetReleaseAsync("0123456789abcdef0123456789abcdef"));

        Assert.Equal(2, asked);
    }
}
