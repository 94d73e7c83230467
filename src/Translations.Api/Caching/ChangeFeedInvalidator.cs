using Microsoft.Extensions.Options;
using Translations.Storage;

namespace Translations.Caching;

/// <summary>
/// Keeps this replica's cache in step with writes made anywhere. HybridCache cannot invalidate
/// another node's L1, so each replica follows the change feed in the database (the source of truth:
/// every write appends a change event in its own transaction) and raises the revision watermark of
/// every release it sees change; a cached entry below its watermark is never served.
/// Redis pub/sub is only a wake-up so that this happens within milliseconds; without Redis, or when a
/// message is lost, the next poll (<see cref="CacheOptions.InvalidationPollInterval"/>) catches up.
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
    ResilientDistributedCache? l2 = null) : BackgroundService
{
    private const int BatchSize = 1_000;
    /// <summary>At most one wake-up is pending: a burst of writes costs one read of the feed, not one each.</summary>
    private readonly SemaphoreSlim _wakeUp = new(0, 1);
    private int _subscribed;

    /// <summary>The sequence up to which this replica has applied the change feed.</summary>
    private long _appliedSequence;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _appliedSequence = await changes.GetLastSequenceAsync(cancellationToken);
        // Redis may hold entries that another replica made stale shortly before this one started (for
        // instance during a Redis outage): learn the watermarks of everything changed within the longest
        // time an entry can live, so that none of them is served.
        var since = time.GetUtcNow() - options.Value.Expiration - options.Value.LocalExpiration;
        await foreach (var change in changes.ReadRecentChangesAsync(since, cancellationToken))
        {
            watermarks.Raise(change.ReleaseId, change.Revision);
        }
        if (redis is null)
        {
            LogLocalOnly();
        }
        else
        {
            redis.Restored += () => _ = SubscribeAsync();
            await SubscribeAsync();
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.InvalidationPollInterval;
        var retention = options.Value.Expiration > options.Value.LocalExpiration ? options.Value.Expiration : options.Value.LocalExpiration;
        var nextPrune = time.GetUtcNow() + retention;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _wakeUp.WaitAsync(interval, stoppingToken);
                await ApplyNewChangesAsync(stoppingToken);
                if (l2 is not null)
                {
                    await l2.ReplayRemovalsAsync();
                }
                if (time.GetUtcNow() > nextPrune)
                {
                    watermarks.Prune(retention + retention);
                    nextPrune = time.GetUtcNow() + retention;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(e);
            }
        }
    }

    private async Task ApplyNewChangesAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Changes.ChangeEvent> batch;
        do
        {
            batch = await changes.ReadChangesAsync(_appliedSequence, BatchSize, cancellationToken);
            foreach (var change in batch)
            {
                watermarks.Raise(change.ReleaseId, change.Revision);
                if (redis is { IsConnected: false })
                {
                    // The writer could not evict it from Redis either: queue the removal for when Redis is back.
                    await store.EvictAsync(change.ReleaseId, cancellationToken);
                }
            }
            if (batch.Count > 0)
            {
                _appliedSequence = batch[^1].Sequence;
            }
        }
        while (batch.Count == BatchSize);
    }

    private async Task SubscribeAsync()
    {
        try
        {
            if (Interlocked.Exchange(ref _subscribed, 1) == 0)
            {
                await redis!.SubscribeToChangesAsync(WakeUp);
            }
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            // Not connected yet: polling covers it, and Restored tries again.
            Interlocked.Exchange(ref _subscribed, 0);
        }
    }

    private void WakeUp()
    {
        try
        {
            _wakeUp.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake-up is already pending.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No Redis configured (ConnectionStrings__Redis): caching releases in process memory only")]
    private partial void LogLocalOnly();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not apply the change feed to the cache; retrying")]
    private partial void LogFailed(Exception exception);
}
