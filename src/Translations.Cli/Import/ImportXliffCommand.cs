using System.CommandLine;
using Translations.Cli.Hosting;
using Translations.Interchange.Xliff;

namespace Translations.Cli.Import;

/// <summary><c>translations import xliff FILE</c>: the translations of a file written by <c>translations export xliff</c>.</summary>
internal static class ImportXliffCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "An XLIFF 2.0 file written by `translations export xliff`, translated in a CAT tool." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be added or updated, and write nothing." };
        var review = new Option<bool>("--submit-for-review") { Description = "The translations go to review at once instead of staying drafts." };
        var command = new Command("xliff", Help.Describe(
            "Submits each release's targets as the variant in the file's target language, translated from the source revision the file was exported with "
            + "(a source changed since makes it outdated). A release whose targets are untouched, not all translated, or deleted on the service is reported, "
            + "and a variant changed on the service since the export is a conflict, never overwritten. A malformed file is refused whole, with its line.",
            "translations import xliff en.xlf --dry-run"))
        {
            file, dryRun, review,
        };
        cli.Service.AddTo(command);
        command.SetAction((parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(file)!;
            return cli.RunAsync(parsed, new Attempt($"import {path.Name}"), async (client, cancel) =>
            {
                var document = await ReadAsync(path, cancel);
                var import = new XliffImport(client, parsed.GetValue(dryRun), parsed.GetValue(review), new ImportProgress(cli));
                var outcomes = await import.RunAsync(document, cancel);
                ImportReport.Write(cli, parsed.GetValue(cli.Service.Json), path.Name, document.TargetLanguage, parsed.GetValue(dryRun), outcomes);
                var failed = outcomes.Count(o => o.Action == ImportActions.Failed);
                if (failed > 0)
                {
                    throw CliFailure.Refused($"{failed} release(s) failed (see above); what was imported stays as it is: export those releases again and translate them there");
                }
            }, cancellationToken);
        });
        return command;
    }

    private static async Task<XliffDocument> ReadAsync(FileInfo path, CancellationToken cancellationToken)
    {
        await using var stream = ImportFiles.OpenRead(path);
        try
        {
            return await XliffReader.ReadAsync(stream, cancellationToken);
        }
        catch (XliffFormatException malformed)
        {
            throw CliFailure.Usage($"{path.Name}, {malformed.Message}; nothing was imported");
        }
    }
}
