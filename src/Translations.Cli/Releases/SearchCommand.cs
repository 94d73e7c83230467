using System.CommandLine;
using Spectre.Console;
using Translations.Cli.Hosting;
using Translations.Client;
using Translations.V1;

namespace Translations.Cli.Releases;

/// <summary>
/// <c>translations search QUERY --lang ru [--view draft|published] [--limit N] [--from --to --category --tag]</c>:
/// the releases whose words match, best first, the matched words highlighted.
/// </summary>
internal static class SearchCommand
{
    /// <summary>The most hits one search returns (SearchReleasesRequest.limit).</summary>
    private const int MaxLimit = 1000;

    private static readonly string[] Views = ["published", "draft"];

    public static Command Create(CliContext cli)
    {
        var query = new Argument<string>("QUERY")
        {
            Description = "What to look for: words (in any form), \"quoted phrases\", -excluded words, OR between alternatives.",
        };
        var language = new Option<string>("--lang") { Description = "The language of the variants searched; the words are read by its rules.", Required = true };
        var view = new Option<string?>("--view")
        {
            HelpName = "published|draft",
            Description = "published (the default: what readers see) or draft (the current text of every variant; translators, editors).",
        };
        var draft = new Option<bool>("--draft") { Description = "The same as --view draft, as in `query` and `get`." };
        var limit = new Option<int?>("--limit") { Description = $"At most this many releases (default {TranslationsClient.DefaultSearchLimit}, at most {MaxLimit})." };
        var filters = new ReleaseFilterOptions();
        var command = new Command("search", Help.Describe(
            "Finds releases by the words of their variants in one language, best first: the date, id and title of each, and an "
            + "extract of its text around the words found, highlighted (bold and reversed on a terminal, *between asterisks* otherwise). "
            + "Words match in any inflected form; case and ё/е do not matter; very common words are skipped.",
            "translations search \"учения ОДКБ\" --lang ru"))
        {
            query, language, view, draft, limit,
        };
        filters.AddTo(command);
        cli.Service.AddTo(command);
        limit.Validators.Add(result =>
        {
            if (result.GetValue(limit) is < 1 or > MaxLimit)
            {
                result.AddError($"--limit must be between 1 and {MaxLimit}.");
            }
        });
        view.Validators.Add(result =>
        {
            if (result.GetValue(view) is { } name && !Views.Contains(name))
            {
                result.AddError($"--view '{name}' is not a view; use published or draft.");
            }
        });
        command.Validators.Add(result =>
        {
            if (result.GetValue(draft) && result.GetValue(view) == "published")
            {
                result.AddError("--draft and --view published contradict each other; give one of them.");
            }
        });
        command.SetAction((parsed, cancellationToken) =>
        {
            var lang = parsed.GetValue(language)!;
            return cli.RunAsync(parsed, new Attempt($"search the {lang} releases", Language: lang), async (client, cancel) =>
            {
                var request = new SearchReleasesRequest
                {
                    Query = parsed.GetValue(query) ?? "",
                    Language = lang,
                    View = parsed.GetValue(draft) || parsed.GetValue(view) == "draft" ? ReleaseView.Draft : ReleaseView.Published,
                    Limit = parsed.GetValue(limit) ?? 0,
                    Filter = filters.Read(parsed),
                };
                var json = parsed.GetValue(cli.Service.Json);
                var count = 0;
                await foreach (var found in client.SearchReleasesAsync(request, cancel))
                {
                    if (json)
                    {
                        cli.Json(found.Hit);
                    }
                    else
                    {
                        SearchHits.Show(cli.Console, found.Hit);
                    }
                    count++;
                }
                if (!json)
                {
                    cli.Console.WriteLine(SearchHits.Summary(count, request.Limit == 0 ? TranslationsClient.DefaultSearchLimit : request.Limit, MaxLimit));
                }
            }, cancellationToken);
        });
        return command;
    }
}
