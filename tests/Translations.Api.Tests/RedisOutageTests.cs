using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Translations.Testing;
using Translations.Tests.Infrastructure;
using Translations.V1;

namespace Translations.Tests;

[Collection(nameof(RunsAlone))]
public sealed class RedisOutageTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private TranslationsApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        await _redis.InitializeAsync();
        _app = Replica();
        await _app.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private TranslationsApp Replica(string? dataDirectory = null) =>
        (dataDirectory is null ? new TranslationsApp() : TranslationsApp.ReplicaOn(dataDirectory)).With("ConnectionStrings:Redis", _redis.ConnectionString).With("Cache:RedisTimeout", "00:00:00.250")
            .WithServices(services => services.AddLogging(logging => logging.AddFakeLogging()));

    private static async Task<HealthStatus> HealthOf(TranslationsApp app) =>
        (await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Status;

    private static async Task WaitFor(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Without_redis_every_call_succeeds_promptly_and_when_it_returns_nothing_stale_is_served_from_it()
    {
        var releases = new List<Release>();
        for (var i = 0; i < 10; i++)
        {
            var release = await _app.CreateAsync(Requests.NewRelease(title: $"До сбоя {i}"));
            await _app.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = release.Id });   // now in L1 and in Redis, at revision 1
            releases.Add(release);
        }
        Assert.Equal(HealthStatus.Healthy, await HealthOf(_app));

        // Load runs while Redis is killed mid-way: reads and writes, each timed.
        var slowest = TimeSpan.Zero;
        var written = new Dictionary<string, long>();
        async Task Call(Func<Task> call)
        {
            var clock = Stopwatch.StartNew();
            await call();
            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
        }
        for (var round = 0; round < 6; round++)
        {
            if (round == 2)
            {
                await _redis.KillAsync();
            }
            foreach (var release in releases)
            {
                var expected = written.GetValueOrDefault(release.Id);
                await Call(async () =>
                {
                    var submitted = await _app.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en", title: $"Round {round}", expectedRevision: expected));
                    written[release.Id] = submitted.Variant.Revision;
                });
                await Call(async () =>
                {
                    var read = await _app.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = release.Id, Language = "en" });
                    Assert.Equal($"Round {round}", read.Release.Variants[0].Title);   // read-your-writes, also without Redis
                });
            }
        }
        await WaitFor(async () => await HealthOf(_app) == HealthStatus.Degraded, "health reports Degraded");
        Assert.True(slowest < TimeSpan.FromSeconds(1), $"The slowest call took {slowest.TotalMilliseconds:F0} ms with Redis gone.");

        // Redis returns with the data it had before the outage (revision 1 of every release).
        await _redis.StartAsync();
        await WaitFor(async () => await HealthOf(_app) == HealthStatus.Healthy, "the service is connected to Redis again and has caught up");
        await using (var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString))
        {
            // Every entry Redis brought back from before the outage was evicted once it returned.
            var keys = redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: "*release:*").Select(k => k.ToString()).ToArray();
            Assert.DoesNotContain(keys, k => releases.Any(r => k.Contains(r.Id, StringComparison.Ordinal)));
        }
        await using var fresh = Replica(_app.DataDirectory);   // no L1, no watermarks: it trusts whatever Redis holds
        await fresh.InitializeAsync();
        foreach (var release in releases)
        {
            var read = await fresh.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = release.Id, Language = "en" });
            Assert.Equal("Round 5", read.Release.Variants[0].Title);
            Assert.Equal(7, read.Release.Revision);
        }
    }

    [Fact]
    public async Task A_redis_outage_of_several_health_rounds_logs_one_warning_when_it_starts_and_one_line_when_it_ends()
    {
        var collector = _app.Services.GetFakeLogCollector();
        List<FakeLogRecord> HealthLog() => collector.GetSnapshot().Where(r => r.Category == "Translations.Hosting.HealthStateLogging").ToList();
        await _app.CreateAsync(Requests.NewRelease());
        collector.Clear();

        await _redis.KillAsync();
        await WaitFor(() => Task.FromResult(HealthLog().Count == 1), "the outage is logged");
        await Task.Delay(TimeSpan.FromSeconds(7));   // three more health rounds (every 2 s) with Redis still down
        await _app.CreateAsync(Requests.NewRelease());   // a write whose eviction waits for Redis to return
        await _redis.StartAsync();
        await WaitFor(() => Task.FromResult(HealthLog().Count == 2), "the recovery is logged");
        await WaitFor(async () => await HealthOf(_app) == HealthStatus.Healthy, "the service is healthy again");
        await Task.Delay(TimeSpan.FromSeconds(3));   // another round, which must log nothing new

        // Besides the call log, the outage leaves exactly two lines at Information or above.
        var lines = collector.GetSnapshot().Where(r => r.Level >= LogLevel.Information && r.Category != "Translations.Hosting.CallLogging").ToList();
        Assert.True(lines.Count == 2, string.Join("\n", lines.Select(r => $"{r.Level} {r.Category}: {r.Message}")));
        var (warning, recovery) = (lines[0], lines[1]);
        Assert.Equal((LogLevel.Warning, "redis", "Degraded"), (warning.Level, warning.GetStructuredStateValue("Check"), warning.GetStructuredStateValue("Status")));
        Assert.Contains("unreachable", warning.Message, StringComparison.Ordinal);
        Assert.Equal((LogLevel.Information, "redis", "Healthy"), (recovery.Level, recovery.GetStructuredStateValue("Check"), recovery.GetStructuredStateValue("Status")));
        Assert.Contains("is connected", recovery.Message, StringComparison.Ordinal);
    }
}
