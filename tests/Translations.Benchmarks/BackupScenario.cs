using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Translations.Benchmarks;

/// <summary>One run of the <c>translations</c> tool as a process of its own: how long, its peak resident memory, what it said.</summary>
internal sealed record ToolRun(string Name, long Releases, TimeSpan Took, long PeakBytes, int ExitCode, string Output)
{
    public double ReleasesPerSecond => Releases / Took.TotalSeconds;
}

/// <summary>What backing up and restoring measured on one database.</summary>
internal sealed record BackupResults(
    long Releases, long FileBytes, ToolRun ExportAll, ToolRun RestoreSmall, ToolRun ExportSmall, ToolRun RestoreAll, ToolRun ExportRestored,
    long ServerBytesBeforeExport, long ServerBytesAfterExport, bool SmallIdentical, bool Identical)
{
    public bool Correct =>
        new[] { ExportAll, RestoreSmall, ExportSmall, RestoreAll, ExportRestored }.All(r => r.ExitCode == 0)
        && RestoreAll.Output.Contains($"\"created\":{Releases}", StringComparison.Ordinal)
        && RestoreSmall.Output.Contains($"\"created\":{RestoreSmall.Releases}", StringComparison.Ordinal)
        && SmallIdentical && Identical;
}

/// <summary>
/// <c>translations export jsonl</c> of everything the benchmark's database holds by now (the seeded releases and
/// what the write and import parts added), then <c>import jsonl</c> of the first <see cref="SmallReleases"/> lines and of
/// the whole file into new, empty databases of the same kind, each exported again and compared byte for byte.
/// The tool runs as its own process, so its peak resident memory (VmHWM) is its own: a small and a large file
/// side by side show whether memory grows with the number of releases.
/// </summary>
internal static partial class BackupScenario
{
    public const int SmallReleases = 10_000;

    public static async Task<BackupResults> RunAsync(string root, BenchmarkDatabase database, string workspace)
    {
        var full = Path.Combine(workspace, "backup.jsonl");
        var small = Path.Combine(workspace, "backup-small.jsonl");
        ToolRun exportAll;
        long before, after;
        await using (var server = await ServerProcess.StartAsync(root, database.ServerSettings))
        {
            Console.WriteLine($"{database.Name}: export jsonl of the whole database");
            before = server.ResidentBytes();
            exportAll = await RunToolAsync(root, server, "export jsonl (whole database)", null, ["export", "jsonl", "--output", full, "--json"]);
            after = server.ResidentBytes();
        }
        var releases = await CountLinesAsync(full);
        exportAll = exportAll with { Releases = releases };
        await CopyLinesAsync(full, small, SmallReleases);

        var (restoreSmall, exportSmall, smallIdentical) = await RestoreAndExportAsync(root, database, workspace, small, Math.Min(SmallReleases, releases), "restore_small");
        var (restoreAll, exportRestored, identical) = await RestoreAndExportAsync(root, database, workspace, full, releases, "restore_all");
        return new BackupResults(releases, new FileInfo(full).Length, exportAll, restoreSmall, exportSmall, restoreAll, exportRestored, before, after, smallIdentical, identical);
    }

    private static async Task<(ToolRun Restore, ToolRun Export, bool Identical)> RestoreAndExportAsync(string root, BenchmarkDatabase database, string workspace,
        string file, long releases, string name)
    {
        await using var server = await ServerProcess.StartAsync(root, await database.EmptyDatabaseSettingsAsync(name));
        Console.WriteLine($"{database.Name}: import jsonl of {releases:N0} releases into an empty database, and export it again");
        var restore = await RunToolAsync(root, server, $"import jsonl ({releases:N0} releases)", releases, ["import", "jsonl", file, "--json"]);
        var again = Path.Combine(workspace, name + ".jsonl");
        var export = await RunToolAsync(root, server, $"export jsonl ({releases:N0} restored releases)", releases, ["export", "jsonl", "--output", again, "--json"]);
        var identical = await SameBytesAsync(file, again);
        Console.WriteLine($"  the second export is {(identical ? "identical to" : "DIFFERENT from")} the file restored");
        return (restore, export, identical);
    }

    /// <summary>The built tool (src/Translations.Cli) as a process, as an admin, its VmHWM read every 50 ms until it exits.</summary>
    private static async Task<ToolRun> RunToolAsync(string root, ServerProcess server, string name, long? releases, string[] arguments)
    {
        var dll = Path.Combine(root, "src", "Translations.Cli", "bin", "Release", "net10.0", "translations.dll");
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["TRANSLATIONS_ADDRESS"] = server.Address.ToString();
        start.Environment["TRANSLATIONS_TOKEN"] = BenchmarkAccess.AdminToken;
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var peak = 0L;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, PeakResidentBytes(process.Id));
            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(50));
        }
        await process.WaitForExitAsync();
        var took = Stopwatch.GetElapsedTime(started);
        var said = (await output).Trim() + (await errors is { Length: > 0 } e ? " " + e.Trim() : "");
        var counted = releases ?? (ExportedReleases().Match(said) is { Success: true } m ? long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
        var run = new ToolRun(name, counted, took, peak, process.ExitCode, said);
        Console.WriteLine($"  {name}: {run.ReleasesPerSecond:N0} releases/s ({took.TotalSeconds:F1} s), peak {peak / 1048576.0:F0} MiB, exit {run.ExitCode}: {Shorten(said)}");
        return run;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    [GeneratedRegex("\"releases\":(\\d+)")]
    private static partial Regex ExportedReleases();

    /// <summary>VmHWM, the process's peak resident memory so far; 0 once it is gone.</summary>
    private static long PeakResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return 0;
    }

    private static async Task<long> CountLinesAsync(string path)
    {
        var count = 0L;
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync() is not null)
        {
            count++;
        }
        return count;
    }

    private static async Task CopyLinesAsync(string from, string to, int lines)
    {
        using var reader = new StreamReader(from);
        await using var writer = new StreamWriter(to, append: false, new System.Text.UTF8Encoding(false));
        for (var i = 0; i < lines && await reader.ReadLineAsync() is { } line; i++)
        {
            await writer.WriteAsync(line + "\n");
        }
    }

    private static async Task<bool> SameBytesAsync(string a, string b)
    {
        await using var first = File.OpenRead(a);
        await using var second = File.OpenRead(b);
        if (first.Length != second.Length)
        {
            return false;
        }
        var x = new byte[1 << 16];
        var y = new byte[1 << 16];
        while (true)
        {
            var read = await first.ReadAtLeastAsync(x, x.Length, throwOnEndOfStream: false);
            await second.ReadExactlyAsync(y.AsMemory(0, read));
            if (read == 0)
            {
                return true;
            }
            if (!x.AsSpan(0, read).SequenceEqual(y.AsSpan(0, read)))
            {
                return false;
            }
        }
    }
}
