using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Translations.Cli.Hosting;
using Translations.Cli.Import;
using Translations.Client;
using Translations.V1;

namespace Translations.Cli.Backup;

/// <summary>
/// <c>translations import jsonl FILE</c>: restores what <c>export jsonl</c> wrote, ids, revisions, states
/// and histories kept (RestoreReleases, an admin's token). The file is read twice, one line at a time:
/// first to check every line, so a malformed file restores nothing, then to send the releases in calls
/// of <see cref="ReleasesPerCall"/>. Memory does not grow with the file.
/// </summary>
internal static class ImportJsonlCommand
{
    /// <summary>Releases per RestoreReleases call: one call per 100 releases for the rate limit, and a call small enough to resend.</summary>
    private const int ReleasesPerCall = 100;

    /// <summary>Failures listed one by one; beyond this many only their number is given.</summary>
    private const int MaxFailuresListed = 1_000;

    public static Command Create(CliContext cli)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A file `translations export jsonl` wrote." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every line and count the releases, and write nothing." };
        var command = new Command("jsonl", Help.Describe(
            "Restores a backup `translations export jsonl` wrote, keeping ids, slugs, revisions, states, authors, times and histories. "
            + "Meant for an empty service (on either database): a release that exists is left as it is (unchanged at the same revision, otherwise failed). "
            + "A malformed file is refused whole, with its line. An admin's token. Running it again changes nothing.",
            "translations import jsonl releases.jsonl --address new-host:5080 --token $ADMIN"))
        {
            file, dryRun,
        };
        cli.Service.AddTo(command);
        command.SetAction((parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(file)!;
            return cli.RunAsync(parsed, new Attempt($"import {path.Name}"), async (client, cancel) =>
            {
                var json = parsed.GetValue(cli.Service.Json);
                var lines = await CheckAsync(path, cancel);
                if (parsed.GetValue(dryRun))
                {
                    cli.Output.WriteLine(json
                        ? JsonSerializer.Serialize(new { summary = new { wouldRestore = lines }, dryRun = true })
                        : string.Create(CultureInfo.InvariantCulture, $"Dry run, nothing written: {path.Name} holds {lines:N0} releases, every line readable."));
                    return;
                }
                var result = await RestoreAsync(client, path, lines, new ImportProgress(cli), cancel);
                Report(cli, json, path.Name, result);
                if (result.Failed > 0)
                {
                    throw CliFailure.Refused(string.Create(CultureInfo.InvariantCulture,
                        $"{result.Failed:N0} release(s) were not restored (see above); correct them and run the same command again: what was restored stays as it is"));
                }
            }, cancellationToken);
        });
        return command;
    }

    /// <summary>Every line parsed and dropped; the number of releases.</summary>
    private static async Task<long> CheckAsync(FileInfo path, CancellationToken cancellationToken)
    {
        var count = 0L;
        await ReadAsync(path, async lines =>
        {
            await foreach (var _ in lines.WithCancellation(cancellationToken))
            {
                count++;
            }
        }, cancellationToken);
        return count;
    }

    private static async Task<Restored> RestoreAsync(TranslationsClient client, FileInfo path, long total, ImportProgress progress, CancellationToken cancellationToken)
    {
        var result = new Restored();
        await progress.RunAsync($"Restoring {path.Name}", total, report => ReadAsync(path, async lines =>
        {
            var chunk = new List<(int Line, ReleaseBackup Release)>(ReleasesPerCall);
            await foreach (var item in lines.WithCancellation(cancellationToken))
            {
                chunk.Add(item);
                if (chunk.Count == ReleasesPerCall)
                {
                    await SendAsync(client, chunk, result, cancellationToken);
                    report(chunk.Count);
                    chunk.Clear();
                }
            }
            if (chunk.Count > 0)
            {
                await SendAsync(client, chunk, result, cancellationToken);
                report(chunk.Count);
            }
        }, cancellationToken));
        return result;
    }

    private static async Task SendAsync(TranslationsClient client, List<(int Line, ReleaseBackup Release)> chunk, Restored result, CancellationToken cancellationToken)
    {
        var outcomes = await RateLimitedCalls.SendAsync(() => client.RestoreReleasesAsync(chunk.Select(c => c.Release), cancellationToken), cancellationToken);
        foreach (var outcome in outcomes)
        {
            switch (outcome.ResultCase)
            {
                case RestoreReleaseOutcome.ResultOneofCase.Restored when outcome.Restored == RestoreResult.Created:
                    result.Created++;
                    break;
                case RestoreReleaseOutcome.ResultOneofCase.Restored:
                    result.Unchanged++;
                    break;
                default:
                    result.Failed++;
                    if (result.Failures.Count < MaxFailuresListed)
                    {
                        var (line, release) = chunk[outcome.Index];
                        result.Failures.Add((line, release.Release.Id, outcome.Error?.Message ?? "no outcome"));
                    }
                    break;
            }
        }
    }

    /// <summary>Opens the file as strict UTF-8 and hands its lines to <paramref name="use"/>; an unreadable or malformed file is a usage error.</summary>
    private static async Task ReadAsync(FileInfo path, Func<IAsyncEnumerable<(int Line, ReleaseBackup Release)>, Task> use, CancellationToken cancellationToken)
    {
        var reader = new StreamReader(ImportFiles.OpenRead(path), BackupFile.Utf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        using (reader)
        {
            try
            {
                await use(BackupFile.ReadAsync(reader, cancellationToken));
            }
            catch (BackupFormatException malformed)
            {
                throw CliFailure.Usage($"{path.Name}, {malformed.Message}; nothing was imported");
            }
        }
    }

    private static void Report(CliContext cli, bool json, string file, Restored result)
    {
        if (json)
        {
            foreach (var (line, id, reason) in result.Failures)
            {
                cli.Output.WriteLine(JsonSerializer.Serialize(new { line, releaseId = id, action = ImportActions.Failed, reason }));
            }
            cli.Output.WriteLine(JsonSerializer.Serialize(new { summary = new { created = result.Created, unchanged = result.Unchanged, failed = result.Failed } }));
            return;
        }
        if (result.Failures.Count > 0)
        {
            var table = Words.Table("Line", "Release", "Why");
            foreach (var (line, id, reason) in result.Failures)
            {
                table.AddRow(line.ToString(CultureInfo.InvariantCulture), Markup.Escape(id), Markup.Escape(reason));
            }
            cli.Console.Write(table);
        }
        cli.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Restored {file}: {result.Created:N0} created, {result.Unchanged:N0} unchanged, {result.Failed:N0} failed.")));
    }

    private sealed class Restored
    {
        public long Created { get; set; }
        public long Unchanged { get; set; }
        public long Failed { get; set; }
        public List<(int Line, string ReleaseId, string Reason)> Failures { get; } = [];
    }
}
