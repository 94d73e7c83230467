using System.Globalization;
using Translations.Benchmarks;
using Translations.Testing;

// Usage: dotnet run -c Release --no-build --project tests/Translations.Benchmarks -- [releases] [seconds] [report.md] [--databases sqlite,postgresql] [--parts reads,search,writes,import,backup,telemetry|stream]
// Needs the solution built in Release, h2load (nghttp2-client), redis-server and PostgreSQL's server programs.
string[] Option(string name, string[] all)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1].Split(',') : all;
}
var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).ToArray();
var releases = positional.Length > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 100_000;
var seconds = positional.Length > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 10;
var root = FindRepositoryRoot();
var reportPath = positional.Length > 2 ? Path.GetFullPath(positional[2]) : Path.Combine(root, "docs", "benchmarks.md");
var databases = Option("--databases", ["sqlite", "postgresql"]);
var parts = Option("--parts", ["reads", "search", "writes", "import", "backup"]);
var h2load = Executables.Find("h2load", "nghttp2-client");
var run = new RunSettings(Path.GetRelativePath(root, reportPath), releases, seconds, databases, parts, H2LoadVersion: Executables.Version(h2load), RedisVersion: RedisServer.Version());
var started = DateTime.UtcNow;

await using var redis = await RedisServer.StartWithoutPersistenceAsync();
var results = new List<DatabaseResults>();
foreach (var name in databases)
{
    var workspace = Directory.CreateTempSubdirectory("translations-bench-").FullName;
    try
    {
        await using var database = await BenchmarkDatabase.StartAsync(name, workspace);
        Console.WriteLine($"{database.Name}: {database.Description}; seeding {releases:N0} releases...");
        var ids = await Seeding.SeedAsync(database, releases);
        await database.AfterSeedingAsync();
        if (parts.Contains("stream"))
        {
            await ReadScenarios.StreamOnlyAsync(run, root, database, redis, ids);
        }
        var reads = parts.Contains("reads") ? await ReadScenarios.RunAsync(run, root, h2load, workspace, database, redis, ids) : null;
        // Telemetry's cost is paid in the server process before the store is reached, so one database shows it.
        var telemetry = (parts.Contains("reads") || parts.Contains("telemetry")) && name == databases[0]
            ? await TelemetryScenario.RunAsync(run, root, h2load, workspace, database, redis, ids) : null;
        // Before the writes: the search part's queries expect the seeded text, and it copies the seeded database.
        var search = parts.Contains("search") ? await SearchScenario.RunAsync(run, root, database, redis, ids) : null;
        var writes = parts.Contains("writes") ? await WriteScenarios.RunAsync(run, root, database, redis, ids) : null;
        var import = parts.Contains("import") ? await ImportScenario.RunAsync(root, database, workspace) : null;
        var backup = parts.Contains("backup") ? await BackupScenario.RunAsync(root, database, workspace) : null;
        results.Add(new DatabaseResults(database.Name, database.Description, reads, writes, telemetry, import, backup, search));
    }
    finally
    {
        Directory.Delete(workspace, recursive: true);
    }
}

var report = parts.Contains("reads") && parts.Contains("writes") ? Report.Write(run, results, DateTime.UtcNow - started) : "Only part of the benchmark ran: no report.";
Console.WriteLine(report);
Directory.CreateDirectory(Path.GetDirectoryName(reportPath)!);
File.WriteAllText(reportPath, report);
Console.WriteLine($"Written to {reportPath}");
var correct = results.All(r => r.PartialReads?.Correct != false && r.PartialWrites?.Correct != false && r.Telemetry?.Correct != false && r.Import?.Correct != false && r.Backup?.Correct != false && r.Search?.Correct != false);
if (!correct)
{
    Console.Error.WriteLine("Wrong results: see the checks in the report.");
}
return correct ? 0 : 1;

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
