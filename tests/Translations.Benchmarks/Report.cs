using System.Globalization;
using System.Runtime.InteropServices;

namespace Translations.Benchmarks;

internal sealed record RunSettings(string ReportPath, int Releases, int Seconds, int WarmUpSeconds, int Rounds, int Connections, int Streams, string H2LoadVersion, string RedisVersion);

/// <summary>docs/benchmarks.md: the machine, the parameters, the figures and the targets, from one run.</summary>
internal static class Report
{
    public static string Write(RunSettings run, IReadOnlyList<UnaryResult> unary, IReadOnlyList<UnaryResult> sameServerFloors, IReadOnlyList<UnaryResult> dotnetClient, StreamResult stream)
    {
        var (floor, l1) = (unary[0], unary[1]);
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine("# Benchmarks");
        w.WriteLine();
        w.WriteLine($"Produced by `dotnet build Translations.sln -c Release` then `dotnet run -c Release --no-build --project tests/Translations.Benchmarks -- {run.Releases} {run.Seconds} {run.ReportPath}`. Every figure below comes from that one run on one machine; only the ratios measured side by side are meant to carry over to other machines.");
        w.WriteLine();
        w.WriteLine("## Machine and run");
        w.WriteLine();
        w.WriteLine($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        w.WriteLine($"- CPU: {CpuModel()}, {Environment.ProcessorCount} cores; memory {MemoryGiB():F0} GiB; {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}");
        w.WriteLine($"- Load generator: {run.H2LoadVersion}; cache: {run.RedisVersion}. Load generator, server and Redis share the machine and talk over 127.0.0.1.");
        w.WriteLine($"- Database: SQLite (WAL) with {run.Releases:N0} releases, each with a Russian and an English variant");
        w.WriteLine($"- Unary load: {run.Connections} HTTP/2 connections x {run.Streams} streams in flight, closed loop; per load a {run.WarmUpSeconds} s warm-up, then {run.Seconds} s measured in {run.Rounds} slices taken in turn with the other loads on the same server process");
        w.WriteLine();
        w.WriteLine("## Unary calls");
        w.WriteLine();
        w.WriteLine("| Scenario | Calls/s | Ratio to (1) | p50 ms | p99 ms | p99 ratio to (1) | Failures |");
        w.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in unary)
        {
            w.WriteLine($"| {r.Name} | {r.CallsPerSecond:N0} | {r.CallsPerSecond / floor.CallsPerSecond:F2} | {r.P50Milliseconds:F2} | {r.P99Milliseconds:F2} | {r.P99Milliseconds / floor.P99Milliseconds:F2} | {r.Failures} |");
        }
        w.WriteLine();
        var (viaRedis, viaRedisDotnet) = (unary[2], dotnetClient[2]);
        w.WriteLine($"During (3) Redis counted {viaRedis.RedisHits:N0} hits and {viaRedis.RedisMisses:N0} misses for {viaRedis.Calls:N0} calls from h2load on one id ({PerCall(viaRedis)} per call), " +
            $"and {viaRedisDotnet.RedisHits:N0} hits and {viaRedisDotnet.RedisMisses:N0} misses for {viaRedisDotnet.Calls:N0} calls from the .NET client over {UnaryTarget.CheckedCalls:N0} ids ({PerCall(viaRedisDotnet)} per call).");
        if (viaRedis.RedisHits + viaRedis.RedisMisses + viaRedisDotnet.RedisHits + viaRedisDotnet.RedisMisses == 0)
        {
            w.WriteLine("In this run the server did not read from Redis.");
        }
        w.WriteLine();
        w.WriteLine($"Health/Check on the three server processes, same code and load: {string.Join(" / ", sameServerFloors.Skip(1).Select(f => f.CallsPerSecond.ToString("N0", CultureInfo.InvariantCulture)))} calls/s. " +
            "Each scenario against Health/Check on its own server process, measured in turn with it:");
        w.WriteLine();
        w.WriteLine("| Scenario | Its calls/s | Health/Check calls/s, same process | Ratio | Its p99 ms | Health/Check p99 ms, same process | p99 ratio |");
        w.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (r, f) in unary.Zip(sameServerFloors).Skip(1))
        {
            w.WriteLine($"| {r.Name} | {r.CallsPerSecond:N0} | {f.CallsPerSecond:N0} | {r.CallsPerSecond / f.CallsPerSecond:F2} | {r.P99Milliseconds:F2} | {f.P99Milliseconds:F2} | {r.P99Milliseconds / f.P99Milliseconds:F2} |");
        }
        w.WriteLine();
        w.WriteLine("## Load generator and checks");
        w.WriteLine();
        w.WriteLine("| Load | Generator | Calls measured | HTTP 2xx | DATA bytes = calls x response frame | .NET client check calls OK | CPU cores: server | Redis | generator | rest of machine | Redis hits / misses |");
        w.WriteLine("|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in unary.Concat(sameServerFloors.Skip(2)).Concat(dotnetClient))
        {
            var h2 = r.Generator == "h2load";
            w.WriteLine($"| {r.Name} | {r.Generator} | {r.Calls:N0} | {(h2 ? $"{r.Status2xx:N0}" : "n/a")} | {(h2 ? r.FullMessages ? "yes" : "no" : "n/a")} | {(h2 ? $"{r.CheckedOk:N0} / {r.Checked:N0}" : $"{r.Calls:N0} / {r.Calls + r.Failures:N0} (every call)")} | {r.ServerCores:F2} | {r.RedisCores:F2} | {r.GeneratorCores:F2} | {r.OtherCores:F2} | {r.RedisHits:N0} / {r.RedisMisses:N0} |");
        }
        w.WriteLine();
        w.WriteLine($"### The same scenarios with the .NET client over {UnaryTarget.CheckedCalls:N0} ids");
        w.WriteLine();
        w.WriteLine($"Each load below ran on the same server process as the h2load load of its scenario, taking turns with it; the {run.Connections * run.Streams} calls in flight ask for distinct ids.");
        w.WriteLine();
        w.WriteLine("| Scenario | Calls/s | Ratio to (1) from this client | p50 ms | p99 ms | p99 ratio to (1) from this client | h2load calls/s, same scenario | CPU cores: client | server | Redis hits per call |");
        w.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var dotnetFloor = dotnetClient[0];
        foreach (var (d, h) in dotnetClient.Zip(unary))
        {
            w.WriteLine($"| {d.Name} | {d.CallsPerSecond:N0} | {d.CallsPerSecond / dotnetFloor.CallsPerSecond:F2} | {d.P50Milliseconds:F2} | {d.P99Milliseconds:F2} | {d.P99Milliseconds / dotnetFloor.P99Milliseconds:F2} | {h.CallsPerSecond:N0} | {d.GeneratorCores:F2} | {d.ServerCores:F2} | {PerCall(d)} |");
        }
        w.WriteLine();
        w.WriteLine("## Streamed query");
        w.WriteLine();
        w.WriteLine("| Path | Releases | Releases/s |");
        w.WriteLine("|---|---:|---:|");
        w.WriteLine($"| QueryReleases over gRPC (one stream, loopback HTTP/2, .NET client) | {stream.Streamed:N0} | {stream.StreamedPerSecond:N0} |");
        w.WriteLine($"| The same rows read in-process from the store, no gRPC | {stream.Direct:N0} | {stream.DirectPerSecond:N0} |");
        w.WriteLine();
        var streamRatio = stream.StreamedPerSecond / stream.DirectPerSecond;
        w.WriteLine($"- Ratio gRPC / in-process: {streamRatio:F2}");
        w.WriteLine($"- Server's peak resident-memory growth while streaming all {stream.Streamed:N0}: {stream.PeakGrowthMegabytes:F1} MB");
        w.WriteLine();
        w.WriteLine("## Targets");
        w.WriteLine();
        w.WriteLine("| Target | Measured | Met |");
        w.WriteLine("|---|---:|---|");
        Target(w, "(2) calls/s at least 0.8 x (1)", l1.CallsPerSecond / floor.CallsPerSecond, "F2", v => v >= 0.8);
        Target(w, "(2) p99 at most 1.5 x p99 of (1)", l1.P99Milliseconds / floor.P99Milliseconds, "F2", v => v <= 1.5);
        Target(w, "Streamed releases/s at least 0.5 x in-process", streamRatio, "F2", v => v >= 0.5);
        Target(w, "Server's peak memory growth while streaming under 50 MB", stream.PeakGrowthMegabytes, "F1", v => v < 50);
        w.WriteLine();
        w.WriteLine("Scenarios (3) and (4) have no target.");
        w.WriteLine();
        w.WriteLine("## How it was measured");
        w.WriteLine();
        w.WriteLine("The benchmark seeds a fresh SQLite database through the EF model, starts redis-server on a free loopback port (no persistence), and starts the built server " +
            "(`src/Translations.Api/bin/Release/net10.0/Translations.Api.dll`) as its own process three times, one after the other, against the same database file: with `ConnectionStrings__Redis` set " +
            "(scenarios 1 and 2, and the streamed query), with `Cache__LocalCacheEnabled=false` added (3), and with `Cache__Enabled=false` added (4).");
        w.WriteLine();
        w.WriteLine($"Unary figures come from h2load over h2c: {run.Connections} connections, {run.Streams} concurrent streams each, POSTing one pre-encoded gRPC request (5-byte frame header + protobuf) " +
            "with `content-type: application/grpc` and `te: trailers`. GetRelease always asks for the same id in English, so with the cache in place (2) and (3) read one cached entry, and (4) reads the same row from SQLite on every call. " +
            $"On each server process the loads take turns: {run.Rounds} rounds, each load measured for {run.Seconds / (double)run.Rounds:0.#} s per round, so that loads compared on one process see the same background activity; " +
            "on each process that is the scenario from h2load, Health/Check from h2load, and the scenario from the .NET client. " +
            "The .NET client loads (one GrpcChannel and SocketsHttpHandler per connection, the same connections and streams) cross-check h2load and spread the calls over 1,000 ids, which h2load's single request body cannot. " +
            "Calls/s is the calls completed over the measured time; p50 and p99 are nearest-rank percentiles of the per-request times in h2load's `--log-file` (request start to end of response).");
        w.WriteLine();
        w.WriteLine("h2load does not read gRPC trailers, so grpc-status is checked two ways. Before each h2load load, the .NET client makes " +
            $"{UnaryTarget.CheckedCalls:N0} calls (GetRelease over {UnaryTarget.CheckedCalls:N0} distinct ids, which also fills the caches), each of which must end with StatusCode.OK and return the requested release (Health/Check: SERVING). " +
            "And every h2load response must be HTTP 2xx, and the DATA bytes received must equal the calls times the size of the one response frame: a failed call ends with trailers only and sends no message. " +
            "Failures counts non-2xx or failed h2load requests plus failed check calls (for the .NET client load, calls that did not end OK).");
        w.WriteLine();
        w.WriteLine("CPU is user + system time over the measured time, in cores: the server and redis-server from /proc/[pid]/stat, h2load from getrusage of ended children, the .NET client as the benchmark process's own time; " +
            "rest of machine is the busy time in /proc/stat minus those, that is, other work on the shared machine. Redis hits and misses are the change in `INFO stats` over the measured time.");
        w.WriteLine();
        w.WriteLine("Health/Check answers from the result the health-check publisher computed last (every 2 s; UseHealthChecksCache), so floor (1) does no I/O: it is routing, HTTP/2 and protobuf, the framework's own cost of a call.");
        w.WriteLine();
        w.WriteLine("Access control is on, as in production: the server checks bearer tokens against a shared HS256 key made for the run (`Auth__SigningKey`), and every call of every load, Health/Check included, " +
            "carries the same reader token, so every call pays for validating it and the floor stays the cost of the cheapest authenticated call. " +
            "The servers log at Warning (`Logging__LogLevel__Default=Warning`), so the per-call Information line is off.");
        w.WriteLine();
        w.WriteLine("The streamed query reads every release on one QueryReleases stream with the .NET client against the scenario-2 server, and compares releases/s with reading the same rows " +
            "in the benchmark process through EfReleaseStore.QueryReleasesAsync. The server's resident memory (VmRSS) is sampled every 20 ms during the stream; the growth is the peak minus the value just before the call.");
        return w.ToString();
    }

    private static string PerCall(UnaryResult r) => r.Calls == 0 ? "n/a" : (r.RedisHits / (double)r.Calls).ToString("F3", CultureInfo.InvariantCulture);

    private static void Target(StringWriter w, string target, double value, string format, Func<double, bool> met) =>
        w.WriteLine($"| {target} | {value.ToString(format, CultureInfo.InvariantCulture)} | {(met(value) ? "met" : "not met")} |");

    private static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";

    private static double MemoryGiB() =>
        long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
}
