using Microsoft.Extensions.Options;
using Translations.Changes;
using Translations.Storage;

namespace Translations.Caching;

/// <summary>
/// Keeps this replica's cache in step with writes made anywhere. HybridCache cannot invalidate
/// another node's L1, so each replica follows the change feed in the database (the source of truth:
/// every write appends a change event in its own transaction) and raises the revision watermark of
/// every release it sees change; a cached entry below its watermark is never served.
/// The replica's <see cref="ChangeFeedFollower"/> reads the feed (woken by Redis pub/sub, or polling)
/// and hands every batch to this before its watchers, so a watcher never reads a stale release.
/// We chose this over pub/sub carrying the invalidations because a subscriber that is disconnected
/// for a moment silently misses messages, and a missed invalidation would be a stale read.
/// </summary>
internal sealed partial class ChangeFeedInvalidator(
    IChangeFeed changes,
    CachedReleaseStore store,
    RevisionWatermarks watermarks,
    IOptions<CacheOptions> options,
    TimeProvider time,
    ILogger<ChangeFeedInvalidator> logger,
    RedisConnection? redis = null,
    ResilientDistributedCache? l2 = null)
{
    private DateTimeOffset _nextPrune;

    private TimeSpan Retention => options.Value.Expiration > options.Value.LocalExpiration ? options.Value.Expiration : options.Value.LocalExpiration;

    /// <summary>
    /// Called once at start-up, after the follower has fixed the sequence it follows from. Redis may hold
    /// entries that another replica made stale shortly before this one started (for instance during a
    /// Redis outage): learn the watermarks of everything changed within the longest time an entry can
    /// live, so that none of them is served.
    /// </summary>
    public async Task LoadRecentChangesAsync(CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - options.Value.Expiration - options.Value.LocalExpiration;
        await foreach (var change in changes.ReadRecentChangesAsync(since, cancellationToken))
        {
            watermarks.Raise(change.ReleaseId, change.Revision);
        }
        _nextPrune = time.GetUtcNow() + Retention;
        if (redis is null)
        {
            LogLocalOnly();
        }
    }

    public async Task ApplyAsync(IReadOnlyList<ChangeEvent> batch, CancellationToken cancellationToken)
    {
        foreach (var change in batch)
        {
            watermarks.Raise(change.ReleaseId, change.Revision);
            if (redis is { IsConnected: false })
            {
                // The writer could not evict it from Redis either: queue the removal for when Redis is back.
                await store.EvictAsync(change.ReleaseId, cancellationToken);
            }
        }
    }

    /// <summary>After every read of the feed, changes or not: carry out evictions Redis missed, and forget old watermarks.</summary>
    public async Task AfterPollAsync()
    {
        if (l2 is not null)
        {
            await l2.ReplayRemovalsAsync();
        }
        if (time.GetUtcNow() > _nextPrune)
        {
            watermarks.Prune(Retention + Retention);
            _nextPrune = time.GetUtcNow() + Retention;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No Redis configured (ConnectionStrings__Redis): caching releases in process memory only")]
    private partial void LogLocalOnly();
}
