using System.CommandLine;
using System.Text.Json;
using System.Globalization;
using Translations.Cli.Export;
using Translations.Cli.Hosting;
using Translations.Cli.Import;

namespace Translations.Cli.Backup;

/// <summary>
/// <c>translations export jsonl [--output FILE]</c>: every release with everything stored about it, one per
/// line, as the service streams them. A file is written whole or not at all (<see cref="ExportFiles"/>).
/// </summary>
internal static class ExportJsonlCommand
{
    public static Command Create(CliContext cli)
    {
        var output = new Option<string>("--output", "-o")
        {
            Description = "The file to write; - (the default) writes to standard output.",
            DefaultValueFactory = _ => "-",
        };
        var command = new Command("jsonl", Help.Describe(
            "Exports every release with every variant, its states, its published revision and its whole history: one JSON object per line (proto JSON names). "
            + "An admin's token. Restore it with `translations import jsonl`, into this service or another on any database.",
            "translations export jsonl --output releases.jsonl --token $ADMIN"))
        {
            output,
        };
        cli.Service.AddTo(command);
        command.SetAction((parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(output)!;
            var toFile = path != "-";
            return cli.RunAsync(parsed, new Attempt("export releases"), async (client, cancel) =>
            {
                var counts = new ExportCounts();
                if (toFile)
                {
                    await ExportFiles.WriteAsync(path, async stream =>
                    {
                        await using var writer = new StreamWriter(stream, BackupFile.Utf8, bufferSize: 1 << 16);
                        await new ImportProgress(cli).CountAsync("Exporting releases", report => WriteAllAsync(client, writer, counts, report, cancel));
                    });
                }
                else
                {
                    await WriteAllAsync(client, cli.Output, counts, _ => { }, cancel);
                    await cli.Output.FlushAsync(cancel);
                }
                Report(cli, parsed.GetValue(cli.Service.Json), toFile ? cli.Output : cli.Error, toFile ? path : "standard output", counts);
            }, cancellationToken);
        });
        return command;
    }

    private static async Task WriteAllAsync(Client.TranslationsClient client, TextWriter writer, ExportCounts counts, Action<long> report, CancellationToken cancellationToken)
    {
        await foreach (var release in client.ExportReleasesAsync(cancellationToken))
        {
            await BackupFile.WriteAsync(writer, release);
            counts.Releases++;
            counts.Variants += release.Variants.Count;
            counts.Revisions += release.Variants.Sum(v => v.Revisions.Count);
            counts.Published += release.Variants.Count(v => v.Published is not null);
            report(1);
        }
    }

    private static void Report(CliContext cli, bool json, TextWriter to, string where, ExportCounts counts)
    {
        to.WriteLine(json
            ? JsonSerializer.Serialize(new { summary = new { releases = counts.Releases, variants = counts.Variants, publishedVariants = counts.Published, revisions = counts.Revisions } })
            : string.Create(CultureInfo.InvariantCulture, $"Exported {counts.Releases:N0} releases ({counts.Variants:N0} variants, {counts.Published:N0} of them published, {counts.Revisions:N0} revisions) to {where}."));
    }

    private sealed class ExportCounts
    {
        public long Releases { get; set; }
        public long Variants { get; set; }
        public long Published { get; set; }
        public long Revisions { get; set; }
    }
}
