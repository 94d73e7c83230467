using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Translations.Cli.Hosting;
using Translations.V1;

namespace Translations.Cli.Releases;

/// <summary><c>translations query [--from --to --category --tag --has-lang --missing-lang --limit] [--draft]</c>: releases matching a filter.</summary>
internal static class QueryCommand
{
    public static Command Create(CliContext cli)
    {
        var from = new Option<string?>("--from") { Description = "Released on or after this date (yyyy-MM-dd)." };
        var to = new Option<string?>("--to") { Description = "Released on or before this date (yyyy-MM-dd)." };
        var categories = new Option<string[]>("--category") { Description = "In this category; repeat for any of several." };
        var tags = new Option<string[]>("--tag") { Description = "With this tag; repeat for any of several." };
        var hasLanguage = new Option<string?>("--has-lang") { Description = "Only releases with a variant in this language." };
        var missingLanguage = new Option<string?>("--missing-lang") { Description = "Only releases without a variant in this language." };
        var limit = new Option<int?>("--limit") { Description = "At most this many releases." };
        var language = new Option<string?>("--lang") { Description = "Serve this language's variant (or the fallback for it) instead of every variant." };
        var oldestFirst = new Option<bool>("--oldest-first") { Description = "Oldest release date first (default: newest first)." };
        var draft = new Option<bool>("--draft") { Description = "The draft view: unpublished releases and the latest revision of every variant (translators, editors)." };
        var command = new Command("query", Help.Describe(
            "Lists the releases that match a filter, newest first (the client resumes a broken stream where it stopped).",
            "translations query --from 2024-01-01 --missing-lang en --draft --limit 20"))
        {
            from, to, categories, tags, hasLanguage, missingLanguage, limit, language, oldestFirst, draft,
        };
        cli.Service.AddTo(command);
        limit.Validators.Add(result =>
        {
            if (result.GetValue(limit) is <= 0)
            {
                result.AddError("--limit must be 1 or more.");
            }
        });
        from.Validators.Add(result => CheckDate(result, from));
        to.Validators.Add(result => CheckDate(result, to));
        command.SetAction((parsed, cancellationToken) => cli.RunAsync(parsed, new Attempt("query releases"), async (client, cancel) =>
        {
            var filter = new ReleaseFilter
            {
                ReleaseDateFrom = Date(parsed.GetValue(from)),
                ReleaseDateTo = Date(parsed.GetValue(to)),
                Categories = { parsed.GetValue(categories) ?? [] },
                Tags = { parsed.GetValue(tags) ?? [] },
                HasLanguage = parsed.GetValue(hasLanguage) ?? "",
                MissingLanguage = parsed.GetValue(missingLanguage) ?? "",
            };
            var request = new QueryReleasesRequest
            {
                Filter = filter,
                Limit = parsed.GetValue(limit) ?? 0,
                Language = parsed.GetValue(language) ?? "",
                Order = parsed.GetValue(oldestFirst) ? ReleaseOrder.ReleaseDateAscending : ReleaseOrder.ReleaseDateDescending,
                View = parsed.GetValue(draft) ? ReleaseView.Draft : ReleaseView.Published,
            };
            if (parsed.GetValue(cli.Service.Json))
            {
                await foreach (var release in client.QueryReleasesAsync(request, cancel))
                {
                    cli.Json(release);
                }
                return;
            }
            var found = new List<Release>();
            await foreach (var release in client.QueryReleasesAsync(request, cancel))
            {
                found.Add(release);
            }
            if (found.Count == 0)
            {
                cli.Console.WriteLine("No release matches.");
                return;
            }
            cli.Console.Write(ReleaseTables.List(found));
        }, cancellationToken));
        return command;
    }

    private static void CheckDate(System.CommandLine.Parsing.OptionResult result, Option<string?> option)
    {
        if (result.GetValue(option) is { } text && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            result.AddError($"{option.Name} '{text}' is not a date like 2024-04-24.");
        }
    }

    private static Google.Type.Date? Date(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture) is var date
            ? new Google.Type.Date { Year = date.Year, Month = date.Month, Day = date.Day } : null;
}
