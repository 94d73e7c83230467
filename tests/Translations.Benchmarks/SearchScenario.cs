using Grpc.Core;
using Grpc.Net.Client;
using Translations.Testing;
using Translations.V1;

namespace Translations.Benchmarks;

/// <summary>What one query of the set found: the releases the seed put both words in, the hits the index counts, the first page.</summary>
internal sealed record SearchQueryCheck(string Language, string Text, int Expected, int Hits, IReadOnlyList<string> FirstPage, bool FirstPageMatches)
{
    public bool Correct => Hits == Expected && FirstPage.Count == Math.Min(Hits, SearchStatements.Limit) && FirstPageMatches;
}

/// <summary>What the search part measured on one database.</summary>
/// <param name="Grpc">SearchReleases over gRPC, one entry per level of calls in flight (<see cref="SearchScenario.InFlight"/>).</param>
/// <param name="Direct">The same statement in this process, no gRPC, at the same levels, measured in turns with <paramref name="Grpc"/>.</param>
/// <param name="IndexOn">CreateRelease and SubmitVariant against a copy of the database with the index.</param>
/// <param name="IndexOff">The same against a copy without it (<paramref name="OffMadeBy"/>), in turns with <paramref name="IndexOn"/>.</param>
internal sealed record SearchResults(
    IReadOnlyList<SearchQueryCheck> Queries, UnaryResult[] Grpc, UnaryResult[] Direct, IndexSize Index,
    WriteResult[] IndexOn, WriteResult[] IndexOff, string OffMadeBy, bool IndexFollowed, string FollowCheck)
{
    public double Ratio(int level) => Grpc[level].CallsPerSecond / Direct[level].CallsPerSecond;

    public double WriteRatio(int target) => IndexOn[target].CallsPerSecond / IndexOff[target].CallsPerSecond;

    public bool Correct => Queries.All(q => q.Correct) && IndexFollowed
        && Grpc.Concat(Direct).All(r => r.Failures == 0 && r.Calls > 0)
        && IndexOn.Concat(IndexOff).All(r => r.Failures == 0 && r.Calls > 0);
}

/// <summary>
/// Full-text search (issue 14) on the seeded releases: SearchReleases for two-word queries, first 20 hits, over
/// gRPC from the .NET client, in turns with the same SQL statement run in this process without gRPC; the size
/// of the index; and the write loads against two copies of the database, one with the index and one without.
/// </summary>
internal static class SearchScenario
{
    /// <summary>Calls in flight: one at a time (latency alone), then as many as the unary loads keep (4 connections x 16).</summary>
    public static int[] InFlight(RunSettings run) => [1, run.Connections * run.Streams];

    public static async Task<SearchResults> RunAsync(RunSettings run, string root, BenchmarkDatabase database, RedisServer redis, string[] ids)
    {
        var statements = await SearchStatements.CreateAsync(database, SeedText.Queries);
        var queries = CheckQueries(statements, ids);
        foreach (var q in queries)
        {
            Console.WriteLine($"  [{q.Language}] \"{q.Text}\": {q.Hits:N0} hits ({q.Hits * 100.0 / ids.Length:F2}% of {ids.Length:N0}), the seed put both words in {q.Expected:N0}; first page {q.FirstPage.Count}, every hit holds both words: {q.FirstPageMatches}");
        }

        var (grpc, direct) = await ReadsAsync(run, root, database, redis, statements);
        var writes = await WritesAsync(run, root, database, redis, ids);
        var index = writes.Index;
        Console.WriteLine($"  index: {index.Bytes / 1048576.0:F1} MiB ({string.Join(", ", index.Parts.Select(p => $"{p.Name} {p.Bytes / 1048576.0:F1}"))}) of a {index.DatabaseBytes / 1048576.0:F1} MiB database");
        var results = new SearchResults(queries, grpc, direct, index, writes.On, writes.Off, writes.OffMadeBy, writes.Followed, writes.Check);
        for (var i = 0; i < writes.On.Length; i++)
        {
            Console.WriteLine($"  {writes.On[i].Name}: index on {writes.On[i].CallsPerSecond:N0}/s (p99 {writes.On[i].P99Milliseconds:F1} ms), off {writes.Off[i].CallsPerSecond:N0}/s (p99 {writes.Off[i].P99Milliseconds:F1} ms); on / off {results.WriteRatio(i):F2}");
        }
        Console.WriteLine($"  {writes.Check}; correct: {results.Correct}");
        return results;
    }

    private static List<SearchQueryCheck> CheckQueries(SearchStatements statements, string[] ids)
    {
        var seeded = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        return statements.Queries.Select((query, q) => new SearchQueryCheck(query.Language, query.Text, query.ExpectedHits(ids.Length), statements.Hits[q],
            statements.Expected[q], statements.Expected[q].All(id => seeded.TryGetValue(id, out var i) && query.Matches(i)))).ToList();
    }

    private static async Task<(UnaryResult[] Grpc, UnaryResult[] Direct)> ReadsAsync(RunSettings run, string root, BenchmarkDatabase database, RedisServer redis, SearchStatements statements)
    {
        Console.WriteLine($"{database.Name}: SearchReleases over gRPC and the same statement in this process, {SearchStatements.Limit} hits, {statements.Queries.Count} queries in turn");
        await using var server = await ServerProcess.StartAsync(root, database.ServerSettings.Append(KeyValuePair.Create("ConnectionStrings__Redis", redis.ConnectionString)));
        var warmUp = TimeSpan.FromSeconds(run.WarmUpSeconds);
        var loads = new List<(ServerProcess, IUnaryLoad)>();
        var channels = new List<IDisposable>();
        foreach (var inFlight in InFlight(run))
        {
            // One connection for a single call in flight; otherwise the unary loads' connections and streams.
            var (connections, perConnection) = inFlight == 1 ? (1, 1) : (run.Connections, run.Streams);
            var grpc = new DotnetClientLoad($"SearchReleases over gRPC, {inFlight} in flight", (invoker, i) => SearchAsync(invoker, statements, i), connections, perConnection, warmUp);
            channels.Add(grpc);
            loads.Add((server, grpc));
            loads.Add((server, new DirectSearchLoad($"the same statement in this process, {inFlight} in flight", database, statements, inFlight, warmUp)));
        }
        try
        {
            var results = await Interleaved.RunAsync(redis, database, run.Rounds, TimeSpan.FromSeconds(run.Seconds), loads.ToArray());
            foreach (var r in results)
            {
                Console.WriteLine($"  {r.Name}: {r.CallsPerSecond:N0} calls/s, p50 {r.P50Milliseconds:F2} ms, p99 {r.P99Milliseconds:F2} ms, {r.Failures} failures; CPU cores: server {r.ServerCores:F2}, database {r.DatabaseCores:F2}, client {r.GeneratorCores:F2}");
            }
            return (results.Where((_, i) => i % 2 == 0).ToArray(), results.Where((_, i) => i % 2 == 1).ToArray());
        }
        finally
        {
            channels.ForEach(c => c.Dispose());
        }
    }

    /// <summary>SearchReleases for query i of the set, every hit read; true when they are the first page the statement found.</summary>
    private static async Task<bool> SearchAsync(CallInvoker invoker, SearchStatements statements, int i)
    {
        var q = i % statements.Queries.Count;
        var query = statements.Queries[q];
        using var call = new ReleaseService.ReleaseServiceClient(invoker).SearchReleases(
            new SearchReleasesRequest { Query = query.Text, Language = query.Language, Limit = SearchStatements.Limit });
        var hits = new List<string>(SearchStatements.Limit);
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            hits.Add(response.Hit.ReleaseId);
        }
        return hits.SequenceEqual(statements.Expected[q], StringComparer.Ordinal);
    }

    private sealed record WriteComparison(WriteResult[] On, WriteResult[] Off, IndexSize Index, string OffMadeBy, bool Followed, string Check);

    /// <summary>
    /// Two copies of the seeded database, made the same way; the index removed from one. One server process on
    /// each, with its own Redis database, and the writes' 16 writers on each in turns. The copies are removed
    /// afterwards, so the parts that follow find the benchmark's database as the search part found it.
    /// </summary>
    private static async Task<WriteComparison> WritesAsync(RunSettings run, string root, BenchmarkDatabase database, RedisServer redis, string[] ids)
    {
        Console.WriteLine($"{database.Name}: writes with the index on and off, {WriteScenarios.Writers} writers, two copies of the database in turns");
        var on = await database.CopyAsync("search_index_on");
        var off = await database.CopyAsync("search_index_off");
        try
        {
            IndexSize index;
            string offMadeBy;
            await using (var connection = off.Connect())
            {
                await connection.OpenAsync();
                (index, offMadeBy) = await SearchIndex.MeasureAndRemoveAsync(database, connection);
            }
            IEnumerable<KeyValuePair<string, string>> Settings(DatabaseCopy copy, int redisDatabase) => copy.ServerSettings
                .Concat(WriteScenarios.RateLimits.Select(s => KeyValuePair.Create(s.Key, s.Value)))
                .Append(KeyValuePair.Create("ConnectionStrings__Redis", $"{redis.ConnectionString},defaultDatabase={redisDatabase}"));
            WriteResult[] results;
            long submitted;
            await using (var serverOn = await ServerProcess.StartAsync(root, Settings(on, 1)))
            await using (var serverOff = await ServerProcess.StartAsync(root, Settings(off, 2)))
            {
                using var loadOn = new WriteLoad([serverOn], database, WriteScenarios.Writers);
                using var loadOff = new WriteLoad([serverOff], database, WriteScenarios.Writers);
                var (create, submit) = (WriteLoad.CreateRelease, WriteLoad.SubmitVariant(ids, WriteScenarios.Writers));
                results = await WriteLoad.RunInTurnsAsync([(loadOn, create), (loadOff, create), (loadOn, submit), (loadOff, submit)],
                    run.Rounds, TimeSpan.FromSeconds(run.Seconds), TimeSpan.FromSeconds(run.WriteWarmUpSeconds));
                submitted = loadOn.Succeeded.GetValueOrDefault(submit.Name);
            }
            bool followed;
            string check;
            await using (var connection = on.Connect())
            {
                await connection.OpenAsync();
                (followed, check) = await SearchIndex.FollowedAsync(database, connection, submitted);
            }
            return new WriteComparison([results[0], results[2]], [results[1], results[3]], index, offMadeBy, followed, check);
        }
        finally
        {
            await on.Remove();
            await off.Remove();
        }
    }
}
