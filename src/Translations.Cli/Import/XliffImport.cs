using Grpc.Core;
using Translations.Cli.Hosting;
using Translations.Client;
using Translations.Interchange.Xliff;
using Translations.V1;

namespace Translations.Cli.Import;

/// <summary>
/// Carries out an XLIFF import through the public RPCs: per release, the targets become the target language's
/// variant, sent with <c>source_revision</c> from the file (a translation of an older source is stored outdated)
/// and <c>expected_revision</c> the variant's revision at export (a variant changed on the service since is a
/// conflict, never overwritten), in bulk calls of 100 (SubmitVariants). Targets equal to the stored text are
/// unchanged and not sent, so a round trip that leaves the targets untouched changes nothing.
/// </summary>
internal sealed class XliffImport(TranslationsClient client, bool dryRun, bool submitForReview, ImportProgress progress)
{
    private const int ItemsPerCall = 100;

    public async Task<IReadOnlyList<ImportOutcome>> RunAsync(XliffDocument document, CancellationToken cancellationToken)
    {
        var language = document.TargetLanguage;
        var current = (await client.GetReleasesAsync(document.Releases.Select(r => r.ReleaseId), view: ReleaseView.Draft, cancellationToken: cancellationToken))
            .ToDictionary(r => r.Id, StringComparer.Ordinal);
        var outcomes = new ImportOutcome[document.Releases.Count];
        var pending = new List<(int Index, SubmitVariantRequest Request)>();
        for (var i = 0; i < document.Releases.Count; i++)
        {
            var entry = document.Releases[i];
            var release = current.GetValueOrDefault(entry.ReleaseId);
            var outcome = new ImportOutcome(entry.Line, release?.ReleaseDate is { } date ? new DateOnly(date.Year, date.Month, date.Day) : entry.ReleaseDate,
                entry.Title.Target ?? entry.Title.Segments.FirstOrDefault()?.Source ?? "", "", entry.ReleaseId, "");
            var (decided, request) = Decide(entry, release, document, outcome);
            outcomes[i] = decided;
            if (request is not null)
            {
                pending.Add((i, request));
            }
        }
        if (dryRun || pending.Count == 0)
        {
            return outcomes;
        }
        await progress.RunAsync($"Submitting {pending.Count} {language} variants", pending.Count, async advance =>
        {
            foreach (var chunk in pending.Chunk(ItemsPerCall))
            {
                var results = await RateLimitedCalls.SendAsync(() => client.SubmitVariantsAsync(chunk.Select(p => p.Request), cancellationToken), cancellationToken);
                foreach (var (item, result) in chunk.Zip(results))
                {
                    var before = outcomes[item.Index];
                    outcomes[item.Index] = result.ResultCase == SubmitVariantOutcome.ResultOneofCase.Variant
                        ? before with { Action = before.Action == ImportActions.WouldAdd ? ImportActions.Added : ImportActions.Updated }
                        : before with { Action = ImportActions.Failed, Reason = Refusal(result.Error, item.Request) };
                }
                advance(chunk.Length);
            }
        });
        return outcomes;
    }

    private (ImportOutcome Outcome, SubmitVariantRequest? Request) Decide(XliffRelease entry, Release? release, XliffDocument document, ImportOutcome outcome)
    {
        if (release is null)
        {
            return (outcome with { Action = ImportActions.Skipped, Reason = "the release no longer exists (deleted since the export, or this token may not see it)" }, null);
        }
        if (release.SourceLanguage != document.SourceLanguage)
        {
            return (outcome with { Action = ImportActions.Failed, Reason = $"the release is written in {release.SourceLanguage}, the file's srcLang is {document.SourceLanguage}" }, null);
        }
        if (entry.Body.Segments.Count != entry.Paragraphs)
        {
            return (outcome with
            {
                Action = ImportActions.Failed,
                Reason = $"line {entry.Body.Line}: the body has {entry.Body.Segments.Count} segment(s) where {entry.Paragraphs} paragraph(s) were exported; "
                    + "a CAT tool split or joined segments: keep one segment per paragraph",
            }, null);
        }
        if (entry.IsUntranslated)
        {
            return (outcome with { Action = ImportActions.Skipped, Reason = "not translated" }, null);
        }
        if (entry.Translation(out var missing) is not { } texts)
        {
            return (outcome with { Action = ImportActions.Skipped, Reason = $"not translated: {string.Join(", ", missing)}" }, null);
        }
        var (title, lead, body) = (Normalize(texts.Title), Normalize(texts.Lead), Normalize(texts.Body));
        var source = release.Variants.Single(v => v.Language == release.SourceLanguage);
        var variant = release.Variants.FirstOrDefault(v => v.Language == document.TargetLanguage);
        var sourceChanged = source.Revision != entry.SourceRevision
            ? $"the source changed since the export ({release.SourceLanguage} r{entry.SourceRevision} -> r{source.Revision})"
            : null;
        if (variant is not null && variant.Title == title && variant.Lead == lead && variant.Body == body)
        {
            return (outcome with
            {
                Action = ImportActions.Unchanged,
                Reason = $"the service holds this translation (r{variant.Revision}){(sourceChanged is null ? "" : $"; {sourceChanged}")}",
            }, null);
        }
        var revision = variant?.Revision ?? 0;
        if (revision != entry.TargetRevision)
        {
            return (outcome with { Action = ImportActions.Failed, Reason = Conflict(entry.TargetRevision, revision, document.TargetLanguage) }, null);
        }
        var request = new SubmitVariantRequest
        {
            ReleaseId = release.Id,
            Language = document.TargetLanguage,
            Title = title,
            Lead = lead,
            Body = body,
            SourceRevision = entry.SourceRevision,
            ExpectedRevision = entry.TargetRevision,
            SubmitForReview = submitForReview,
        };
        return (outcome with
        {
            Action = variant is null ? ImportActions.WouldAdd : ImportActions.WouldUpdate,
            Reason = sourceChanged is null ? "" : $"{sourceChanged}: stored as outdated",
        }, request);
    }

    /// <summary>As the service stores texts (NFC, no white space at either end), so that an unchanged target compares equal.</summary>
    private static string Normalize(string text) => text.Normalize(System.Text.NormalizationForm.FormC).Trim();

    private static string Conflict(long exported, long current, string language) =>
        $"conflict: the {language} variant was r{exported} at the export and is r{current} now; it changed on the service since and was not overwritten: export again";

    private static string Refusal(Google.Rpc.Status error, SubmitVariantRequest request) =>
        error.Code == (int)StatusCode.Aborted
            ? $"conflict: the {request.Language} variant changed on the service since the export (expected r{request.ExpectedRevision}) and was not overwritten: export again"
            : error.Message;
}
