using System.CommandLine;
using System.Globalization;
using Translations.Cli.Hosting;
using Translations.Client;
using Translations.V1;

namespace Translations.Cli.Changes;

/// <summary>
/// <c>translations watch [--after N] [--lang] [--type]</c>: change events as they come, one line each; resumes
/// by itself after a dropped connection, and on Ctrl+C says where the next run continues.
/// </summary>
internal static class WatchCommand
{
    public static Command Create(CliContext cli)
    {
        var after = new Option<long?>("--after") { Description = "Start right after this sequence (what a stopped watch printed); default: from now." };
        var languages = new Option<string[]>("--lang") { Description = "Only events of this language; repeat for several." };
        var types = new Option<string[]>("--type") { Description = $"Only events of this type; repeat for several: {string.Join(", ", EventTypes.Keys)}." };
        var categories = new Option<string[]>("--category") { Description = "Only events of releases in this category; repeat for several." };
        var draft = new Option<bool>("--draft") { Description = "Every change, drafts and reviews included (translators, editors); default: what readers may see." };
        var command = new Command("watch", Help.Describe(
            "Prints change events as they happen, one line each: sequence, time, type, release id, language, revision, actor. "
            + "Resumes by itself after a dropped connection; Ctrl+C prints the sequence to continue after.",
            "translations watch --draft --lang en --after 1207"))
        {
            after, languages, types, categories, draft,
        };
        cli.Service.AddTo(command);
        types.Validators.Add(result =>
        {
            foreach (var type in result.GetValue(types) ?? [])
            {
                if (!EventTypes.ContainsKey(Normal(type)))
                {
                    result.AddError($"--type '{type}' is not an event type; use one of {string.Join(", ", EventTypes.Keys)}.");
                }
            }
        });
        after.Validators.Add(result =>
        {
            if (result.GetValue(after) is < 0)
            {
                result.AddError("--after must be 0 or more.");
            }
        });
        command.SetAction((parsed, cancellationToken) => cli.RunAsync(parsed, new Attempt("watch changes"), async (client, cancel) =>
        {
            var request = new WatchReleasesRequest
            {
                Languages = { parsed.GetValue(languages) ?? [] },
                Categories = { parsed.GetValue(categories) ?? [] },
                EventTypes = { (parsed.GetValue(types) ?? []).Select(t => EventTypes[Normal(t)]).Distinct() },
                View = parsed.GetValue(draft) ? ReleaseView.Draft : ReleaseView.Published,
            };
            if (parsed.GetValue(after) is { } sequence)
            {
                request.AfterSequence = sequence;
            }
            var watch = client.Watch(request);
            watch.Resuming += (why, pause) => cli.Error.WriteLine(
                $"connection lost ({why.Message.Trim().TrimEnd('.')}); resuming after sequence {watch.LastSequence?.ToString(CultureInfo.InvariantCulture) ?? "(none yet)"} "
                + $"in {pause.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
            var json = parsed.GetValue(cli.Service.Json);
            try
            {
                await foreach (var change in watch.WithCancellation(cancel))
                {
                    if (json)
                    {
                        cli.Json(change);
                    }
                    else
                    {
                        cli.Output.WriteLine(Line(change));
                    }
                }
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                cli.Error.WriteLine(watch.LastSequence is { } last
                    ? $"Stopped after sequence {last}. Continue with: translations watch --after {last}{Filters(parsed, languages, types, categories, draft)}"
                    : "Stopped before the service said where the watch starts.");
            }
        }, cancellationToken));
        return command;
    }

    /// <summary>The names --type takes (variant-submitted, …), each with its event type.</summary>
    private static readonly Dictionary<string, ReleaseEventType> EventTypes = Enum.GetValues<ReleaseEventType>()
        .Where(type => type != ReleaseEventType.Unspecified)
        .ToDictionary(Words.EventType, type => type, StringComparer.Ordinal);

    /// <summary>variant-submitted, VARIANT_SUBMITTED and RELEASE_EVENT_TYPE_VARIANT_SUBMITTED alike.</summary>
    private static string Normal(string type)
    {
        var name = type.Trim().ToLowerInvariant().Replace('_', '-');
        return name.StartsWith("release-event-type-", StringComparison.Ordinal) ? name["release-event-type-".Length..] : name;
    }

    public static string Line(ReleaseEvent change) => string.Join("  ",
        change.Sequence.ToString(CultureInfo.InvariantCulture).PadLeft(6),
        Words.Time(change.Time),
        Words.EventType(change.Type).PadRight(23),
        change.ReleaseId,
        (change.Language.Length > 0 ? change.Language : "-").PadRight(3),
        Words.Revision(change.Revision).PadRight(4),
        change.Actor).TrimEnd();

    /// <summary>The filters of this run, so that the continuation watches the same events.</summary>
    private static string Filters(ParseResult parsed, Option<string[]> languages, Option<string[]> types, Option<string[]> categories, Option<bool> draft) =>
        string.Concat((parsed.GetValue(languages) ?? []).Select(l => $" --lang {l}"))
        + string.Concat((parsed.GetValue(types) ?? []).Select(t => $" --type {Normal(t)}"))
        + string.Concat((parsed.GetValue(categories) ?? []).Select(c => $" --category {c}"))
        + (parsed.GetValue(draft) ? " --draft" : "");
}
