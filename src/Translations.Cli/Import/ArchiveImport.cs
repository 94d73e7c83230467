using Translations.Cli.Hosting;
using Translations.Client;
using Translations.Interchange.Archive;
using Translations.V1;

namespace Translations.Cli.Import;

/// <summary>
/// Carries out an archive import through the public RPCs (validation, revisions, change events and access
/// control apply): bulk calls of 100 items (CreateReleases, SubmitVariants) so the write rate limit counts a
/// call, not an item; then, with <c>--publish</c>, a review and a publication per item. A rate-limited call is
/// sent again after the wait the service asks for, so a long import slows down rather than fails.
/// </summary>
internal sealed class ArchiveImport(TranslationsClient client, ImportSettings settings, ImportProgress progress)
{
    private const int ItemsPerCall = 100;

    public async Task<IReadOnlyList<ImportOutcome>> CreateReleasesAsync(IReadOnlyList<ArchiveItem> items, Dictionary<DateOnly, List<Release>> existing,
        CancellationToken cancellationToken)
    {
        var outcomes = new ImportOutcome[items.Count];
        var pending = new List<(int Index, CreateReleaseRequest Request)>();
        for (var i = 0; i < items.Count; i++)
        {
            var create = ArchivePlan.Create(items[i], settings.Language, settings.MaxTitleLength, settings.SubmitForReview);
            var title = create.Release.Variants[0].Title;
            if (ArchivePlan.Holding(existing.GetValueOrDefault(items[i].ReleaseDate), create) is { } held)
            {
                outcomes[i] = Outcome(items[i], title, ImportActions.Unchanged, held.Id, "the service already holds this text");
            }
            else if (pending.FirstOrDefault(p => p.Request.RequestId == create.RequestId) is { Request: not null } twin)
            {
                outcomes[i] = Outcome(items[i], title, ImportActions.Skipped, null, $"the same item as line {items[twin.Index].Line}");
            }
            else
            {
                pending.Add((i, create));
                outcomes[i] = Outcome(items[i], title, ImportActions.WouldCreate, null, "");
            }
        }
        if (settings.DryRun || pending.Count == 0)
        {
            return outcomes;
        }
        await progress.RunAsync($"Creating {pending.Count} releases", pending.Count, async advance =>
        {
            foreach (var chunk in pending.Chunk(ItemsPerCall))
            {
                var results = await RateLimitedCalls.SendAsync(() => client.CreateReleasesAsync(chunk.Select(p => p.Request), cancellationToken), cancellationToken);
                foreach (var (pendingItem, result) in chunk.Zip(results))
                {
                    var item = items[pendingItem.Index];
                    var title = pendingItem.Request.Release.Variants[0].Title;
                    outcomes[pendingItem.Index] = result.ResultCase == CreateReleaseOutcome.ResultOneofCase.Release
                        ? Outcome(item, title, ImportActions.Created, result.Release.Id, "")
                        : Outcome(item, title, ImportActions.Failed, null, result.Error.Message);
                    if (settings.Publish && result.ResultCase == CreateReleaseOutcome.ResultOneofCase.Release)
                    {
                        outcomes[pendingItem.Index] = await PublishAsync(outcomes[pendingItem.Index], result.Release.Id, result.Release.Variants[0].Revision, cancellationToken);
                    }
                }
                advance(chunk.Length);
            }
        });
        return outcomes;
    }

    public async Task<IReadOnlyList<ImportOutcome>> AddVariantsAsync(IReadOnlyList<ArchiveItem> items, Dictionary<DateOnly, List<Release>> existing,
        CancellationToken cancellationToken)
    {
        var outcomes = new ImportOutcome[items.Count];
        var pending = new List<(int Index, SubmitVariantRequest Request)>();
        foreach (var date in items.Select((item, index) => (item, index)).GroupBy(x => x.item.ReleaseDate))
        {
            // Releases imported from another language's file: the ones this file's items are paired with.
            var releases = existing.GetValueOrDefault(date.Key)?.Where(r => r.SourceLanguage != settings.Language).ToList() ?? [];
            var onDate = date.ToList();
            for (var position = 0; position < onDate.Count; position++)
            {
                var (item, index) = onDate[position];
                var title = item.TitleOrFirstSentence(settings.MaxTitleLength);
                if (releases.Count != onDate.Count)
                {
                    outcomes[index] = Outcome(item, title, ImportActions.Skipped, null,
                        $"{date.Key:dd.MM.yyyy} has {onDate.Count} item(s) in this file and {releases.Count} release(s) in another language on the service; not matched");
                    continue;
                }
                var add = ArchivePlan.Add(item, releases[position], settings.Language, settings.MaxTitleLength, settings.SubmitForReview);
                if (ArchivePlan.Holds(releases[position], add))
                {
                    outcomes[index] = Outcome(item, title, ImportActions.Unchanged, add.ReleaseId, "the service already holds this text");
                    continue;
                }
                pending.Add((index, add));
                outcomes[index] = Outcome(item, title, ImportActions.WouldAdd, add.ReleaseId, "");
            }
        }
        if (settings.DryRun || pending.Count == 0)
        {
            return outcomes;
        }
        await progress.RunAsync($"Adding {pending.Count} {settings.Language} variants", pending.Count, async advance =>
        {
            foreach (var chunk in pending.Chunk(ItemsPerCall))
            {
                var results = await RateLimitedCalls.SendAsync(() => client.SubmitVariantsAsync(chunk.Select(p => p.Request), cancellationToken), cancellationToken);
                foreach (var (pendingItem, result) in chunk.Zip(results))
                {
                    var before = outcomes[pendingItem.Index];
                    outcomes[pendingItem.Index] = result.ResultCase == SubmitVariantOutcome.ResultOneofCase.Variant
                        ? before with { Action = ImportActions.Added }
                        : before with { Action = ImportActions.Failed, Reason = result.Error.Message };
                    if (settings.Publish && result.ResultCase == SubmitVariantOutcome.ResultOneofCase.Variant)
                    {
                        outcomes[pendingItem.Index] = await PublishAsync(outcomes[pendingItem.Index], pendingItem.Request.ReleaseId, result.Variant.Revision, cancellationToken);
                    }
                }
                advance(chunk.Length);
            }
        });
        return outcomes;
    }

    /// <summary>Approves the revision just imported (it went to review) and publishes it.</summary>
    private async Task<ImportOutcome> PublishAsync(ImportOutcome imported, string releaseId, long revision, CancellationToken cancellationToken)
    {
        try
        {
            await RateLimitedCalls.SendAsync(() => client.ReviewVariantAsync(new ReviewVariantRequest
            {
                ReleaseId = releaseId, Language = settings.Language, ExpectedRevision = revision, Decision = ReviewDecision.Approve,
            }, cancellationToken), cancellationToken);
            await RateLimitedCalls.SendAsync(() => client.PublishReleaseAsync(new PublishReleaseRequest { Id = releaseId, Languages = { settings.Language } }, cancellationToken), cancellationToken);
            return imported with { Reason = "published" };
        }
        catch (TranslationsException refused)
        {
            return imported with { Action = ImportActions.Failed, Reason = $"imported but not published: {refused.Message}" };
        }
    }

    private static ImportOutcome Outcome(ArchiveItem item, string title, string action, string? releaseId, string reason) =>
        new(item.Line, item.ReleaseDate, title, action, releaseId, reason);
}
