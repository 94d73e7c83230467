using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Translations.Cli.Hosting;

namespace Translations.Cli.Import;

/// <summary>The end of every import: a table of what happened to each item (or one JSON object per item) and a summary line with the counts.</summary>
internal static class ImportReport
{
    public static void Write(CliContext cli, bool json, string file, string language, bool dryRun, IReadOnlyList<ImportOutcome> outcomes)
    {
        var counts = new[] { ImportActions.Created, ImportActions.Added, ImportActions.Updated, ImportActions.WouldCreate, ImportActions.WouldAdd, ImportActions.WouldUpdate, ImportActions.Unchanged, ImportActions.Skipped, ImportActions.Failed }
            .Select(action => (Action: action, Count: outcomes.Count(o => o.Action == action)))
            .Where(c => c.Count > 0 || c.Action is ImportActions.Unchanged or ImportActions.Skipped or ImportActions.Failed)
            .ToList();
        if (json)
        {
            foreach (var outcome in outcomes)
            {
                cli.Output.WriteLine(JsonSerializer.Serialize(new
                {
                    line = outcome.Line, releaseDate = outcome.ReleaseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), title = outcome.Title, action = outcome.Action,
                    releaseId = outcome.ReleaseId, reason = outcome.Reason,
                }));
            }
            cli.Output.WriteLine(JsonSerializer.Serialize(new { summary = counts.ToDictionary(c => c.Action, c => c.Count), dryRun }));
            return;
        }
        var table = Words.Table("Line", "Date", "Title", dryRun ? "Would" : "Done", "Release", "Why");
        foreach (var outcome in outcomes)
        {
            table.AddRow(outcome.Line.ToString(CultureInfo.InvariantCulture), outcome.ReleaseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
                Markup.Escape(Words.Shorten(outcome.Title, 50)), Markup.Escape(outcome.Action), Markup.Escape(outcome.ReleaseId ?? "-"), Markup.Escape(outcome.Reason));
        }
        cli.Console.Write(table);
        cli.Console.MarkupLine(Markup.Escape(
            $"{(dryRun ? "Dry run, nothing written: " : "Imported ")}{file} ({language}): {string.Join(", ", counts.Select(c => $"{c.Count} {c.Action}"))}."));
    }
}
