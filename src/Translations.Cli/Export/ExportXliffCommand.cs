using System.CommandLine;
using System.Globalization;
using System.Text;
using Translations.Cli.Hosting;
using Translations.Cli.Import;
using Translations.Cli.Translation;
using Translations.Client;
using Translations.Interchange.Xliff;
using Translations.V1;

namespace Translations.Cli.Export;

/// <summary>
/// <c>translations export xliff --target en --output en.xlf</c>: the releases that need a translation into a
/// language (missing, outdated, rejected), oldest first, as one XLIFF 2.0 file for a CAT tool; it comes back
/// with <c>translations import xliff</c>.
/// </summary>
internal static class ExportXliffCommand
{
    private const int ReleasesPerCall = 100;

    public static Command Create(CliContext cli)
    {
        var target = new Option<string>("--target") { Description = "The language to translate into.", Required = true };
        var output = new Option<string>("--output") { Description = "The file to write (replaced when it exists); - writes to standard output.", Required = true };
        var source = new Option<string?>("--source") { Description = "Only releases written in this language; needed when the releases to translate have several source languages." };
        var categories = new Option<string[]>("--category") { Description = "Only releases in this category; repeat for any of several." };
        var from = new Option<string?>("--from") { Description = "Only releases dated on or after this day (yyyy-MM-dd)." };
        var command = new Command("xliff", Help.Describe(
            "Writes the releases that need a translation into a language (missing, outdated, rejected), oldest first, as one XLIFF 2.0 file: "
            + "a <file> per release, units title, lead and body, a segment per body paragraph, the current translation as targets. "
            + "Translate it in a CAT tool and bring it back with `translations import xliff`.",
            "translations export xliff --target en --category news --from 2024-01-01 --output en.xlf"))
        {
            target, output, source, categories, from,
        };
        cli.Service.AddTo(command);
        from.Validators.Add(result =>
        {
            if (result.GetValue(from) is { } text && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                result.AddError($"--from '{text}' is not a date like 2024-04-24.");
            }
        });
        command.SetAction((parsed, cancellationToken) =>
        {
            var language = parsed.GetValue(target)!.Trim().ToLowerInvariant();
            var path = parsed.GetValue(output)!;
            return cli.RunAsync(parsed, new Attempt($"export the translations into {language}", Language: language), async (client, cancel) =>
            {
                var filter = new ExportFilter(
                    parsed.GetValue(source)?.Trim().ToLowerInvariant(),
                    parsed.GetValue(categories) ?? [],
                    parsed.GetValue(from) is { } day ? DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null);
                var (document, tasks) = await DocumentAsync(cli, client, language, filter, cancel);
                if (document is null)
                {
                    cli.Error.WriteLine($"Nothing to translate into {language}{filter}; no file written.");
                    return;
                }
                var written = await WriteAsync(cli, document, path, cancel);
                cli.Error.WriteLine(Summary(document, tasks, written));
            }, cancellationToken);
        });
        return command;
    }

    private sealed record ExportFilter(string? Source, string[] Categories, DateOnly? From)
    {
        public override string ToString() =>
            (Source is null ? "" : $" from {Source}")
            + (Categories.Length == 0 ? "" : $" in {string.Join(", ", Categories)}")
            + (From is null ? "" : $" dated from {From:yyyy-MM-dd}");
    }

    private static async Task<(XliffDocument? Document, List<TranslationTask> Tasks)> DocumentAsync(CliContext cli, TranslationsClient client, string language,
        ExportFilter filter, CancellationToken cancellationToken)
    {
        var tasks = new List<TranslationTask>();
        await foreach (var task in client.ListTranslationTasksAsync(language, cancellationToken))
        {
            if (filter.From is not { } from || new DateOnly(task.ReleaseDate.Year, task.ReleaseDate.Month, task.ReleaseDate.Day) >= from)
            {
                tasks.Add(task);
            }
        }
        var releases = new Dictionary<string, Release>(StringComparer.Ordinal);
        await new ImportProgress(cli).RunAsync($"Reading {tasks.Count} releases", tasks.Count, async advance =>
        {
            foreach (var chunk in tasks.Chunk(ReleasesPerCall))
            {
                foreach (var release in await client.GetReleasesAsync(chunk.Select(t => t.ReleaseId), view: ReleaseView.Draft, cancellationToken: cancellationToken))
                {
                    releases[release.Id] = release;
                }
                advance(chunk.Length);
            }
        });
        // The tasks' order (oldest release first); a release deleted since the task was listed is left out.
        var selected = tasks
            .Where(t => releases.TryGetValue(t.ReleaseId, out var r) && (filter.Categories.Length == 0 || filter.Categories.Contains(r.Category, StringComparer.Ordinal)))
            .Where(t => filter.Source is null || releases[t.ReleaseId].SourceLanguage == filter.Source)
            .ToList();
        var sources = selected.Select(t => releases[t.ReleaseId].SourceLanguage).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (sources.Count > 1)
        {
            throw CliFailure.Usage($"the releases to translate into {language} are written in {string.Join(" and ", sources)}, and an XLIFF file has one source language; choose one with --source");
        }
        if (selected.Count == 0)
        {
            return (null, selected);
        }
        var entries = selected.Select(task => Entry(releases[task.ReleaseId], language, task)).ToList();
        return (new XliffDocument(sources[0], language, entries), selected);
    }

    private static XliffRelease Entry(Release release, string language, TranslationTask task)
    {
        var source = release.Variants.Single(v => v.Language == release.SourceLanguage);
        var translation = release.Variants.FirstOrDefault(v => v.Language == language);
        var (state, subState) = XliffStates.Of(translation);
        return XliffRelease.Create(release.Id, source.Revision, translation?.Revision ?? 0, Texts(source), translation is null ? null : Texts(translation)) with
        {
            ReleaseDate = new DateOnly(release.ReleaseDate.Year, release.ReleaseDate.Month, release.ReleaseDate.Day),
            State = state,
            SubState = subState,
            Notes = task.Reason == TranslationTaskReason.Missing ? [] : [TasksCommand.Detail(task)],
        };
    }

    private static XliffTexts Texts(Variant variant) => new(variant.Title, variant.Lead, variant.Body);

    /// <summary>The document into the file (through a temporary file beside it, so a failure leaves no half-written file) or to standard output.</summary>
    private static async Task<string> WriteAsync(CliContext cli, XliffDocument document, string path, CancellationToken cancellationToken)
    {
        if (path == "-")
        {
            using var buffer = new MemoryStream();
            await XliffWriter.WriteAsync(document, buffer, cancellationToken);
            await cli.Output.WriteAsync(Encoding.UTF8.GetString(buffer.ToArray()));
            return "standard output";
        }
        await ExportFiles.WriteAsync(path, stream => XliffWriter.WriteAsync(document, stream, cancellationToken));
        return new FileInfo(path).Name;
    }

    private static string Summary(XliffDocument document, List<TranslationTask> tasks, string written)
    {
        var units = document.Releases.Sum(r => r.Lead is null ? 2 : 3);
        var segments = document.Releases.Sum(r => 1 + (r.Lead is null ? 0 : 1) + r.Body.Segments.Count);
        var targets = document.Releases.Sum(r => new[] { r.Title, r.Lead, r.Body }.OfType<XliffUnit>().Sum(u => u.Segments.Count(s => s.Target is not null)));
        var reasons = string.Join(", ", new[] { TranslationTaskReason.Missing, TranslationTaskReason.Outdated, TranslationTaskReason.Rejected }
            .Select(reason => $"{tasks.Count(t => t.Reason == reason)} {reason.ToString().ToLowerInvariant()}"));
        return $"Exported {document.Releases.Count} release(s) ({reasons}) from {document.SourceLanguage} into {document.TargetLanguage} to {written}: "
            + $"{units} units, {segments} segments, {targets} with the current translation as target.";
    }
}
