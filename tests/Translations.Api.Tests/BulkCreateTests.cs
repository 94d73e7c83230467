using Grpc.Core;
using Translations.Client;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>CreateReleases, the bulk create for imports: each item on its own, in order, counted once by the rate limiter.</summary>
[Trait("Database", "Each")]
public sealed class BulkCreateTests : IAsyncLifetime
{
    private static readonly TokenClaims Importer = new("importer", "editor");
    private readonly TranslationsApp _app = new TranslationsApp().With("RateLimits:WriteBurst", "2").With("RateLimits:WritesPerPeriod", "1").With("RateLimits:Period", "01:00:00");
    private readonly RegisteredClients _clients = new();

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await _clients.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Each_item_is_created_or_refused_on_its_own_in_order_with_its_own_change_event()
    {
        var client = _clients.For(_app.Address, Importer);
        var before = await _app.LastSequenceAsync();
        var slug = Requests.Unique("bulk");
        var items = new[]
        {
            Requests.NewRelease(title: "Первый", slug: slug),
            Requests.NewRelease(title: ""),                       // refused: no title
            Requests.NewRelease(title: "Третий", slug: slug),     // refused: the slug is taken by the first
            Requests.NewRelease(title: "Четвёртый"),
        };

        var outcomes = await client.CreateReleasesAsync(items);

        Assert.Equal([0, 1, 2, 3], outcomes.Select(o => o.Index));
        Assert.Equal([CreateReleaseOutcome.ResultOneofCase.Release, CreateReleaseOutcome.ResultOneofCase.Error, CreateReleaseOutcome.ResultOneofCase.Error,
            CreateReleaseOutcome.ResultOneofCase.Release], outcomes.Select(o => o.ResultCase));
        Assert.Equal((int)StatusCode.InvalidArgument, outcomes[1].Error.Code);
        Assert.Equal((int)StatusCode.AlreadyExists, outcomes[2].Error.Code);
        Assert.Contains(outcomes[2].Error.Details, d => d.TryUnpack<Google.Rpc.ErrorInfo>(out var info) && info.Reason == ErrorReasons.SlugTaken);
        var stored = await _app.StoredChangesAsync(before);
        Assert.Equal([outcomes[0].Release.Id, outcomes[3].Release.Id], stored.Select(e => e.ReleaseId));   // two releases, two events
        Assert.Equal("Четвёртый", (await client.GetReleaseAsync(outcomes[3].Release.Id, view: ReleaseView.Draft))!.Variants[0].Title);
    }

    [Fact]
    public async Task A_bulk_call_counts_once_against_the_write_rate_limit()
    {
        var client = _clients.For(_app.Address, new TokenClaims("bulk-importer", "editor"));

        var outcomes = await client.CreateReleasesAsync(Enumerable.Range(0, 10).Select(i => Requests.NewRelease(title: $"Релиз {i}")));
        await client.CreateReleaseAsync(Requests.NewRelease());           // the second token of a burst of 2

        Assert.All(outcomes, o => Assert.Equal(CreateReleaseOutcome.ResultOneofCase.Release, o.ResultCase));
        await Assert.ThrowsAsync<RateLimitedException>(() => client.CreateReleasesAsync([Requests.NewRelease()]));
    }

    [Fact]
    public async Task Sending_the_same_items_again_creates_nothing_new()
    {
        var client = _clients.For(_app.Address, new TokenClaims("repeating-importer", "editor"));
        var items = Enumerable.Range(0, 3).Select(i => Requests.NewRelease(title: $"Повтор {i}", requestId: $"import-{Guid.NewGuid():N}")).ToList();

        var first = await client.CreateReleasesAsync(items);
        var before = await _app.LastSequenceAsync();
        var again = await client.CreateReleasesAsync(items);

        Assert.Equal(first.Select(o => o.Release.Id), again.Select(o => o.Release.Id));
        Assert.Equal(before, await _app.LastSequenceAsync());
    }
}
