using System.Globalization;
using System.Runtime.InteropServices;

namespace Translations.Benchmarks;

internal sealed record RunSettings(string ReportPath, int Releases, int Seconds, IReadOnlyList<string> Databases, IReadOnlyList<string> Parts, string H2LoadVersion, string RedisVersion)
{
    /// <summary>
    /// Every server is a fresh process: the runtime's tiered compilation recompiles the hot code for a
    /// while after start, on the cores the load needs. With 2-3 s of warm-up, 16 writers on PostgreSQL
    /// measured 250-280 CreateRelease/s; after 20-30 s, 500-625/s (2026-11-29, docs/benchmarks.md).
    /// </summary>
    public int WarmUpSeconds { get; init; } = 10;
    public int Rounds { get; init; } = 5;
    public int Connections { get; init; } = 4;
    public int Streams { get; init; } = 16;
    public int StreamRounds { get; init; } = 3;
    public int WriteWarmUpSeconds { get; init; } = 20;
    public int DurableCommitSeconds { get; init; } = 3;
}

/// <summary>Everything measured on one database.</summary>
/// <remarks><see cref="Telemetry"/> is measured on the first database of the run only.</remarks>
internal sealed record DatabaseResults(string Name, string Description, ReadResults? PartialReads, WriteResults? PartialWrites, TelemetryResults? Telemetry, ImportResults? Import, BackupResults? Backup = null, SearchResults? Search = null)
{
    public ReadResults Reads => PartialReads ?? throw new InvalidOperationException("The reads did not run.");
    public WriteResults Writes => PartialWrites ?? throw new InvalidOperationException("The writes did not run.");

    public UnaryResult Floor => Reads.Unary[0];
    public double UncachedRatio => Reads.Unary[3].CallsPerSecond / Reads.SameServerFloors[3].CallsPerSecond;
    public double RedisOverUncached => Reads.Unary[2].CallsPerSecond / Reads.Unary[3].CallsPerSecond;
}

/// <summary>docs/benchmarks.md: the machine, the parameters, the figures and the targets, from one run.</summary>
internal static class Report
{
    public static string Write(RunSettings run, IReadOnlyList<DatabaseResults> databases, TimeSpan took)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        var names = string.Join(" and ", databases.Select(d => d.Name));
        w.WriteLine("# Benchmarks");
        w.WriteLine();
        w.WriteLine($"Produced by `dotnet build Translations.sln -c Release` then `dotnet run -c Release --no-build --project tests/Translations.Benchmarks -- {run.Releases} {run.Seconds} {run.ReportPath}`" +
            $"{(run.Databases.Count == 2 ? "" : $" --databases {string.Join(',', run.Databases)}")} " +
            "(both databases by default; `--databases sqlite` or `--databases postgresql` runs one). " +
            $"Every figure below comes from that one run on one machine ({took.TotalMinutes:F1} minutes, {names} one after the other); only the ratios measured side by side are meant to carry over to other machines. " +
            "The run checks its own results and exits with code 1 when any is wrong (see Checks).");
        w.WriteLine();
        Machine(w, run, databases);
        Targets(w, run, databases);
        Unary(w, run, databases);
        Stream(w, run, databases);
        SearchReport.Section(w, run, databases);
        Telemetry(w, databases);
        Writes(w, databases);
        Import(w, databases);
        Backup(w, databases);
        Checks(w, databases);
        Details(w, databases);
        Method(w, run);
        return w.ToString();
    }

    private static void Machine(StringWriter w, RunSettings run, IReadOnlyList<DatabaseResults> databases)
    {
        w.WriteLine("## Machine and run");
        w.WriteLine();
        w.WriteLine($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        w.WriteLine($"- CPU: {CpuModel()}, {Environment.ProcessorCount} cores; memory {MemoryGiB():F0} GiB; {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}");
        w.WriteLine($"- Load generator: {run.H2LoadVersion}; cache: {run.RedisVersion} (no persistence). Load generators, servers, Redis and PostgreSQL share the machine and talk over 127.0.0.1.");
        foreach (var d in databases)
        {
            w.WriteLine($"- {d.Name}: {d.Description}");
        }
        w.WriteLine($"- Data: {run.Releases:N0} releases on each database, each with a Russian (source) and an English variant, both published; each body names one of 11 cities, 13 topics and 7 kinds of event, varying with the release's number (SeedText)");
        w.WriteLine($"- Unary load: {run.Connections} HTTP/2 connections x {run.Streams} streams in flight, closed loop; per load a {run.WarmUpSeconds} s warm-up, then {run.Seconds} s measured in {run.Rounds} slices taken in turn with the other loads on the same server process");
        w.WriteLine($"- Writes: {WriteScenarios.Writers} writers over {WriteScenarios.Replicas} replicas (server processes on the same database and Redis), each writer its own client and caller, one call at a time; " +
            $"per load a {run.WriteWarmUpSeconds} s warm-up (fresh server processes: long enough for the runtime's tiered compilation to settle), then {run.Seconds} s in {run.Rounds} slices taken in turn with the other write load; the write rate limit is raised out of the way ({string.Join(", ", WriteScenarios.RateLimits.Select(r => $"`{r.Key}={r.Value}`"))})");
        w.WriteLine();
    }

    private static void Targets(StringWriter w, RunSettings run, IReadOnlyList<DatabaseResults> databases)
    {
        w.WriteLine("## Targets");
        w.WriteLine();
        w.WriteLine($"| Target | {string.Join(" | ", databases.Select(d => d.Name))} |");
        w.WriteLine($"|---|{string.Concat(databases.Select(_ => "---:|"))}");
        Target(w, databases, "QueryReleases over gRPC: releases/s at least 0.5 x the raw ADO.NET scan", d => d.Reads.Stream.Ratio, v => v >= 0.5);
        SearchReport.Targets(w, run, databases);
        Target(w, databases, "GetRelease, caching off: calls/s at least 0.3 x Health/Check on the same server process", d => d.UncachedRatio, v => v >= 0.3);
        Target(w, databases, "GetRelease from Redis, L1 off: calls/s at least 3 x caching off (target set for PostgreSQL)", d => d.RedisOverUncached, v => v >= 3,
            d => d.Name == "PostgreSQL");
        foreach (var (watched, label) in new[] { (false, ""), (true, $", {WriteScenarios.WatcherCount} watchers") })
        {
            foreach (var i in new[] { 0, 1 })
            {
                Target(w, databases, $"{databases[0].Writes.Plain[i].Name}{label}: calls/s at least 0.25 x durable one-row transactions/s",
                    d => (watched ? d.Writes.Watched : d.Writes.Plain)[i].CallsPerSecond / d.Writes.DurableCommits, v => v >= 0.25);
            }
        }
        Target(w, databases, "GetRelease from L1: calls/s at least 0.8 x Health/Check", d => d.Reads.Unary[1].CallsPerSecond / d.Floor.CallsPerSecond, v => v >= 0.8);
        Target(w, databases, "GetRelease from L1: p99 at most 1.5 x p99 of Health/Check", d => d.Reads.Unary[1].P99Milliseconds / d.Floor.P99Milliseconds, v => v <= 1.5);
        Target(w, databases, "Server's peak memory growth while streaming under 50 MB", d => d.Reads.Stream.PeakGrowthMegabytes, v => v < 50, format: "F1");
        w.WriteLine($"| Telemetry on, GetRelease from L1: calls/s at least 0.85 x telemetry off | {string.Join(" | ", databases.Select(d =>
            d.Telemetry is { } t ? $"{Shown(t.L1Ratio, "F2", v => v >= 0.85)} {(t.L1Ratio >= 0.85 ? "met" : "**not met**")}" : $"measured on {databases[0].Name} only"))} |");
        w.WriteLine();
        w.WriteLine("Each cell is the measured ratio (or MB) and whether it meets the target. The ratios compare figures measured side by side in this run: " +
            "a scenario with Health/Check on its own server process, in turns; telemetry on with telemetry off, two server processes in turns; the stream with the raw scan, in turns; a search over gRPC with the same statement run in the benchmark process, in turns; the writes with the durable one-row transactions measured just before and just after them.");
        w.WriteLine();
    }

    private static void Target(StringWriter w, IReadOnlyList<DatabaseResults> databases, string target, Func<DatabaseResults, double> value, Func<double, bool> met,
        Func<DatabaseResults, bool>? applies = null, string format = "F2")
    {
        var cells = databases.Select(d =>
        {
            var v = value(d);
            var text = Shown(v, format, met);
            return applies is null || applies(d) ? $"{text} {(met(v) ? "met" : "**not met**")}" : $"{text} (no target)";
        });
        w.WriteLine($"| {target} | {string.Join(" | ", cells)} |");
    }

    /// <summary>The value in <paramref name="format"/>, or with one more decimal when rounding would put it on the other side of its bound (0.846 against 0.85, not "0.85 not met").</summary>
    private static string Shown(double value, string format, Func<double, bool> met)
    {
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        return met(double.Parse(text, CultureInfo.InvariantCulture)) == met(value)
            ? text
            : value.ToString($"F{int.Parse(format[1..], CultureInfo.InvariantCulture) + 1}", CultureInfo.InvariantCulture);
    }

    private static void Unary(StringWriter w, RunSettings run, IReadOnlyList<DatabaseResults> databases)
    {
        w.WriteLine("## Unary calls");
        w.WriteLine();
        w.WriteLine("h2load, one id. Each scenario ran on its own server process in turns with Health/Check on that process; the ratio is to that Health/Check.");
        w.WriteLine();
        w.WriteLine($"| Scenario | {string.Join(" | ", databases.Select(d => $"{d.Name} calls/s | ratio | p50 ms | p99 ms"))} |");
        w.WriteLine($"|---|{string.Concat(databases.Select(_ => "---:|---:|---:|---:|"))}");
        for (var i = 0; i < 4; i++)
        {
            w.WriteLine($"| {databases[0].Reads.Unary[i].Name} | {string.Join(" | ", databases.Select(d =>
            {
                var (r, f) = (d.Reads.Unary[i], d.Reads.SameServerFloors[i]);
                return $"{r.CallsPerSecond:N0} | {r.CallsPerSecond / f.CallsPerSecond:F2} | {r.P50Milliseconds:F2} | {r.P99Milliseconds:F2}";
            }))} |");
        }
        w.WriteLine();
        foreach (var d in databases)
        {
            w.WriteLine($"{d.Name}: Health/Check on the three server processes, same code and load: {string.Join(" / ", d.Reads.SameServerFloors.Skip(1).Select(f => f.CallsPerSecond.ToString("N0", CultureInfo.InvariantCulture)))} calls/s. " +
                $"During (3) Redis counted {PerCall(d.Reads.Unary[2])} hits per call from h2load on one id and {PerCall(d.Reads.DotnetClient[2])} per call from the .NET client over {UnaryTarget.CheckedCalls:N0} ids.");
            w.WriteLine();
        }
        w.WriteLine($"The same scenarios from the .NET client over {UnaryTarget.CheckedCalls:N0} ids (the {run.Connections * run.Streams} calls in flight ask for distinct ids), on the same server processes, in turns with the h2load loads:");
        w.WriteLine();
        w.WriteLine($"| Scenario | {string.Join(" | ", databases.Select(d => $"{d.Name} calls/s | ratio to (1) | p99 ms"))} |");
        w.WriteLine($"|---|{string.Concat(databases.Select(_ => "---:|---:|---:|"))}");
        for (var i = 0; i < 4; i++)
        {
            w.WriteLine($"| {databases[0].Reads.DotnetClient[i].Name} | {string.Join(" | ", databases.Select(d =>
            {
                var r = d.Reads.DotnetClient[i];
                return $"{r.CallsPerSecond:N0} | {r.CallsPerSecond / d.Reads.DotnetClient[0].CallsPerSecond:F2} | {r.P99Milliseconds:F2}";
            }))} |");
        }
        w.WriteLine();
    }

    private static void Stream(StringWriter w, RunSettings run, IReadOnlyList<DatabaseResults> databases)
    {
        w.WriteLine("## Streamed query");
        w.WriteLine();
        w.WriteLine($"Every release (published view, newest first), {run.StreamRounds} times each way in turns after one round of each way not counted (the warm-up); the median run of each way, then every run.");
        w.WriteLine();
        w.WriteLine($"| Path | {string.Join(" | ", databases.Select(d => $"{d.Name} releases/s | runs"))} |");
        w.WriteLine($"|---|{string.Concat(databases.Select(_ => "---:|---|"))}");
        string Runs(IReadOnlyList<ScanResult> runs) => string.Join(" / ", runs.Select(r => r.PerSecond.ToString("N0", CultureInfo.InvariantCulture)));
        w.WriteLine($"| QueryReleases over gRPC (one stream, loopback HTTP/2, .NET client) | {string.Join(" | ", databases.Select(d => $"{d.Reads.Stream.GrpcPerSecond:N0} | {Runs(d.Reads.Stream.Grpc)}"))} |");
        w.WriteLine($"| Raw ADO.NET scan of the same rows and columns in the same order, this process, no EF, no gRPC | {string.Join(" | ", databases.Select(d => $"{d.Reads.Stream.RawPerSecond:N0} | {Runs(d.Reads.Stream.Raw)}"))} |");
        w.WriteLine($"| The store's QueryReleasesAsync in this process, no gRPC | {string.Join(" | ", databases.Select(d => $"{d.Reads.Stream.StorePerSecond:N0} | {Runs(d.Reads.Stream.Store)}"))} |");
        w.WriteLine($"| Ratio gRPC / raw scan | {string.Join(" | ", databases.Select(d => $"{d.Reads.Stream.Ratio:F2} |"))} |");
        w.WriteLine($"| Server's peak resident-memory growth while streaming, MB | {string.Join(" | ", databases.Select(d => $"{d.Reads.Stream.PeakGrowthMegabytes:F1} |"))} |");
        w.WriteLine();
    }

    private static void Telemetry(StringWriter w, IReadOnlyList<DatabaseResults> databases)
    {
        foreach (var d in databases)
        {
            if (d.Telemetry is not { } t)
            {
                continue;
            }
            w.WriteLine("## Telemetry");
            w.WriteLine();
            w.WriteLine($"h2load, one id, on {d.Name} only: what telemetry adds to a call is paid in the server process (a span, metrics, the export) and GetRelease from L1 reaches no database, so the cost does not depend on the database. " +
                "Two server processes with caching on, identical but for the OTLP endpoint, loaded one at a time in turns; the ratio is on / off. Health/Check is not traced (health probes are filtered out) but still counted by the ASP.NET Core and Kestrel metrics.");
            w.WriteLine();
            w.WriteLine("| Load | calls/s off | calls/s on | ratio on / off | p50 ms off | p50 ms on | p99 ms off | p99 ms on | server CPU cores off | on | server CPU µs per call off | on | rest of machine (incl. the receiver) off | on |");
            w.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (label, off, on) in new[] { ("grpc.health.v1.Health/Check (not traced)", t.HealthOff, t.HealthOn), ("GetRelease from L1 (a server span per call)", t.L1Off, t.L1On) })
            {
                w.WriteLine($"| {label} | {off.CallsPerSecond:N0} | {on.CallsPerSecond:N0} | {on.CallsPerSecond / off.CallsPerSecond:F2} | {off.P50Milliseconds:F2} | {on.P50Milliseconds:F2} | " +
                    $"{off.P99Milliseconds:F2} | {on.P99Milliseconds:F2} | {off.ServerCores:F2} | {on.ServerCores:F2} | {CpuPerCall(off):F1} | {CpuPerCall(on):F1} | {off.OtherCores:F2} | {on.OtherCores:F2} |");
            }
            w.WriteLine();
            var m = t.Measured;
            w.WriteLine($"The receiver got, for the measured loads on the telemetry-on server: {m.TraceExports:N0} trace exports, {m.TraceBytes / 1e6:F1} MB, {m.Spans:N0} spans " +
                $"({t.SpansPerTracedCall:F3} per GetRelease call measured there: {t.L1On.Calls:N0} calls), {m.MetricsExports:N0} metrics and {m.LogsExports:N0} logs exports. " +
                $"While only the telemetry-off server had run (its checks and warm-ups, then {TelemetryScenario.ExportQuiet.TotalSeconds:0} s): {t.WhileOffLoaded.Total} exports.");
            w.WriteLine();
        }
    }

    /// <summary>Server CPU time per call, in microseconds: less sensitive than calls/s to what else the machine runs.</summary>
    private static double CpuPerCall(UnaryResult r) => r.Calls == 0 ? 0 : r.ServerCores * 1e6 / r.CallsPerSecond;

    private static void Writes(StringWriter w, IReadOnlyList<DatabaseResults> databases)
    {
        w.WriteLine("## Writes");
        w.WriteLine();
        w.WriteLine($"| | {string.Join(" | ", databases.Select(d => $"{d.Name} per second | ratio to durable one-row transactions"))} |");
        w.WriteLine($"|---|{string.Concat(databases.Select(_ => "---:|---:|"))}");
        w.WriteLine($"| Durable one-row transactions, one connection, one after the other (before / after the writes) | {string.Join(" | ", databases.Select(d => $"{d.Writes.DurableCommits:N0} ({d.Writes.DurableCommitsBefore:N0} / {d.Writes.DurableCommitsAfter:N0}) | 1.00"))} |");
        foreach (var (watched, label) in new[] { (false, ""), (true, $", {WriteScenarios.WatcherCount} watchers open") })
        {
            for (var i = 0; i < 2; i++)
            {
                w.WriteLine($"| {databases[0].Writes.Plain[i].Name}, {WriteScenarios.Writers} writers over {WriteScenarios.Replicas} replicas{label} | {string.Join(" | ", databases.Select(d =>
                {
                    var r = (watched ? d.Writes.Watched : d.Writes.Plain)[i];
                    return $"{r.CallsPerSecond:N0} | {r.CallsPerSecond / d.Writes.DurableCommits:F2}";
                }))} |");
            }
        }
        w.WriteLine();
        foreach (var d in databases)
        {
            w.WriteLine($"{d.Name}, each write load in detail:");
            w.WriteLine();
            w.WriteLine("| Load | Calls/s | Calls per replica | p50 ms | p99 ms | Failures | CPU cores: servers | database | client | rest of machine |");
            w.WriteLine("|---|---:|---|---:|---:|---:|---|---:|---:|---:|");
            foreach (var (r, label) in d.Writes.Plain.Select(r => (r, "")).Concat(d.Writes.Watched.Select(r => (r, $", {d.Writes.Watchers} watchers"))))
            {
                w.WriteLine($"| {r.Name}{label} | {r.CallsPerSecond:N0} | {string.Join(" + ", r.CallsPerReplica.Select(c => c.ToString("N0", CultureInfo.InvariantCulture)))} | {r.P50Milliseconds:F1} | {r.P99Milliseconds:F1} | {r.Failures} | " +
                    $"{string.Join(" + ", r.ServerCores.Select(c => c.ToString("F2", CultureInfo.InvariantCulture)))} | {r.DatabaseCores:F2} | {r.ClientCores:F2} | {r.OtherCores:F2} |");
            }
            w.WriteLine();
            w.WriteLine($"With the watchers open, {d.Writes.EventsDelivered:N0} change events were delivered to {d.Writes.Watchers} WatchReleases streams.");
            w.WriteLine();
        }
    }

    private static void Checks(StringWriter w, IReadOnlyList<DatabaseResults> databases)
    {
        w.WriteLine("## Checks");
        w.WriteLine();
        w.WriteLine($"| Check | {string.Join(" | ", databases.Select(d => d.Name))} |");
        w.WriteLine($"|---|{string.Concat(databases.Select(_ => "---|"))}");
        void Check(string name, Func<DatabaseResults, bool> passed) =>
            w.WriteLine($"| {name} | {string.Join(" | ", databases.Select(d => passed(d) ? "passed" : "**failed**"))} |");
        Check("Every unary call ended OK with the requested release (h2load: HTTP 2xx and full DATA; .NET client: every call)",
            d => d.Reads.Unary.Concat(d.Reads.SameServerFloors).Concat(d.Reads.DotnetClient).All(r => r.Failures == 0 && r.FullMessages));
        Check("Every streamed read returned every release, the same ids in the same order and the same text as the raw scan", d => d.Reads.Stream.Correct);
        Check("Every write ended OK with the expected response", d => d.Writes.Plain.Concat(d.Writes.Watched).All(r => r.Failures == 0 && r.Calls > 0));
        Check("New rows match the acknowledged writes", d => d.Writes.RowsMatch);
        Check("Change event sequences are dense: 1 to N, none missing", d => d.Writes.SequencesDense);
        Check($"Every watcher received every event, in sequence order, none missing or twice", d => d.Writes.WatchersComplete);
        void TelemetryCheck(string name, Func<TelemetryResults, bool> passed) =>
            w.WriteLine($"| {name} | {string.Join(" | ", databases.Select(d => d.Telemetry is { } t ? passed(t) ? "passed" : "**failed**" : "n/a"))} |");
        TelemetryCheck("Telemetry on: the receiver got trace exports holding spans during the measured loads", t => t.TracesArrived);
        TelemetryCheck("Telemetry off: nothing reached the receiver while only the telemetry-off server had run", t => t.OffSentNothing);
        TelemetryCheck("Every telemetry load's call ended OK (h2load: HTTP 2xx and full DATA; .NET client check)", t => new[] { t.HealthOff, t.HealthOn, t.L1Off, t.L1On }.All(r => r.Failures == 0 && r.FullMessages));
        w.WriteLine($"| Every import ended with exit code 0 and a summary counting every item: {ImportScenario.Items:N0} created, {ImportScenario.Items:N0} added, {ImportScenario.Items:N0} unchanged | "
            + $"{string.Join(" | ", databases.Select(d => d.Import is { } i ? i.Correct ? "passed" : "**failed**" : "n/a"))} |");
        w.WriteLine($"| Every backup run ended with exit code 0, every release restored (created), and each restored database exported the file it was restored from, byte for byte | "
            + $"{string.Join(" | ", databases.Select(d => d.Backup is { } b ? b.Correct ? "passed" : "**failed**" : "n/a"))} |");
        SearchReport.Checks(w, databases);
        w.WriteLine();
        foreach (var d in databases)
        {
            w.WriteLine($"{d.Name}: {d.Writes.RowCheck}.");
            w.WriteLine();
        }
    }

    private static void Import(StringWriter w, IReadOnlyList<DatabaseResults> databases)
    {
        if (databases.All(d => d.Import is null))
        {
            return;
        }
        var first = databases.First(d => d.Import is not null).Import!;
        w.WriteLine("## Import");
        w.WriteLine();
        w.WriteLine($"`translations import archive` (run in the benchmark process, through the client library and the public RPCs) against one server process on the seeded database, " +
            $"with the default write rate limit (20 per second per caller, bursts of 100). The files are generated in the old site's format: {first.Items:N0} items, {ImportScenario.ItemsPerDate} a day over {first.Dates} days, " +
            "every tenth a titled release with a contact block, the others short dated items; about 400 characters of text each. The importer reads what the service holds on those dates (one streamed query), " +
            "then sends CreateReleases or SubmitVariants calls of 100 items.");
        w.WriteLine();
        w.WriteLine($"| Import | {string.Join(" | ", databases.Select(d => $"{d.Name} items/s | s"))} |");
        w.WriteLine($"|---|{string.Concat(databases.Select(_ => "---:|---:|"))}");
        string Cells(DatabaseResults d, Func<ImportResults, ImportRun> pick) =>
            d.Import is { } i ? $"{pick(i).ItemsPerSecond:N0} | {pick(i).Took.TotalSeconds:F1}" : "n/a | n/a";
        w.WriteLine($"| {first.Source.Name} | {string.Join(" | ", databases.Select(d => Cells(d, i => i.Source)))} |");
        w.WriteLine($"| {first.Paired.Name} | {string.Join(" | ", databases.Select(d => Cells(d, i => i.Paired)))} |");
        w.WriteLine($"| {first.Again.Name} | {string.Join(" | ", databases.Select(d => Cells(d, i => i.Again)))} |");
        w.WriteLine();
    }

    private static void Backup(StringWriter w, IReadOnlyList<DatabaseResults> databases)
    {
        if (databases.All(d => d.Backup is null))
        {
            return;
        }
        w.WriteLine("## Backup and restore");
        w.WriteLine();
        w.WriteLine("`translations export jsonl` of everything the database holds at this point of the run (the seeded releases and what the write and import parts added), then " +
            $"`translations import jsonl` of the file's first {BackupScenario.SmallReleases:N0} lines, and of the whole file, each into a new, empty database of the same kind, " +
            "each exported again. The tool runs as a process of its own (the built `translations.dll`), as an admin, against one server process, with the default write rate limit; " +
            "its peak resident memory is its VmHWM. Memory is flat when the peak for the whole file is about the peak for the small one.");
        w.WriteLine();
        w.WriteLine($"| Run | {string.Join(" | ", databases.Select(d => $"{d.Name} releases | releases/s | tool peak MiB"))} |");
        w.WriteLine($"|---|{string.Concat(databases.Select(_ => "---:|---:|---:|"))}");
        string Cells(DatabaseResults d, Func<BackupResults, ToolRun> pick) =>
            d.Backup is { } b ? $"{pick(b).Releases:N0} | {pick(b).ReleasesPerSecond:N0} | {pick(b).PeakBytes / 1048576.0:F0}" : "n/a | n/a | n/a";
        var rows = new (string Name, Func<BackupResults, ToolRun> Pick)[]
        {
            ("export jsonl, the whole database", b => b.ExportAll),
            ($"import jsonl, the first {BackupScenario.SmallReleases:N0} releases, into an empty database", b => b.RestoreSmall),
            ("export jsonl of those", b => b.ExportSmall),
            ("import jsonl, the whole file, into an empty database", b => b.RestoreAll),
            ("export jsonl of those", b => b.ExportRestored),
        };
        foreach (var (name, pick) in rows)
        {
            w.WriteLine($"| {name} | {string.Join(" | ", databases.Select(d => Cells(d, pick)))} |");
        }
        w.WriteLine();
        foreach (var d in databases.Where(d => d.Backup is not null))
        {
            var b = d.Backup!;
            w.WriteLine($"{d.Name}: the file is {b.FileBytes / 1048576.0:F0} MiB for {b.Releases:N0} releases. Tool peak for the whole file against the small one: export {(double)b.ExportRestored.PeakBytes / b.ExportSmall.PeakBytes:F2}, " +
                $"import {(double)b.RestoreAll.PeakBytes / b.RestoreSmall.PeakBytes:F2}. The server's resident memory before and after exporting the whole database: " +
                $"{b.ServerBytesBeforeExport / 1048576.0:F0} and {b.ServerBytesAfterExport / 1048576.0:F0} MiB.");
            w.WriteLine();
        }
    }

    private static void Details(StringWriter w, IReadOnlyList<DatabaseResults> databases)
    {
        w.WriteLine("## Load generator and checks, unary");
        w.WriteLine();
        foreach (var d in databases)
        {
            w.WriteLine($"{d.Name}:");
            w.WriteLine();
            w.WriteLine("| Load | Generator | Calls measured | HTTP 2xx | DATA bytes = calls x response frame | .NET client check calls OK | CPU cores: server | Redis | database | generator | rest of machine | Redis hits / misses |");
            w.WriteLine("|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in d.Reads.Unary.Concat(d.Reads.SameServerFloors.Skip(2)).Concat(d.Reads.DotnetClient))
            {
                var h2 = r.Generator == "h2load";
                w.WriteLine($"| {r.Name} | {r.Generator} | {r.Calls:N0} | {(h2 ? $"{r.Status2xx:N0}" : "n/a")} | {(h2 ? r.FullMessages ? "yes" : "no" : "n/a")} | " +
                    $"{(h2 ? $"{r.CheckedOk:N0} / {r.Checked:N0}" : $"{r.Calls:N0} / {r.Calls + r.Failures:N0} (every call)")} | {r.ServerCores:F2} | {r.RedisCores:F2} | {r.DatabaseCores:F2} | {r.GeneratorCores:F2} | {r.OtherCores:F2} | {r.RedisHits:N0} / {r.RedisMisses:N0} |");
            }
            w.WriteLine();
        }
    }

    private static void Method(StringWriter w, RunSettings run)
    {
        w.WriteLine("## How it was measured");
        w.WriteLine();
        w.WriteLine("For each database in turn the benchmark creates a fresh database (SQLite: a file in a temporary folder, set up by the service's own provider, which switches it to WAL; PostgreSQL: a throw-away cluster " +
            "started with `fsync=on` and `synchronous_commit=on`), applies the service's migrations, and fills it with multi-row INSERTs whose table and column names and stored values come from the EF model. " +
            "It starts one redis-server on a free loopback port (no persistence) for the whole run, and starts the built server (`src/Translations.Api/bin/Release/net10.0/Translations.Api.dll`) as its own process, " +
            "with `Storage__Provider` and `ConnectionStrings__Releases` naming the database: three times one after the other for the reads, with `ConnectionStrings__Redis` set " +
            "(scenarios 1 and 2, and the streamed query), with `Cache__LocalCacheEnabled=false` added (3), and with `Cache__Enabled=false` added (4); then twice side by side for telemetry off and on (first database only); for the search part once more for its reads, and once on each of two copies of the database for the writes with the index on and off; then twice side by side for the writes.");
        w.WriteLine();
        w.WriteLine($"Unary figures come from h2load over h2c: {run.Connections} connections, {run.Streams} concurrent streams each, POSTing one pre-encoded gRPC request (5-byte frame header + protobuf) " +
            "with `content-type: application/grpc` and `te: trailers`. GetRelease always asks for the same id in English, so with the cache in place (2) and (3) read one cached entry, and (4) reads the same rows from the database on every call. " +
            $"On each server process the loads take turns: {run.Rounds} rounds, each load measured for {run.Seconds / (double)run.Rounds:0.#} s per round, so that loads compared on one process see the same background activity; " +
            "on each process that is the scenario from h2load, Health/Check from h2load, and the scenario from the .NET client. " +
            "The .NET client loads (one GrpcChannel and SocketsHttpHandler per connection, the same connections and streams) cross-check h2load and spread the calls over 1,000 ids, which h2load's single request body cannot. " +
            "Calls/s is the calls completed over the measured time; p50 and p99 are nearest-rank percentiles of the per-request times in h2load's `--log-file` (request start to end of response).");
        w.WriteLine();
        w.WriteLine("h2load does not read gRPC trailers, so grpc-status is checked two ways. Before each h2load load, the .NET client makes " +
            $"{UnaryTarget.CheckedCalls:N0} calls (GetRelease over {UnaryTarget.CheckedCalls:N0} distinct ids, which also fills the caches), each of which must end with StatusCode.OK and return the requested release (Health/Check: SERVING). " +
            "And every h2load response must be HTTP 2xx, and the DATA bytes received must equal the calls times the size of the one response frame: a failed call ends with trailers only and sends no message.");
        w.WriteLine();
        w.WriteLine("Health/Check answers from the result the health-check publisher computed last (every 2 s; UseHealthChecksCache), so the floor does no I/O: it is routing, HTTP/2 and protobuf, the framework's own cost of a call. " +
            "Access control is on, as in production: the server checks bearer tokens against a shared HS256 key made for the run (`Auth__SigningKey`); every read, Health/Check included, carries the same reader token. " +
            "The servers log at Warning (`Logging__LogLevel__Default=Warning`), so the per-call Information line is off.");
        w.WriteLine();
        w.WriteLine("Telemetry: the benchmark process runs a small OTLP/HTTP receiver on a loopback port (it answers every export with success, counts exports and bytes per signal and counts the spans in each trace export, keeping nothing). " +
            "Two server processes run with `ConnectionStrings__Redis` set (caching on, L1), one without any `OTEL_*` setting (telemetry off: nothing registered), the other with `OTEL_EXPORTER_OTLP_ENDPOINT` naming the receiver " +
            "and `OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf` (traces, metrics and logs exported with the SDK's default batching). The off server is started, its two h2load loads checked and warmed up, and after a quiet spell longer than the export interval " +
            "the receiver must have got nothing; then the on server is started and its loads checked and warmed up, and the benchmark waits until no trace export has arrived for longer than the export interval. " +
            $"Then Health/Check off, on, GetRelease from L1 off, on take turns, {run.Rounds} rounds, the same {run.Connections} connections x {run.Streams} streams as above, so only one server is under load at any moment and both see the same background activity. " +
            "After a last quiet spell, what reached the receiver since the warm-ups is what the on server exported for its measured calls: there must be trace exports holding spans.");
        w.WriteLine();
        w.WriteLine($"The streamed query reads every release (published view, newest first) three ways, taking turns, {run.StreamRounds} times each: QueryReleases on one stream with the .NET client against the scenario-1 server; " +
            "a raw ADO.NET scan in the benchmark process, with the driver's own pooled connection and no EF: three statements over all releases in the stream's order (the releases with a published variant; " +
            "their published variants; their tags), every column the stream carries read with DbDataReader's typed getters, nothing built; and the store's QueryReleasesAsync in the benchmark process, without gRPC. " +
            "Each way records the ids in order, the number of variants and the characters of titles and bodies, which must all agree. " +
            "The server's resident memory (VmRSS) is sampled every 20 ms during each stream; the growth is the largest peak minus the value just before its call.");
        w.WriteLine();
        w.WriteLine($"Writes: {WriteScenarios.Writers} writers, each its own GrpcChannel and its own editor token (its own caller), writer w on replica w mod {WriteScenarios.Replicas}, each one call at a time (closed loop). " +
            "CreateRelease creates a release with its Russian source variant; SubmitVariant submits a new English text (expected revision 1) to a seeded release, each writer to releases of its own so that writers never conflict. " +
            "Every write carries a request id, as clients are asked to, so the idempotency record is written in the same transaction. The replicas run as in production: Redis set, caching on, " +
            "the change-feed follower of each replica reading every new event (and invalidating its cache). Every acknowledged write must return the expected revisions. " +
            $"Then the same loads run with {WriteScenarios.WatcherCount} WatchReleases streams open (draft view, every event; half on each replica), and every watcher must receive every event up to the last one committed, in sequence order. " +
            "Afterwards the benchmark counts the rows: the new releases and variant revisions must match the acknowledged writes, and the change events must be numbered 1 to N without a gap.");
        w.WriteLine();
        w.WriteLine($"The yardstick for writes is the database's rate of durable one-row transactions on this machine, measured for {run.DurableCommitSeconds} s just before and just after the write loads, " +
            "one connection committing one INSERT per transaction, one after the other, in a database of its own beside the benchmark's: for SQLite a file in the same folder with `journal_mode=WAL` and `synchronous=FULL` " +
            "(what the service's own connections run with, read back with PRAGMA), for PostgreSQL a second database in the same cluster.");
        w.WriteLine();
        w.WriteLine("CPU is user + system time over the measured time, in cores: the servers and redis-server from /proc/[pid]/stat, PostgreSQL as the postmaster and all its children, h2load from getrusage of ended children, " +
            "the .NET client as the benchmark process's own time; rest of machine is the busy time in /proc/stat minus those, that is, other work on the shared machine. SQLite runs inside the processes that use it, so its CPU is theirs.");
    }

    private static string PerCall(UnaryResult r) => r.Calls == 0 ? "n/a" : (r.RedisHits / (double)r.Calls).ToString("F3", CultureInfo.InvariantCulture);

    private static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";

    private static double MemoryGiB() =>
        long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
}
