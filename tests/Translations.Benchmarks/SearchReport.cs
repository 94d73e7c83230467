using System.Globalization;

namespace Translations.Benchmarks;

/// <summary>The full-text search part of docs/benchmarks.md: its targets, its section, its checks.</summary>
internal static class SearchReport
{
    public const double TargetRatio = 0.5;

    public static void Targets(StringWriter w, RunSettings run, IReadOnlyList<DatabaseResults> databases)
    {
        if (databases.All(d => d.Search is null))
        {
            return;
        }
        var inFlight = SearchScenario.InFlight(run);
        for (var level = inFlight.Length - 1; level >= 0; level--)
        {
            w.WriteLine($"| SearchReleases over gRPC, two words, first 20, {inFlight[level]} in flight: calls/s at least {TargetRatio} x the same statement run in this process | {string.Join(" | ", databases.Select(d =>
                d.Search is { } s ? $"{s.Ratio(level).ToString("F2", CultureInfo.InvariantCulture)} {(s.Ratio(level) >= TargetRatio ? "met" : "**not met**")}" : "not run"))} |");
        }
    }

    public static void Section(StringWriter w, RunSettings run, IReadOnlyList<DatabaseResults> databases)
    {
        var searched = databases.Where(d => d.Search is not null).ToArray();
        if (searched.Length == 0)
        {
            return;
        }
        w.WriteLine("## Full-text search");
        w.WriteLine();
        w.WriteLine($"SearchReleases (published view, as a reader) for two-word queries, first {SearchStatements.Limit} hits, {SeedText.Queries.Count} queries taken in turn (the same pairs of words in Russian and in English), " +
            "against the same statement run in the benchmark process with plain ADO.NET, no gRPC: the SQL EF Core generates for the store's search (the database's full-text match from the provider, joined to the releases, " +
            $"best first, LIMIT {SearchStatements.Limit}), reading every column it returns (id, language, date, title, body, score); the service also makes snippets and marks, the direct side does not. " +
            $"Both sides ran in turns on one server process, {run.Rounds} rounds of {run.Seconds / (double)run.Rounds:0.#} s each after a {run.WarmUpSeconds} s warm-up each; every call must return the same first page, in the same order.");
        w.WriteLine();
        var inFlight = SearchScenario.InFlight(run);
        w.WriteLine($"| Load | {string.Join(" | ", searched.Select(d => $"{d.Name} calls/s | p50 ms | p99 ms | ratio gRPC / direct"))} |");
        w.WriteLine($"|---|{string.Concat(searched.Select(_ => "---:|---:|---:|---:|"))}");
        for (var level = 0; level < inFlight.Length; level++)
        {
            foreach (var grpc in new[] { true, false })
            {
                var label = grpc ? $"SearchReleases over gRPC (.NET client), {inFlight[level]} in flight" : $"The same statement in this process, no gRPC, {inFlight[level]} in flight";
                w.WriteLine($"| {label} | {string.Join(" | ", searched.Select(d =>
                {
                    var s = d.Search!;
                    var r = grpc ? s.Grpc[level] : s.Direct[level];
                    return $"{r.CallsPerSecond:N0} | {r.P50Milliseconds:F2} | {r.P99Milliseconds:F2} | {(grpc ? s.Ratio(level).ToString("F2", CultureInfo.InvariantCulture) : "")}";
                }))} |");
            }
        }
        w.WriteLine();
        w.WriteLine("The queries, the releases holding both words (as the seed made them) and the hits each database found:");
        w.WriteLine();
        w.WriteLine($"| Language | Query | Releases with both words | {string.Join(" | ", searched.Select(d => $"{d.Name} hits"))} |");
        w.WriteLine($"|---|---|---:|{string.Concat(searched.Select(_ => "---:|"))}");
        var first = searched[0].Search!;
        for (var q = 0; q < first.Queries.Count; q++)
        {
            var query = first.Queries[q];
            w.WriteLine($"| {query.Language} | {query.Text} | {query.Expected:N0} ({query.Expected * 100.0 / run.Releases:F2}%) | {string.Join(" | ", searched.Select(d => d.Search!.Queries[q].Hits.ToString("N0", CultureInfo.InvariantCulture)))} |");
        }
        w.WriteLine();
        w.WriteLine("The index's size after seeding:");
        w.WriteLine();
        foreach (var d in searched)
        {
            var index = d.Search!.Index;
            w.WriteLine($"- {d.Name}: {Mib(index.Bytes)} in all, {index.Bytes * 100.0 / index.DatabaseBytes:F0}% of the {Mib(index.DatabaseBytes)} database: " +
                $"{string.Join(", ", index.Parts.Select(p => $"{p.Name} {Mib(p.Bytes)}"))}. Measured with {index.Method}.");
        }
        w.WriteLine();
        w.WriteLine($"Writes with the index on and off: two copies of the seeded database, made the same way (SQLite: `VACUUM INTO`; PostgreSQL: `CREATE DATABASE ... TEMPLATE`), the index removed from one; " +
            $"one server process on each (Redis set, the write rate limit raised as for the writes), {WriteScenarios.Writers} writers (the writes' CreateRelease and SubmitVariant) on one copy at a time, in turns, " +
            $"a {run.WriteWarmUpSeconds} s warm-up per load, then {run.Seconds} s in {run.Rounds} slices; the copies are removed afterwards.");
        w.WriteLine();
        w.WriteLine($"| Write | {string.Join(" | ", searched.Select(d => $"{d.Name} index on /s | p99 ms | index off /s | p99 ms | on / off"))} |");
        w.WriteLine($"|---|{string.Concat(searched.Select(_ => "---:|---:|---:|---:|---:|"))}");
        for (var i = 0; i < first.IndexOn.Length; i++)
        {
            w.WriteLine($"| {first.IndexOn[i].Name} | {string.Join(" | ", searched.Select(d =>
            {
                var s = d.Search!;
                return $"{s.IndexOn[i].CallsPerSecond:N0} | {s.IndexOn[i].P99Milliseconds:F1} | {s.IndexOff[i].CallsPerSecond:N0} | {s.IndexOff[i].P99Milliseconds:F1} | {s.WriteRatio(i):F2}";
            }))} |");
        }
        w.WriteLine();
        foreach (var d in searched)
        {
            w.WriteLine($"{d.Name}: index off made by {d.Search!.OffMadeBy}; {d.Search.FollowCheck}.");
            w.WriteLine();
        }
    }

    public static void Checks(StringWriter w, IReadOnlyList<DatabaseResults> databases)
    {
        if (databases.All(d => d.Search is null))
        {
            return;
        }
        void Check(string name, Func<SearchResults, bool> passed) =>
            w.WriteLine($"| {name} | {string.Join(" | ", databases.Select(d => d.Search is { } s ? passed(s) ? "passed" : "**failed**" : "n/a"))} |");
        Check("Search: every query found exactly the releases the seed put both words in, and its first page holds only such releases",
            s => s.Queries.All(q => q.Correct));
        Check("Search: every call, over gRPC and direct, ended OK with the same first page in the same order", s => s.Grpc.Concat(s.Direct).All(r => r.Failures == 0 && r.Calls > 0));
        Check("Search: every write against the copies ended OK, and the index on followed every SubmitVariant", s => s.IndexFollowed && s.IndexOn.Concat(s.IndexOff).All(r => r.Failures == 0 && r.Calls > 0));
    }

    private static string Mib(long bytes) => $"{bytes / 1048576.0:F1} MiB";
}
