using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Translations.Testing;
using Translations.Tests.Infrastructure;
using Translations.V1;

namespace Translations.Tests;

/// <summary>Watches across replicas of one database, with Redis up, with Redis gone, and across a restart.</summary>
[Trait("Database", "Each")]
[Collection(nameof(RunsAlone))]
public sealed class WatchReplicaTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _redis.InitializeAsync();

    public ValueTask DisposeAsync() => _redis.DisposeAsync();

    private TranslationsApp WithRedis(TranslationsApp app) => app.With("ConnectionStrings:Redis", _redis.ConnectionString);

    [Fact]
    public async Task Watcher_on_one_replica_gets_changes_written_through_another_at_once_woken_by_redis()
    {
        await using var a = WithRedis(new TranslationsApp());
        await a.InitializeAsync();
        // B polls only every 10 s: whatever it delivers sooner, the Redis wake-up brought.
        await using var b = WithRedis(TranslationsApp.ReplicaOn(a.DataDirectory)).With("Changes:PollInterval", "00:00:10");
        await b.InitializeAsync();
        using var watch = b.Releases.Watch(cancellationToken: Ct);
        var after = await watch.StartsAfterAsync();

        for (var i = 1; i <= 5; i++)
        {
            var created = await a.CreateAsync(Requests.NewRelease(title: $"Через A {i}"));
            var change = (await watch.ReadEventsAsync(1, within: TimeSpan.FromSeconds(5)))[0];

            Assert.Equal((after + i, created.Id, ReleaseEventType.Created), (change.Sequence, change.ReleaseId, change.Type));
        }
    }

    [Fact]
    public async Task With_caching_off_the_redis_wake_up_still_brings_changes_to_other_replicas_at_once()
    {
        await using var a = WithRedis(new TranslationsApp()).With("Cache:Enabled", "false");
        await a.InitializeAsync();
        await using var b = WithRedis(TranslationsApp.ReplicaOn(a.DataDirectory)).With("Cache:Enabled", "false").With("Changes:PollInterval", "00:00:10");
        await b.InitializeAsync();
        using var watch = b.Releases.Watch(cancellationToken: Ct);
        var after = await watch.StartsAfterAsync();

        for (var i = 1; i <= 3; i++)
        {
            var created = await a.CreateAsync(Requests.NewRelease(title: $"Без кэша {i}"));
            var change = (await watch.ReadEventsAsync(1, within: TimeSpan.FromSeconds(5)))[0];

            Assert.Equal((after + i, created.Id), (change.Sequence, change.ReleaseId));
        }
    }

    [Fact]
    public async Task With_caching_off_and_redis_set_health_reports_serving()
    {
        // Redis is connected for the wake-ups alone; its health check must not need the L2 cache.
        await using var app = WithRedis(new TranslationsApp()).With("Cache:Enabled", "false");
        await app.InitializeAsync();

        var serving = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving;
        Assert.Equal(serving, await app.HealthAsync(serving));
    }

    [Fact]
    public async Task A_replica_without_redis_wakes_its_own_watchers_for_its_own_writes_without_waiting_for_a_poll()
    {
        await using var app = new TranslationsApp().With("Changes:PollInterval", "00:00:10");
        await app.InitializeAsync();
        using var watch = app.Releases.Watch(cancellationToken: Ct);
        var after = await watch.StartsAfterAsync();

        for (var i = 1; i <= 3; i++)
        {
            var created = await app.CreateAsync(Requests.NewRelease(title: $"Сама себе {i}"));
            var change = (await watch.ReadEventsAsync(1, within: TimeSpan.FromSeconds(5)))[0];

            Assert.Equal((after + i, created.Id), (change.Sequence, change.ReleaseId));
        }
    }

    [Fact]
    public async Task With_redis_stopped_watchers_on_every_replica_get_every_change_within_two_seconds_by_polling()
    {
        await using var a = WithRedis(new TranslationsApp());
        await a.InitializeAsync();
        await using var b = WithRedis(TranslationsApp.ReplicaOn(a.DataDirectory));
        await b.InitializeAsync();
        using var onA = a.Releases.Watch(cancellationToken: Ct);
        using var onB = b.Releases.Watch(cancellationToken: Ct);
        var after = await onA.StartsAfterAsync();
        Assert.Equal(after, await onB.StartsAfterAsync());

        await _redis.KillAsync();
        var slowest = TimeSpan.Zero;
        var created = await a.CreateAsync(Requests.NewRelease());
        for (var i = 0; i < 10; i++)
        {
            var write = i == 0
                ? Task.CompletedTask
                : a.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "en", title: $"Take {i}", expectedRevision: i - 1), cancellationToken: Ct).ResponseAsync;
            await write;
            var acknowledged = Stopwatch.StartNew();
            var change = (await onB.ReadEventsAsync(1))[0];
            slowest = acknowledged.Elapsed > slowest ? acknowledged.Elapsed : slowest;
            Assert.Equal(after + 1 + i, change.Sequence);
        }
        var seenOnA = await onA.ReadEventsAsync(10);

        Assert.Equal(Enumerable.Range(1, 10).Select(i => after + i), seenOnA.Select(e => e.Sequence));
        Assert.True(slowest < TimeSpan.FromSeconds(2), $"Without Redis, replica B delivered a change {slowest.TotalMilliseconds:F0} ms after it was acknowledged.");
    }

    [Fact]
    public async Task Watch_resumes_after_a_server_restart_from_the_last_sequence_it_saw()
    {
        var database = new TranslationsApp();   // owns the data folder across both servers; never started itself
        try
        {
            var first = TranslationsApp.ReplicaOn(database.DataDirectory);
            await first.InitializeAsync();
            for (var i = 0; i < 5; i++)
            {
                await first.CreateAsync(Requests.NewRelease(title: $"До перезапуска {i}"));
            }
            // A channel of the test's own, so that the server going away, not the fixture, ends the call.
            using var channel = OwnChannel(first);
            using var watch = new ReleaseService.ReleaseServiceClient(channel).Watch(after: 0, cancellationToken: Ct);
            var seen = await watch.ReadEventsAsync(5);

            var stopping = first.DisposeAsync().AsTask();
            var error = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(Ct));
            await stopping;
            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
            Assert.Equal("SERVER_STOPPING", error.ErrorInfo().Reason);
            Assert.Equal("5", error.ErrorInfo().Metadata["last_sequence"]);

            await using var second = TranslationsApp.ReplicaOn(database.DataDirectory);
            await second.InitializeAsync();
            var after = await second.CreateAsync(Requests.NewRelease(title: "После перезапуска"));
            using var resumed = second.Releases.Watch(after: seen[^1].Sequence, cancellationToken: Ct);
            var rest = await resumed.ReadEventsAsync(1);

            Assert.Equal([1L, 2, 3, 4, 5], seen.Select(e => e.Sequence));
            Assert.Equal((6, after.Id), (rest[0].Sequence, rest[0].ReleaseId));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    private static GrpcChannel OwnChannel(TranslationsApp app)
    {
        var token = TranslationsApp.Signing.Mint(TranslationsApp.DefaultCaller, TimeSpan.FromHours(1));
        return GrpcChannel.ForAddress(app.Address, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("authorization", $"Bearer {token}");
                return Task.CompletedTask;
            })),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
    }
}
