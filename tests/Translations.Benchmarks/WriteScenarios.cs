using Microsoft.EntityFrameworkCore;
using Translations.Testing;

namespace Translations.Benchmarks;

/// <summary>What the writes measured on one database.</summary>
internal sealed record WriteResults(
    double DurableCommitsBefore, double DurableCommitsAfter, WriteResult[] Plain, WriteResult[] Watched, int Watchers, long EventsDelivered,
    bool WatchersComplete, bool SequencesDense, bool RowsMatch, string RowCheck)
{
    /// <summary>The yardstick: the mean of the two measurements around the write loads.</summary>
    public double DurableCommits => (DurableCommitsBefore + DurableCommitsAfter) / 2;

    public bool Correct => WatchersComplete && SequencesDense && RowsMatch && Plain.Concat(Watched).All(r => r.Failures == 0 && r.Calls > 0);
}

/// <summary>
/// CreateRelease and SubmitVariant from 16 writers over two replicas (two server processes on the one
/// database), then the same with 100 WatchReleases streams open on the replicas; around them, the
/// database's rate of durable one-row transactions on this machine.
/// </summary>
internal static class WriteScenarios
{
    public const int Writers = 16;
    public const int Replicas = 2;
    public const int WatcherCount = 100;

    /// <summary>Writers per caller are far above the default 20/s: the write rate limiter must not be what is measured.</summary>
    public static readonly (string Key, string Value)[] RateLimits = [("RateLimits__WritesPerPeriod", "1000000"), ("RateLimits__WriteBurst", "1000000")];

    public static async Task<WriteResults> RunAsync(RunSettings run, string root, BenchmarkDatabase database, RedisServer redis, string[] ids)
    {
        var duration = TimeSpan.FromSeconds(run.Seconds);
        var warmUp = TimeSpan.FromSeconds(run.WriteWarmUpSeconds);
        var baseline = TimeSpan.FromSeconds(run.DurableCommitSeconds);
        var (seededReleases, seededRevisions) = await CountAsync(database);

        Console.WriteLine($"{database.Name}: durable one-row transactions...");
        var before = await database.DurableCommitsPerSecondAsync(baseline);
        Console.WriteLine($"  {before:N0}/s");

        Console.WriteLine($"{database.Name}: {Replicas} replicas, {Writers} writers");
        var settings = database.ServerSettings.Concat(RateLimits.Select(s => KeyValuePair.Create(s.Key, s.Value)))
            .Append(KeyValuePair.Create("ConnectionStrings__Redis", redis.ConnectionString)).ToArray();
        var replicas = new List<ServerProcess>();
        try
        {
            for (var r = 0; r < Replicas; r++)
            {
                replicas.Add(await ServerProcess.StartAsync(root, settings));
            }
            using var load = new WriteLoad(replicas, database, Writers);
            WriteTarget[] targets = [WriteLoad.CreateRelease, WriteLoad.SubmitVariant(ids, Writers)];
            var plain = await load.RunAsync(targets, run.Rounds, duration, warmUp);
            Print(plain);

            Console.WriteLine($"{database.Name}: the same with {WatcherCount} watchers");
            WriteResult[] watched;
            bool complete;
            long delivered;
            await using (var watchers = await Watchers.StartAsync(replicas, WatcherCount))
            {
                watched = await load.RunAsync(targets, run.Rounds, duration, warmUp);
                Print(watched);
                complete = await watchers.AllReceivedAsync(await LastSequenceAsync(database), TimeSpan.FromSeconds(60));
                delivered = watchers.Received;
                Console.WriteLine($"  {delivered:N0} events delivered to {watchers.Count} watchers; every watcher got every event in order: {complete}");
            }

            var (dense, sequenceCheck) = await SequencesDenseAsync(database);
            var (releases, revisions) = await CountAsync(database);
            var created = load.Succeeded.GetValueOrDefault(WriteLoad.CreateRelease.Name);
            var submitted = load.Succeeded.GetValueOrDefault("SubmitVariant");
            var rowsMatch = releases == seededReleases + created && revisions == seededRevisions + created + submitted;
            var rowCheck = $"{releases - seededReleases:N0} new releases for {created:N0} acknowledged CreateRelease calls, " +
                $"{revisions - seededRevisions:N0} new variant revisions for {created + submitted:N0} acknowledged CreateRelease and SubmitVariant calls; {sequenceCheck}";
            Console.WriteLine($"  {rowCheck}");

            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }
            replicas.Clear();
            var after = await database.DurableCommitsPerSecondAsync(baseline);
            Console.WriteLine($"{database.Name}: durable one-row transactions after: {after:N0}/s");
            return new WriteResults(before, after, plain, watched, WatcherCount, delivered, complete, dense, rowsMatch, rowCheck);
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }
        }
    }

    private static void Print(IEnumerable<WriteResult> results)
    {
        foreach (var r in results)
        {
            Console.WriteLine($"  {r.Name}: {r.CallsPerSecond:N0} calls/s ({string.Join(" + ", r.CallsPerReplica.Select(c => $"{c:N0}"))} calls), p50 {r.P50Milliseconds:F1} ms, p99 {r.P99Milliseconds:F1} ms, {r.Failures} failures; " +
                $"CPU cores: servers {string.Join(" + ", r.ServerCores.Select(c => $"{c:F2}"))}, database {r.DatabaseCores:F2}, client {r.ClientCores:F2}, rest {r.OtherCores:F2}");
        }
    }

    private static async Task<long> LastSequenceAsync(BenchmarkDatabase database)
    {
        await using var db = await database.Contexts.CreateDbContextAsync();
        return await db.ChangeEvents.MaxAsync(e => e.Sequence);
    }

    /// <summary>The change feed's hard promise: sequences 1..N, each once, none missing.</summary>
    private static async Task<(bool Dense, string Check)> SequencesDenseAsync(BenchmarkDatabase database)
    {
        await using var db = await database.Contexts.CreateDbContextAsync();
        var (count, first, last) = (await db.ChangeEvents.LongCountAsync(), await db.ChangeEvents.MinAsync(e => e.Sequence), await db.ChangeEvents.MaxAsync(e => e.Sequence));
        return (first == 1 && last == count, $"change events: {count:N0}, sequences {first:N0} to {last:N0}");
    }

    private static async Task<(long Releases, long Revisions)> CountAsync(BenchmarkDatabase database)
    {
        await using var db = await database.Contexts.CreateDbContextAsync();
        return (await db.Releases.LongCountAsync(), await db.VariantRevisions.LongCountAsync());
    }
}
