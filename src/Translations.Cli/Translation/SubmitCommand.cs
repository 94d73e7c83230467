using System.CommandLine;
using Spectre.Console;
using Translations.Cli.Hosting;
using Translations.Client;
using Translations.V1;

namespace Translations.Cli.Translation;

/// <summary><c>translations submit ID --lang en --file text.md [--review] [--from-task]</c>: a new revision of a variant from a file.</summary>
internal static class SubmitCommand
{
    public static Command Create(CliContext cli)
    {
        var id = new Argument<string>("ID") { Description = "The release's id." };
        var language = new Option<string>("--lang") { Description = "The variant's language.", Required = true };
        var file = new Option<FileInfo>("--file")
        {
            Description = "A plain text or Markdown file: the title on the first line, the lead after the first blank line, the body after the next one.",
            Required = true,
        };
        var review = new Option<bool>("--review") { Description = "Send the new revision to review at once instead of keeping it a draft." };
        var fromTask = new Option<bool>("--from-task") { Description = "Translated from the source revision of this release's translation task (fails if there is none)." };
        var sourceRevision = new Option<long?>("--source-revision") { Description = "The source revision translated from (default: the current one)." };
        var expectedRevision = new Option<long?>("--expected-revision")
        {
            Description = "The variant's revision this replaces, 0 for a new variant (default: read the current draft revision first).",
        };
        var command = new Command("submit", Help.Describe(
            "Stores a new revision of a variant from a file and shows the stored revision and its state.",
            "translations submit 0f8fad5bd9cb469fa16570867728950e --lang en --file summit.en.md --from-task --review"))
        {
            id, language, file, review, fromTask, sourceRevision, expectedRevision,
        };
        cli.Service.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(fromTask) && result.GetValue(sourceRevision) is not null)
            {
                result.AddError("Give --from-task or --source-revision, not both.");
            }
        });
        command.SetAction((parsed, cancellationToken) =>
        {
            var release = parsed.GetValue(id)!;
            var target = parsed.GetValue(language)!;
            var attempt = new Attempt($"submit {target} of {release}", release, target, OnConflict: "and resubmit");
            return cli.RunAsync(parsed, attempt, async (client, cancel) =>
            {
                var texts = VariantFile.Read(parsed.GetValue(file)!.FullName);
                var source = parsed.GetValue(sourceRevision)
                    ?? (parsed.GetValue(fromTask) ? await TaskSourceRevisionAsync(client, release, target, cancel) : 0);
                var expected = parsed.GetValue(expectedRevision) ?? await CurrentRevisionAsync(client, release, target, cancel);
                var response = await client.SubmitVariantAsync(new SubmitVariantRequest
                {
                    ReleaseId = release,
                    Language = target,
                    Title = texts.Title,
                    Lead = texts.Lead,
                    Body = texts.Body,
                    SourceRevision = source,
                    ExpectedRevision = expected,
                    SubmitForReview = parsed.GetValue(review),
                }, cancel);
                if (parsed.GetValue(cli.Service.Json))
                {
                    cli.Json(response);
                    return;
                }
                var variant = response.Variant;
                cli.Console.MarkupLine(
                    $"Submitted {Markup.Escape(target)} of {Markup.Escape(release)}: revision {variant.Revision} "
                    + $"({(expected == 0 ? "a new variant" : $"replaced revision {expected}")}), "
                    + $"{Markup.Escape(Words.State(variant.State))}, translated from source revision {variant.SourceRevision}.");
            }, cancellationToken);
        });
        return command;
    }

    /// <summary>The revision of the variant as it stands (draft view), 0 when the release has none in that language.</summary>
    public static async Task<long> CurrentRevisionAsync(TranslationsClient client, string releaseId, string language, CancellationToken cancellationToken)
    {
        var release = await client.GetReleaseAsync(releaseId, language: null, ReleaseView.Draft, cancellationToken)
            ?? throw CliFailure.Refused($"there is no release {releaseId} (or this token may not see it); check the id, e.g. with `translations tasks --lang {language}`");
        return release.Variants.FirstOrDefault(v => v.Language == language)?.Revision ?? 0;
    }

    private static async Task<long> TaskSourceRevisionAsync(TranslationsClient client, string releaseId, string language, CancellationToken cancellationToken)
    {
        await foreach (var task in client.ListTranslationTasksAsync(language, cancellationToken))
        {
            if (task.ReleaseId == releaseId)
            {
                return task.Source.Revision;
            }
        }
        throw CliFailure.Refused(
            $"release {releaseId} has no translation task for {language} (its {language} variant is up to date or waiting for review); "
            + $"see `translations tasks --lang {language}`, or submit without --from-task");
    }
}
