using Translations.Testing;

namespace Translations.Benchmarks;

/// <summary>What the reads measured on one database.</summary>
internal sealed record ReadResults(UnaryResult[] Unary, UnaryResult[] SameServerFloors, UnaryResult[] DotnetClient, StreamResult Stream)
{
    public bool Correct => Unary.Concat(SameServerFloors).Concat(DotnetClient).All(r => r.Failures == 0 && r.FullMessages) && Stream.Correct;
}

/// <summary>
/// Unary reads on three server processes in turn, each against the same database, and the streamed query:
/// (1) Health/Check and (2) GetRelease from L1 with Redis set, then the stream; (3) GetRelease from
/// Redis with L1 off; (4) GetRelease with caching off, every call a database read.
/// </summary>
internal static class ReadScenarios
{
    /// <summary>Only the streamed query, for working on it (<c>--parts stream</c>): it writes no report.</summary>
    public static async Task<StreamResult> StreamOnlyAsync(RunSettings run, string root, BenchmarkDatabase database, RedisServer redis, string[] ids)
    {
        await using var server = await ServerProcess.StartAsync(root, database.ServerSettings.Append(KeyValuePair.Create("ConnectionStrings__Redis", redis.ConnectionString)));
        var stream = await StreamedQuery.RunAsync(server, database, ids.Length, run.StreamRounds);
        Print(stream);
        return stream;
    }

    private static void Print(StreamResult stream)
    {
        static string Runs(IEnumerable<ScanResult> runs) => string.Join(" / ", runs.Select(r => r.PerSecond.ToString("N0")));
        Console.WriteLine($"  QueryReleases over gRPC {stream.GrpcPerSecond:N0}/s, raw ADO.NET scan {stream.RawPerSecond:N0}/s, store in-process {stream.StorePerSecond:N0}/s; ratio {stream.Ratio:F2}; correct: {stream.Correct}");
        Console.WriteLine($"  runs: gRPC {Runs(stream.Grpc)}; raw {Runs(stream.Raw)}; store {Runs(stream.Store)}");
    }

    public static async Task<ReadResults> RunAsync(RunSettings run, string root, string h2load, string workspace, BenchmarkDatabase database, RedisServer redis, string[] ids)
    {
        var (warmUp, duration) = (TimeSpan.FromSeconds(run.WarmUpSeconds), TimeSpan.FromSeconds(run.Seconds));
        var health = UnaryTarget.HealthCheck;
        var getRelease = UnaryTarget.GetRelease(ids);
        IUnaryLoad H2(string name, UnaryTarget target) => new H2LoadUnary(name, h2load, workspace, target, run.Connections, run.Streams, warmUp);
        // The .NET client loads spread calls over the 1,000 checked ids, no two in flight on the same id.
        DotnetClientLoad Dotnet(string name, UnaryTarget target) => new(name,
            async (invoker, i) => (await target.Call(invoker, target.Request(i % UnaryTarget.CheckedCalls))).Valid, run.Connections, run.Streams, warmUp);

        StreamResult? stream = null;
        async Task<UnaryResult[]> Measure(string scenarios, bool thenStream, (string Key, string Value)[] settings, params IUnaryLoad[] loads)
        {
            Console.WriteLine($"{database.Name}: server for {scenarios}: {string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"))}");
            await using var server = await ServerProcess.StartAsync(root, database.ServerSettings.Concat(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))));
            var results = await Interleaved.RunAsync(server, redis, database, run.Rounds, duration, loads);
            foreach (var r in results)
            {
                Console.WriteLine($"  {r.Name} ({r.Generator}): {r.CallsPerSecond:N0} calls/s, p50 {r.P50Milliseconds:F2} ms, p99 {r.P99Milliseconds:F2} ms, {r.Failures} failures");
            }
            if (thenStream)
            {
                Console.WriteLine("  Streaming every release...");
                stream = await StreamedQuery.RunAsync(server, database, ids.Length, run.StreamRounds);
                Print(stream);
            }
            return results;
        }

        using var dotnetHealth = Dotnet("(1) grpc.health.v1.Health/Check", health);
        using var dotnetL1 = Dotnet("(2) GetRelease from L1, 1,000 ids", getRelease);
        using var dotnetRedis = Dotnet("(3) GetRelease from Redis, L1 off, 1,000 ids", getRelease);
        using var dotnetUncached = Dotnet("(4) GetRelease, caching off, 1,000 ids", getRelease);
        var withRedis = ("ConnectionStrings__Redis", redis.ConnectionString);
        var a = await Measure("(1), (2) and the streamed query", thenStream: true, [withRedis],
            H2("(1) grpc.health.v1.Health/Check", health), H2("(2) GetRelease from L1", getRelease), dotnetHealth, dotnetL1);
        var b = await Measure("(3)", thenStream: false, [withRedis, ("Cache__LocalCacheEnabled", "false")],
            H2("(3) GetRelease from Redis, L1 off", getRelease), H2("Health/Check on the (3) server", health), dotnetRedis);
        var c = await Measure("(4)", thenStream: false, [withRedis, ("Cache__Enabled", "false")],
            H2("(4) GetRelease, caching off", getRelease), H2("Health/Check on the (4) server", health), dotnetUncached);
        return new ReadResults([a[0], a[1], b[0], c[0]], [a[0], a[0], b[1], c[1]], [a[2], a[3], b[2], c[2]],
            stream ?? throw new InvalidOperationException("The streamed query did not run."));
    }
}
