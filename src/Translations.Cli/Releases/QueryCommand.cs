using System.CommandLine;
using Spectre.Console;
using Translations.Cli.Hosting;
using Translations.V1;

namespace Translations.Cli.Releases;

/// <summary><c>translations query [--from --to --category --tag --has-lang --missing-lang --limit] [--draft]</c>: releases matching a filter.</summary>
internal static class QueryCommand
{
    public static Command Create(CliContext cli)
    {
        var filters = new ReleaseFilterOptions();
        var hasLanguage = new Option<string?>("--has-lang") { Description = "Only releases with a variant in this language." };
        var missingLanguage = new Option<string?>("--missing-lang") { Description = "Only releases without a variant in this language." };
        var limit = new Option<int?>("--limit") { Description = "At most this many releases." };
        var language = new Option<string?>("--lang") { Description = "Serve this language's variant (or the fallback for it) instead of every variant." };
        var oldestFirst = new Option<bool>("--oldest-first") { Description = "Oldest release date first (default: newest first)." };
        var draft = new Option<bool>("--draft") { Description = "The draft view: unpublished releases and the latest revision of every variant (translators, editors)." };
        var command = new Command("query", Help.Describe(
            "Lists the releases that match a filter, newest first (the client resumes a broken stream where it stopped).",
            "translations query --from 2024-01-01 --missing-lang en --draft --limit 20"));
        filters.AddTo(command);
        foreach (var option in new Option[] { hasLanguage, missingLanguage, limit, language, oldestFirst, draft })
        {
            command.Options.Add(option);
        }
        cli.Service.AddTo(command);
        limit.Validators.Add(result =>
        {
            if (result.GetValue(limit) is <= 0)
            {
                result.AddError("--limit must be 1 or more.");
            }
        });
        command.SetAction((parsed, cancellationToken) => cli.RunAsync(parsed, new Attempt("query releases"), async (client, cancel) =>
        {
            var filter = filters.Read(parsed);
            filter.HasLanguage = parsed.GetValue(hasLanguage) ?? "";
            filter.MissingLanguage = parsed.GetValue(missingLanguage) ?? "";
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
}
