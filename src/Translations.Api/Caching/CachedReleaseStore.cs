using Microsoft.Extensions.Caching.Hybrid;
using Translations.Releases;
using Translations.Storage;

namespace Translations.Caching;

/// <summary>
/// The release store behind a two-level cache (HybridCache: process memory, then Redis). A release is
/// cached in the shape each read needs: all variants, or the one variant a reader of a language gets
/// after fallback. Concurrent misses of one key cause one storage read (HybridCache's stampede
/// protection); batch reads fetch all their misses in one storage query. Every write evicts the
/// release's entries and raises its revision watermark before it is acknowledged, so the replica
/// that wrote reads its own write; other replicas learn of it from the change feed
/// (<see cref="ChangeFeedInvalidator"/>). Streams, revision histories, translation and review tasks are not cached.
/// </summary>
public sealed class CachedReleaseStore(
    IReleaseStore inner,
    HybridCache cache,
    ReleaseCacheKeys keys,
    RevisionWatermarks watermarks,
    CacheMetrics metrics,
    bool localCacheEnabled) : IReleaseStore
{
    private static readonly HybridCacheEntryOptions LookupOnly = new() { Flags = HybridCacheEntryFlags.DisableUnderlyingData };

    private static readonly HybridCacheEntryOptions LocalLookupOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableDistributedCache,
    };

    public async Task<Release?> GetReleaseAsync(string id, string? language, ReleaseView view, CancellationToken cancellationToken)
    {
        var key = ReleaseCacheKeys.For(id, language, view);
        using var caller = CallActivities.Register(key);
        var entry = await LocalEntryAsync(key, cancellationToken)
            ?? await cache.GetOrCreateAsync(key, (Store: this, Key: key, Id: id, Language: language, View: view),
                static async (state, ct) =>
                {
                    // Run without this call's execution context, like HybridCache's Redis reads: the
                    // database's spans, too, belong to the call that registered above.
                    using var call = CallActivities.Enter(state.Key);
                    return await state.Store.ReadThroughAsync(state.Id, state.Language, state.View, ct);
                }, cancellationToken: cancellationToken);
        if (watermarks.IsStale(entry, id))
        {
            // A read that began before a write finished after it: refuse the old revision and evict it.
            await cache.RemoveAsync(key, cancellationToken);
            entry = await ReadThroughAsync(id, language, view, cancellationToken);
            if (!watermarks.IsStale(entry, id))
            {
                await cache.SetAsync(key, entry, cancellationToken: cancellationToken);
            }
        }
        return entry.Release;
    }

    public async Task<string?> FindReleaseIdBySlugAsync(string slug, CancellationToken cancellationToken)
    {
        var key = ReleaseCacheKeys.ForSlug(slug);
        var cached = await cache.GetOrCreateAsync<string?>(key, _ => ValueTask.FromResult<string?>(null), LookupOnly, cancellationToken: cancellationToken);
        // A slug can move to another release: trust the cached id only while that release still has it.
        if (cached is not null && (await GetReleaseAsync(cached, null, ReleaseView.Draft, cancellationToken))?.Slug == slug)
        {
            return cached;
        }
        var id = await inner.FindReleaseIdBySlugAsync(slug, cancellationToken);
        if (id is null)
        {
            await cache.RemoveAsync(key, cancellationToken);
        }
        else
        {
            await cache.SetAsync(key, id, cancellationToken: cancellationToken);
        }
        return id;
    }

    public async Task<IReadOnlyList<Release>> GetReleasesAsync(IReadOnlyCollection<string> ids, string? language, ReleaseView view, CancellationToken cancellationToken)
    {
        // All ids are looked up at once, so the Redis reads of the L1 misses go out pipelined.
        var cached = await Task.WhenAll(ids.Select(id => CachedOnlyAsync(id, language, view, cancellationToken).AsTask()));
        var found = cached.Where(e => e?.Release is not null).Select(e => e!.Release!).ToList();
        var misses = ids.Where((_, i) => cached[i] is null).ToList();
        if (misses.Count > 0)
        {
            metrics.StorageReads.Add(1);
            var loaded = (await inner.GetReleasesAsync(misses, language, view, cancellationToken)).ToDictionary(r => r.Id);
            foreach (var id in misses)
            {
                var entry = new ReleaseEntry(loaded.GetValueOrDefault(id));
                if (!watermarks.IsStale(entry, id))
                {
                    await cache.SetAsync(ReleaseCacheKeys.For(id, language, view), entry, cancellationToken: cancellationToken);
                }
                if (entry.Release is { } release)
                {
                    found.Add(release);
                }
            }
        }
        return found;
    }

    public IAsyncEnumerable<Release> QueryReleasesAsync(ReleaseQuery query, CancellationToken cancellationToken) =>
        inner.QueryReleasesAsync(query, cancellationToken);

    public IAsyncEnumerable<TranslationTask> ListTranslationTasksAsync(string targetLanguage, CancellationToken cancellationToken) =>
        inner.ListTranslationTasksAsync(targetLanguage, cancellationToken);

    public IAsyncEnumerable<ReviewTask> ListReviewTasksAsync(string? language, CancellationToken cancellationToken) =>
        inner.ListReviewTasksAsync(language, cancellationToken);

    public IAsyncEnumerable<Variant> ListVariantRevisionsAsync(string releaseId, string language, CancellationToken cancellationToken) =>
        inner.ListVariantRevisionsAsync(releaseId, language, cancellationToken);

    /// <summary>A new id cannot be in any cache yet, so there is nothing to evict.</summary>
    public Task<Release> CreateReleaseAsync(NewRelease release, WriteContext context, CancellationToken cancellationToken) =>
        inner.CreateReleaseAsync(release, context, cancellationToken);

    public async Task<Release> UpdateReleaseAsync(ReleaseMetadataChange change, WriteContext context, CancellationToken cancellationToken)
    {
        var updated = await inner.UpdateReleaseAsync(change, context, cancellationToken);
        await ChangedAsync(updated.Id, updated.Revision);
        return updated;
    }

    public async Task<long> DeleteReleaseAsync(string id, long expectedRevision, WriteContext context, CancellationToken cancellationToken)
    {
        var revision = await inner.DeleteReleaseAsync(id, expectedRevision, context, cancellationToken);
        await ChangedAsync(id, revision);
        return revision;
    }

    public async Task<SubmittedVariant> SubmitVariantAsync(VariantSubmission submission, WriteContext context, CancellationToken cancellationToken)
    {
        var submitted = await inner.SubmitVariantAsync(submission, context, cancellationToken);
        await ChangedAsync(submission.ReleaseId, submitted.ReleaseRevision);
        return submitted;
    }

    public async Task<SubmittedVariant> ReviewVariantAsync(VariantReview review, WriteContext context, CancellationToken cancellationToken)
    {
        var reviewed = await inner.ReviewVariantAsync(review, context, cancellationToken);
        await ChangedAsync(review.ReleaseId, reviewed.ReleaseRevision);
        return reviewed;
    }

    public async Task<SubmittedVariant> SendToReviewAsync(VariantToReview request, WriteContext context, CancellationToken cancellationToken)
    {
        var sent = await inner.SendToReviewAsync(request, context, cancellationToken);
        await ChangedAsync(request.ReleaseId, sent.ReleaseRevision);
        return sent;
    }

    public async Task<PublicationResult> PublishAsync(Publication publication, WriteContext context, CancellationToken cancellationToken)
    {
        var result = await inner.PublishAsync(publication, context, cancellationToken);
        await ChangedAsync(result.Release.Id, result.Release.Revision);
        return result;
    }

    public Task<ScheduledCounts> CountScheduledPublicationsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.CountScheduledPublicationsAsync(now, cancellationToken);

    public async Task<DuePublication?> PublishNextDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = await inner.PublishNextDueAsync(now, cancellationToken);
        if (due?.Published is { } release)
        {
            await ChangedAsync(release.Id, release.Revision);
        }
        return due;
    }

    public async Task<Release> UnpublishAsync(string releaseId, string language, WriteContext context, CancellationToken cancellationToken)
    {
        var release = await inner.UnpublishAsync(releaseId, language, context, cancellationToken);
        await ChangedAsync(release.Id, release.Revision);
        return release;
    }

    /// <summary>Evicts every cached shape of a release, from L1 and Redis (or later, if Redis is away).</summary>
    public async Task EvictAsync(string id, CancellationToken cancellationToken)
    {
        foreach (var key in keys.AllFor(id))
        {
            await cache.RemoveAsync(key, cancellationToken);
        }
    }

    /// <summary>A fresh entry from L1 or Redis, or null: never reads storage.</summary>
    private async ValueTask<ReleaseEntry?> CachedOnlyAsync(string id, string? language, ReleaseView view, CancellationToken cancellationToken)
    {
        var key = ReleaseCacheKeys.For(id, language, view);
        var entry = await LocalEntryAsync(key, cancellationToken)
            ?? await cache.GetOrCreateAsync<ReleaseEntry?>(key, _ => ValueTask.FromResult<ReleaseEntry?>(null), LookupOnly, cancellationToken: cancellationToken);
        return entry is null || watermarks.IsStale(entry, id) ? null : entry;
    }

    /// <summary>
    /// L1 on its own, so that hits and misses can be counted (HybridCache does not say where a value
    /// came from); on a miss the caller lets HybridCache look in Redis and then storage.
    /// </summary>
    private async ValueTask<ReleaseEntry?> LocalEntryAsync(string key, CancellationToken cancellationToken)
    {
        var entry = localCacheEnabled
            ? await cache.GetOrCreateAsync<ReleaseEntry?>(key, _ => ValueTask.FromResult<ReleaseEntry?>(null), LocalLookupOnly, cancellationToken: cancellationToken)
            : null;
        (entry is null ? metrics.L1Misses : metrics.L1Hits).Add(1);
        return entry;
    }

    private async ValueTask<ReleaseEntry> ReadThroughAsync(string id, string? language, ReleaseView view, CancellationToken cancellationToken)
    {
        metrics.StorageReads.Add(1);
        return new ReleaseEntry(await inner.GetReleaseAsync(id, language, view, cancellationToken));
    }

    /// <summary>
    /// Runs after the write committed and before it is acknowledged: the watermark first, so that a
    /// concurrent slow read can no longer serve the old revision, then the eviction (L1 and Redis).
    /// None of it can fail the write.
    /// </summary>
    private async Task ChangedAsync(string id, long revision)
    {
        watermarks.Raise(id, revision);
        await EvictAsync(id, CancellationToken.None);
    }
}
