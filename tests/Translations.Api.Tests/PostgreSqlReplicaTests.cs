using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Translations.Testing;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>
/// Three replicas as separate <c>dotnet</c> processes on one PostgreSQL database and one Redis, each with
/// 8 writers at once; watchers on the replicas; one replica killed with SIGKILL halfway through.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class PostgreSqlReplicaTests : IAsyncLifetime
{
    private const int WritersPerReplica = 8;
    private const int ReleasesPerWriter = 4;
    private static readonly TokenClaims Editor = new("replica-watcher", "editor");

    private readonly RedisServer _redis = new();
    private PostgreSqlServer _postgres = null!;
    private string _database = null!;
    private ServiceProcess[] _replicas = [];
    private volatile ServiceProcess? _killed;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _redis.InitializeAsync();
        _postgres = await PostgreSqlServer.SharedAsync();
        _database = await _postgres.CreateDatabaseAsync();
        var settings = BuiltProgram.ServiceSettings();
        settings["Storage__Provider"] = "PostgreSql";
        settings["ConnectionStrings__Releases"] = _postgres.ConnectionString(_database);
        settings["ConnectionStrings__Redis"] = _redis.ConnectionString;
        settings["RateLimits__WritesPerPeriod"] = "1000000";
        settings["RateLimits__WriteBurst"] = "1000000";
        // The first replica migrates the empty database; the other two start on the migrated one.
        var first = await ServiceProcess.StartAsync(settings);
        _replicas = [first, .. await Task.WhenAll(ServiceProcess.StartAsync(settings), ServiceProcess.StartAsync(settings))];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }
        await _redis.DisposeAsync();
        await _postgres.DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task Concurrent_writers_on_three_replicas_one_killed_midway_lose_nothing_and_every_watcher_gets_every_sequence_once_in_order()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // A watcher on each replica; the one on the replica that is killed resumes on the first one.
        var watchers = new[] { Follower(_replicas[0], _replicas[1]), Follower(_replicas[1], _replicas[0]), Follower(_replicas[2], _replicas[0]) };
        var following = watchers.Select(w => w.RunAsync(stop.Token)).ToList();

        var acknowledged = new ConcurrentBag<(string Id, long Revision)>();
        var slowest = new ConcurrentBag<TimeSpan>();
        var totalWrites = _replicas.Length * WritersPerReplica * ReleasesPerWriter * 2;
        var killedAfter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killing = Task.Run(async () =>
        {
            while (acknowledged.Count < totalWrites / 2)
            {
                await Task.Delay(20, Ct);
            }
            _killed = _replicas[2];
            await _replicas[2].KillAsync();
            killedAfter.SetResult();
        }, Ct);

        async Task WriteAsync(int replica, int writer)
        {
            var caller = new TokenClaims($"writer-{replica}-{writer}", "editor");
            var clients = _replicas[replica].As(caller);
            for (var i = 0; i < ReleasesPerWriter; i++)
            {
                var key = $"{_database}-{replica}-{writer}-{i}";
                var created = (await OnSurvivorAsync(replica, caller, clients, c => c.Editorial.CreateReleaseAsync(
                    Requests.NewRelease(title: $"Выпуск {key}", requestId: $"create-{key}"), cancellationToken: Ct).ResponseAsync)).Release;
                acknowledged.Add((created.Id, created.Revision));
                slowest.Add(await SeenEverywhereAsync(created.Id, created.Revision));

                var submitted = await OnSurvivorAsync(replica, caller, clients, c => c.Translation.SubmitVariantAsync(
                    Requests.Variant(created.Id, "en", title: $"Release {key}", requestId: $"submit-{key}"), cancellationToken: Ct).ResponseAsync);
                acknowledged.Add((created.Id, submitted.ReleaseRevision));
                slowest.Add(await SeenEverywhereAsync(created.Id, submitted.ReleaseRevision));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, _replicas.Length).SelectMany(r => Enumerable.Range(0, WritersPerReplica).Select(w => WriteAsync(r, w))));
        await killing;

        // Every write acknowledged, before the kill or after it, is in the database, and none twice.
        var (newest, stored) = await StoredReleases.ReadAsync(_postgres.ConnectionString(_database), Ct);
        Assert.All(acknowledged, write => Assert.True(stored.TryGetValue(write.Id, out var revision) && revision >= write.Revision,
            $"Release {write.Id} at revision {write.Revision} was acknowledged but is not in the database."));
        Assert.Equal(_replicas.Length * WritersPerReplica * ReleasesPerWriter, stored.Count);
        Assert.All(stored.Values, revision => Assert.Equal(2, revision));

        // Every watcher, the resumed one included, received every sequence exactly once, in order, with no gap.
        foreach (var watcher in watchers)
        {
            await watcher.CaughtUpAsync(newest, Ct);
        }
        await stop.CancelAsync();
        await Task.WhenAll(following);
        Assert.All(watchers, watcher => Assert.Equal(Enumerable.Range(1, (int)newest).Select(s => (long)s), watcher.Sequences));
        Assert.True(watchers[2].Resumed, "The watcher on the killed replica should have resumed on another one.");

        // No replica's cache served an older revision to a read begun a second or more after the acknowledgement.
        Assert.True(slowest.Max() < TimeSpan.FromSeconds(1), $"A read begun {slowest.Max().TotalMilliseconds:F0} ms after a write was acknowledged got the older revision.");
    }

    /// <summary>The call on the writer's replica; once that replica is killed, again (same caller, same request id) on the first one.</summary>
    private async Task<T> OnSurvivorAsync<T>(int replica, TokenClaims caller, Clients clients, Func<Clients, Task<T>> call)
    {
        try
        {
            return await call(_killed == _replicas[replica] ? _replicas[0].As(caller) : clients);
        }
        catch (RpcException) when (replica == 2)
        {
            // Only the killed replica may fail a call: wait until the test has marked it killed, then retry.
            Assert.True(await KilledSoonAsync(replica));
            return await call(_replicas[0].As(caller));
        }
    }

    private async Task<bool> KilledSoonAsync(int replica)
    {
        for (var i = 0; i < 50 && _killed != _replicas[replica]; i++)
        {
            await Task.Delay(100, Ct);
        }
        return _killed == _replicas[replica];
    }

    /// <summary>
    /// Reads the release on every live replica until each serves at least <paramref name="revision"/>, and
    /// returns the latest start, after the acknowledgement, of a read that still got an older revision. On a
    /// loaded machine a call may take long; what must never happen is a read begun a second after the
    /// acknowledgement that is served the old revision.
    /// </summary>
    private async Task<TimeSpan> SeenEverywhereAsync(string id, long revision)
    {
        var acknowledged = Stopwatch.StartNew();
        var stale = await Task.WhenAll(_replicas.Where(r => r != _killed).Select(async replica =>
        {
            var reader = replica.As(Editor).Releases;
            var lastStale = TimeSpan.Zero;
            while (acknowledged.Elapsed < TimeSpan.FromSeconds(30))
            {
                var started = acknowledged.Elapsed;
                try
                {
                    var read = await reader.GetReleaseAsync(new GetReleaseRequest { Id = id, View = ReleaseView.Draft }, cancellationToken: Ct);
                    if (read.Release.Revision >= revision)
                    {
                        return lastStale;
                    }
                    lastStale = started;
                }
                catch (RpcException) when (replica == _replicas[2])
                {
                    return lastStale; // killed meanwhile
                }
                await Task.Delay(5, Ct);
            }
            return TimeSpan.MaxValue;
        }));
        return stale.Max();
    }

    /// <summary>A watcher on <paramref name="replica"/> that resumes on <paramref name="fallback"/> once the replica is killed.</summary>
    private ResumingWatch Follower(ServiceProcess replica, ServiceProcess fallback) =>
        new(Editor, ReleaseView.Draft, ended => ValueTask.FromResult(ended is null || _killed != ended ? ended ?? replica : fallback));
}
