using System.Globalization;
using Grpc.Health.V1;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Translations.Benchmarks;
using Translations.Storage;
using Translations.V1;

// Usage: dotnet run -c Release --no-build --project tests/Translations.Benchmarks -- [releases] [seconds] [report.md]
// Needs the solution built in Release, h2load (nghttp2-client) and redis-server on PATH.
var releases = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var root = FindRepositoryRoot();
var reportPath = args.Length > 2 ? Path.GetFullPath(args[2]) : Path.Combine(root, "docs", "benchmarks.md");
var h2load = Executables.Find("h2load", "nghttp2-client");
var redisServer = Executables.Find("redis-server", "redis-server");
var run = new RunSettings(Path.GetRelativePath(root, reportPath), releases, seconds, WarmUpSeconds: 3, Rounds: 5, Connections: 4, Streams: 16, Executables.Version(h2load), Executables.Version(redisServer));
var (warmUp, duration) = (TimeSpan.FromSeconds(run.WarmUpSeconds), TimeSpan.FromSeconds(seconds));
StreamResult? stream = null;

var workspace = Directory.CreateTempSubdirectory("translations-bench-").FullName;
var databasePath = Path.Combine(workspace, "releases.db");
try
{
    var provider = new Translations.Storage.Sqlite.SqliteStorageProvider(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder($"Data Source={databasePath}"));
    var options = new DbContextOptionsBuilder<TranslationsDbContext>();
    provider.Configure(options);
    var contexts = new PooledDbContextFactory<TranslationsDbContext>(options.Options);
    Console.WriteLine($"Seeding {releases:N0} releases...");
    var ids = await Seeding.SeedAsync(contexts, releases);

    await using var redis = await RedisProcess.StartAsync(redisServer, workspace);
    var health = new UnaryTarget("/grpc.health.v1.Health/Check", _ => new HealthCheckRequest(), async (invoker, request) =>
    {
        var response = await new Health.HealthClient(invoker).CheckAsync((HealthCheckRequest)request);
        return (response.Status == HealthCheckResponse.Types.ServingStatus.Serving, response);
    });
    // h2load repeats request 0; the check walks 1,000 distinct ids, few enough to be fully cached, and fills the caches.
    var getRelease = new UnaryTarget("/translations.v1.ReleaseService/GetRelease",
        i => new GetReleaseRequest { Id = ids[i % Math.Min(ids.Length, UnaryTarget.CheckedCalls)], Language = "en" }, async (invoker, request) =>
        {
            var response = await new ReleaseService.ReleaseServiceClient(invoker).GetReleaseAsync((GetReleaseRequest)request);
            return (response.Release?.Id == ((GetReleaseRequest)request).Id && response.ServedLanguage == "en", response);
        });
    IUnaryLoad H2(string name, UnaryTarget target) => new H2LoadUnary(name, h2load, workspace, target, run.Connections, run.Streams, warmUp);

    async Task<UnaryResult[]> Measure(string scenarios, bool thenStream, (string Key, string Value)[] settings, params IUnaryLoad[] loads)
    {
        Console.WriteLine($"Server for {scenarios}: {string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"))}");
        await using var server = await ServerProcess.StartAsync(root, databasePath, settings.ToDictionary());
        var results = await Interleaved.RunAsync(server, redis, run.Rounds, duration, loads);
        foreach (var r in results)
        {
            Console.WriteLine($"  {r.Name} ({r.Generator}): {r.CallsPerSecond:N0} calls/s, p50 {r.P50Milliseconds:F2} ms, p99 {r.P99Milliseconds:F2} ms, {r.Failures} failures");
        }
        if (thenStream)
        {
            Console.WriteLine("  Streaming every release...");
            stream = await StreamedQuery.RunAsync(server, contexts, provider);
        }
        return results;
    }

    // The .NET client loads spread calls over the 1,000 checked ids, no two in flight on the same id.
    DotnetClientLoad Dotnet(string name, UnaryTarget target) => new(name,
        async (invoker, i) => (await target.Call(invoker, target.Request(i % UnaryTarget.CheckedCalls))).Valid, run.Connections, run.Streams, warmUp);
    using var dotnetHealth = Dotnet("(1) grpc.health.v1.Health/Check", health);
    using var dotnetL1 = Dotnet("(2) GetRelease from L1, 1,000 ids", getRelease);
    using var dotnetRedis = Dotnet("(3) GetRelease from Redis, L1 off, 1,000 ids", getRelease);
    using var dotnetUncached = Dotnet("(4) GetRelease, caching off, 1,000 ids", getRelease);
    var withRedis = ("ConnectionStrings__Redis", redis.Configuration);
    var a = await Measure("(1), (2) and the streamed query", thenStream: true, [withRedis],
        H2("(1) grpc.health.v1.Health/Check", health), H2("(2) GetRelease from L1", getRelease), dotnetHealth, dotnetL1);
    var b = await Measure("(3)", thenStream: false, [withRedis, ("Cache__LocalCacheEnabled", "false")],
        H2("(3) GetRelease from Redis, L1 off", getRelease), H2("Health/Check on the (3) server", health), dotnetRedis);
    var c = await Measure("(4)", thenStream: false, [withRedis, ("Cache__Enabled", "false")],
        H2("(4) GetRelease, caching off", getRelease), H2("Health/Check on the (4) server", health), dotnetUncached);

    var unary = new[] { a[0], a[1], b[0], c[0] };
    var streamed = stream ?? throw new InvalidOperationException("The streamed query did not run.");
    var report = Report.Write(run, unary, [a[0], a[0], b[1], c[1]], [a[2], a[3], b[2], c[2]], streamed);
    Console.WriteLine(report);
    Directory.CreateDirectory(Path.GetDirectoryName(reportPath)!);
    File.WriteAllText(reportPath, report);
    Console.WriteLine($"Written to {reportPath}");
    var correct = a.Concat(b).Concat(c).All(r => r.Failures == 0 && r.FullMessages);
    return correct && streamed.Streamed == releases && streamed.Direct == releases ? 0 : 1;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(workspace, recursive: true);
}

static string FindRepositoryRoot()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "Translations.sln")))
        {
            return folder.FullName;
        }
    }
    throw new InvalidOperationException("Run the benchmark from inside the repository.");
}
