using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Translations.Testing;
using Translations.Tests.Infrastructure;
using Translations.V1;

namespace Translations.Tests;

/// <summary>
/// PostgreSQL stopped and started again under a running service (its own cluster, as an operator's
/// restart or a fail-over does it): calls fail cleanly while it is away, nothing acknowledged is lost,
/// nothing retried is applied twice, and the service recovers by itself.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class PostgreSqlOutageTests : IAsyncLifetime
{
    private PostgreSqlServer _postgres = null!;
    private TranslationsApp _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _postgres = await PostgreSqlServer.StartNewAsync();
        var database = await _postgres.CreateDatabaseAsync();
        // Caching off, so that every read goes to the database.
        _app = new TranslationsApp()
            .With("Storage:Provider", "PostgreSql")
            .With("ConnectionStrings:Releases", _postgres.ConnectionString(database))
            .With("Cache:Enabled", "false")
            .WithServices(services => services.AddLogging(logging => logging.AddFakeLogging()));
        await _app.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task While_postgresql_is_down_calls_are_unavailable_retried_writes_apply_once_and_the_service_recovers_by_itself()
    {
        var before = await _app.CreateAsync(Requests.NewRelease(title: "До остановки"));
        await WaitForHealthAsync(HealthCheckResponse.Types.ServingStatus.Serving);

        // Writes in flight while the server stops: some are acknowledged, some fail, none is lost or doubled.
        var batch = Requests.Unique("outage");
        var writes = Enumerable.Range(0, 12).Select(i => Requests.NewRelease(title: $"{batch} {i}", requestId: $"{batch}-{i}")).ToList();
        var inFlight = writes.Select(async (request, i) =>
        {
            await Task.Delay(i * 15, Ct);
            try
            {
                return (await _app.Editorial.CreateReleaseAsync(request, cancellationToken: Ct)).Release.Id;
            }
            catch (RpcException e)
            {
                AssertUnavailable(e);
                return null;
            }
        }).ToList();
        await Task.Delay(60, Ct);
        await _postgres.StopAsync();
        var acknowledged = await Task.WhenAll(inFlight);

        AssertUnavailable(await Requests.FailsAsync(_app.Releases.GetReleaseAsync(new GetReleaseRequest { Id = before.Id }, cancellationToken: Ct)));
        AssertUnavailable(await Requests.FailsAsync(_app.Editorial.CreateReleaseAsync(writes[0], cancellationToken: Ct)));
        AssertUnavailable(await Assert.ThrowsAsync<RpcException>(() => _app.Releases.QueryReleases(new QueryReleasesRequest(), cancellationToken: Ct).ReadAllAsync(Ct)));
        await WaitForHealthAsync(HealthCheckResponse.Types.ServingStatus.NotServing);

        await _postgres.StartAsync();

        // Every write retried with its request id until it succeeds: an acknowledged one returns the same release.
        for (var i = 0; i < writes.Count; i++)
        {
            var id = await RetryUntilServedAsync(() => _app.Editorial.CreateReleaseAsync(writes[i], cancellationToken: Ct).ResponseAsync);
            if (acknowledged[i] is { } first)
            {
                Assert.Equal(first, id.Release.Id);
            }
        }
        await WaitForHealthAsync(HealthCheckResponse.Types.ServingStatus.Serving);

        await using var db = await _app.DatabaseAsync();
        var titles = await db.Variants.Where(v => v.Title.StartsWith(batch)).Select(v => v.Title).ToListAsync(Ct);
        Assert.Equal(writes.Select(w => w.Release.Variants[0].Title).Order(), titles.Order());
        Assert.Equal("До остановки", (await _app.Releases.GetReleaseAsync(new GetReleaseRequest { Id = before.Id, View = ReleaseView.Draft }, cancellationToken: Ct)).Release.Variants[0].Title);

        // The change feed polled every 400 ms while the database was away: it said so once, then once that it was back.
        var log = _app.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Single(log, r => r.Message.StartsWith("Change feed: the release database (PostgreSql) cannot be reached", StringComparison.Ordinal));
        Assert.Single(log, r => r.Message == "Change feed: the release database can be reached again");
        Assert.DoesNotContain(log, r => (r.Category ?? "").StartsWith("Translations", StringComparison.Ordinal) && r.Exception is not null);
    }

    private static void AssertUnavailable(RpcException error)
    {
        Assert.True(error.StatusCode == StatusCode.Unavailable, $"Expected UNAVAILABLE, got {error.StatusCode}: {error.Status.Detail}");
        Assert.Equal("DATABASE_UNAVAILABLE", error.ErrorInfo().Reason);
        Assert.NotNull(error.GetRpcStatus()?.GetDetail<RetryInfo>());
        Assert.DoesNotContain("127.0.0.1", error.Status.Detail);
    }

    private static async Task<T> RetryUntilServedAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (RpcException e) when (attempt < 100)
            {
                AssertUnavailable(e);
                await Task.Delay(200, Ct);
            }
        }
    }

    private async Task WaitForHealthAsync(HealthCheckResponse.Types.ServingStatus expected) =>
        Assert.Equal(expected, await _app.HealthAsync(expected));
}
