using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Translations.Benchmarks;
using Translations.Releases;
using Translations.Storage;
using Translations.V1;

// Usage: dotnet run -c Release --project tests/Translations.Benchmarks -- [releases] [seconds] [report.md]
var releases = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var root = FindRepositoryRoot();
var reportPath = args.Length > 2 ? Path.GetFullPath(args[2]) : Path.Combine(root, "docs", "benchmarks.md");
const int connections = 4, inFlight = 16;

var workspace = Directory.CreateTempSubdirectory("translations-bench-").FullName;
var databasePath = Path.Combine(workspace, "releases.db");
try
{
    var contexts = new PooledDbContextFactory<TranslationsDbContext>(
        new DbContextOptionsBuilder<TranslationsDbContext>().UseSqlite($"Data Source={databasePath}").Options);
    Console.WriteLine($"Seeding {releases:N0} releases...");
    var ids = await Seeding.SeedAsync(contexts, releases);

    await using var server = await ServerProcess.StartAsync(root, databasePath, new Dictionary<string, string>());
    Console.WriteLine($"Server at {server.Address}; {connections} connections x {inFlight} calls in flight, {seconds} s each.");
    var warmUp = TimeSpan.FromSeconds(3);
    var duration = TimeSpan.FromSeconds(seconds);

    var health = await UnaryLoad.RunAsync("grpc.health.v1.Health/Check", server.Address, connections, inFlight, warmUp, duration,
        (invoker, _) => new Health.HealthClient(invoker).CheckAsync(new HealthCheckRequest()).ResponseAsync);
    var uncached = await UnaryLoad.RunAsync("GetRelease, no cache (SQLite)", server.Address, connections, inFlight, warmUp, duration,
        (invoker, i) => new ReleaseService.ReleaseServiceClient(invoker).GetReleaseAsync(new GetReleaseRequest { Id = ids[(i * 7919) % ids.Length], Language = "en" }).ResponseAsync);

    // The streamed path: every release through gRPC, against the same rows read in-process from the store.
    var baseline = server.ResidentBytes();
    var peak = baseline;
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            peak = Math.Max(peak, server.ResidentBytes());
            await Task.Delay(20);
        }
    });
    using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.Address, new Grpc.Net.Client.GrpcChannelOptions { MaxReceiveMessageSize = null });
    var streamed = 0L;
    var clock = Stopwatch.StartNew();
    using (var call = new ReleaseService.ReleaseServiceClient(channel).QueryReleases(new QueryReleasesRequest()))
    {
        await foreach (var _ in call.ResponseStream.ReadAllAsync())
        {
            streamed++;
        }
    }
    var streamSeconds = clock.Elapsed.TotalSeconds;
    sampling.Cancel();
    await sampler;

    var store = new EfReleaseStore(contexts, TimeProvider.System, new Translations.Languages.LanguageSettings(Translations.Languages.LanguageOptions.Default));
    var direct = 0L;
    clock.Restart();
    await foreach (var _ in store.QueryReleasesAsync(new ReleaseQuery(new Translations.Releases.ReleaseFilter()), CancellationToken.None))
    {
        direct++;
    }
    var directSeconds = clock.Elapsed.TotalSeconds;

    var report = Report.Write(releases, seconds, connections, inFlight, [health, uncached],
        new StreamResult(streamed, streamed / streamSeconds, direct, direct / directSeconds, (peak - baseline) / 1024.0 / 1024.0));
    Console.WriteLine(report);
    File.WriteAllText(reportPath, report);
    Console.WriteLine($"Written to {reportPath}");
    return health.Failures + uncached.Failures == 0 && streamed == releases && direct == releases ? 0 : 1;
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

internal sealed record StreamResult(long Streamed, double StreamedPerSecond, long Direct, double DirectPerSecond, double PeakGrowthMegabytes);

internal static class Report
{
    public static string Write(int releases, int seconds, int connections, int inFlight, IReadOnlyList<UnaryResult> unary, StreamResult stream)
    {
        var floor = unary[0];
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine("# Benchmarks");
        w.WriteLine();
        w.WriteLine("Produced by `dotnet run -c Release --project tests/Translations.Benchmarks` (after `dotnet build -c Release`); every figure below comes from one run on one machine, side by side.");
        w.WriteLine();
        w.WriteLine("## Machine and run");
        w.WriteLine();
        w.WriteLine($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        w.WriteLine($"- CPU: {CpuModel()}, {Environment.ProcessorCount} cores; memory {MemoryGiB():F0} GiB; {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}");
        w.WriteLine($"- Database: SQLite (WAL) with {releases:N0} releases, each with a Russian and an English variant");
        w.WriteLine($"- Unary load: {connections} HTTP/2 connections x {inFlight} calls in flight, closed loop, {seconds} s after a 3 s warm-up; client and server share the machine. Every call must end OK.");
        w.WriteLine();
        w.WriteLine("## Unary calls");
        w.WriteLine();
        w.WriteLine("| Scenario | Calls/s | Ratio to (1) | p50 ms | p99 ms | p99 ratio to (1) | Failed calls |");
        w.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        for (var i = 0; i < unary.Count; i++)
        {
            var r = unary[i];
            w.WriteLine($"| ({i + 1}) {r.Name} | {r.CallsPerSecond:N0} | {r.CallsPerSecond / floor.CallsPerSecond:F2} | {r.P50Milliseconds:F2} | {r.P99Milliseconds:F2} | {r.P99Milliseconds / floor.P99Milliseconds:F2} | {r.Failures} |");
        }
        w.WriteLine();
        w.WriteLine("The cached scenarios (GetRelease from L1, and from Redis with L1 off) arrive with the two-level cache.");
        w.WriteLine();
        w.WriteLine("## Streamed query");
        w.WriteLine();
        w.WriteLine("| Path | Releases | Releases/s |");
        w.WriteLine("|---|---:|---:|");
        w.WriteLine($"| QueryReleases over gRPC (one stream, loopback HTTP/2) | {stream.Streamed:N0} | {stream.StreamedPerSecond:N0} |");
        w.WriteLine($"| The same rows read in-process from the store, no gRPC | {stream.Direct:N0} | {stream.DirectPerSecond:N0} |");
        w.WriteLine();
        w.WriteLine($"- Ratio gRPC / in-process: {stream.StreamedPerSecond / stream.DirectPerSecond:F2}");
        w.WriteLine($"- Server's peak resident-memory growth while streaming all {stream.Streamed:N0}: {stream.PeakGrowthMegabytes:F1} MB");
        return w.ToString();
    }

    private static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";

    private static double MemoryGiB() =>
        long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
}
