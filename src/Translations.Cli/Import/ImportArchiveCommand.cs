using System.CommandLine;
using Translations.Cli.Hosting;
using Translations.Client;
using Translations.Interchange.Archive;
using Translations.V1;

namespace Translations.Cli.Import;

/// <summary>
/// <c>translations import archive --lang ru FILE</c>: the old site's export, a release per item;
/// <c>--lang en --pair FILE</c>: each item as the variant of the release at its date and position.
/// </summary>
internal static class ImportArchiveCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The archive export: UTF-8 text, one item after another." };
        var language = new Option<string>("--lang") { Description = "The file's language.", Required = true };
        var pair = new Option<bool>("--pair") { Description = "Add the items as this language's variants of the releases already imported from the other language's file, matched by date and position within the date." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be created or added, and write nothing." };
        var review = new Option<bool>("--submit-for-review") { Description = "New texts go to review at once instead of staying drafts." };
        var publish = new Option<bool>("--publish") { Description = "Approve and publish what is imported (an editor's token)." };
        var maxTitle = new Option<int>("--max-title-length")
        {
            Description = "The service's Content__MaxTitleLength: an item without a title line is titled by its first sentence, cut to this.",
            DefaultValueFactory = _ => 300,
        };
        var command = new Command("archive", Help.Describe(
            "Imports the old site's archive export: each item a release in the file's language, or with --pair that language's variant of the release at the same date and position. "
            + "A malformed file is refused whole, with its line. Running it again changes nothing.",
            "translations import archive --lang ru archive-ru.txt && translations import archive --lang en --pair archive-en.txt"))
        {
            file, language, pair, dryRun, review, publish, maxTitle,
        };
        cli.Service.AddTo(command);
        command.SetAction((parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(file)!;
            var lang = parsed.GetValue(language)!.Trim().ToLowerInvariant();
            var attempt = new Attempt($"import {path.Name}");
            return cli.RunAsync(parsed, attempt, async (client, cancel) =>
            {
                var items = await ReadAsync(path, cancel);
                var settings = new ImportSettings(lang, parsed.GetValue(maxTitle), parsed.GetValue(dryRun), parsed.GetValue(review) || parsed.GetValue(publish), parsed.GetValue(publish));
                var existing = await ArchivePlan.ExistingAsync(client, items, cancel);
                var import = new ArchiveImport(client, settings, new ImportProgress(cli));
                var outcomes = parsed.GetValue(pair)
                    ? await import.AddVariantsAsync(items, existing, cancel)
                    : await import.CreateReleasesAsync(items, existing, cancel);
                ImportReport.Write(cli, parsed.GetValue(cli.Service.Json), path.Name, lang, settings.DryRun, outcomes);
                if (outcomes.Any(o => o.Action is ImportActions.Failed or ImportActions.Skipped))
                {
                    throw CliFailure.Refused(
                        $"{outcomes.Count(o => o.Action == ImportActions.Failed)} item(s) failed and {outcomes.Count(o => o.Action == ImportActions.Skipped)} were skipped (see above); "
                        + "correct them and run the same command again: what was imported stays as it is");
                }
            }, cancellationToken);
        });
        return command;
    }

    private static async Task<IReadOnlyList<ArchiveItem>> ReadAsync(FileInfo path, CancellationToken cancellationToken)
    {
        await using var stream = ImportFiles.OpenRead(path);
        try
        {
            return await ArchiveReader.ReadAsync(stream, cancellationToken);
        }
        catch (ArchiveFormatException malformed)
        {
            throw CliFailure.Usage($"{path.Name}, {malformed.Message}; nothing was imported");
        }
    }
}
