using Translations.Hosting;
using System.Runtime.CompilerServices;
using Translations.Releases;
using Translations.Storage;

namespace Translations.Changes;

/// <summary>A change event as a watcher receives it, with the release when the watch asked for it.</summary>
public sealed record WatchedChange(ChangeEvent Event, Release? Release);

/// <summary>
/// One watch of the change feed: the stored events after a sequence, then the live ones from this
/// replica's <see cref="ChangeFeedFollower"/>, in sequence order, each exactly once.
/// The seam: the watcher registers with the follower before its last read of the database, so every
/// event committed afterwards is either in that read or arrives live; it drops what it has already
/// covered, and since sequences have no gaps it can tell a missing range and read it from the database.
/// </summary>
public sealed partial class ReleaseWatch(
    IChangeFeed changes,
    LiveWatchers live,
    IReleaseStore store,
    [FromKeyedServices(StorageServiceCollectionExtensions.StoreKey)] IReleaseStore storage,
    IHostApplicationLifetime lifetime,
    ServiceMetrics metrics,
    ILogger<ReleaseWatch> logger)
{
    /// <summary>Events per database read during replay: nothing beyond one page is held in memory.</summary>
    internal const int PageSize = 1_000;

    /// <summary>The sequence the watch starts after: the requested one, or the newest committed ("from now").</summary>
    public async Task<long> StartAsync(WatchQuery query, CancellationToken cancellationToken)
    {
        var last = await changes.GetLastSequenceAsync(cancellationToken);
        return query.AfterSequence switch
        {
            null => last,
            { } after when after > last => throw new SequenceAheadException(after, last),
            { } after => after,
        };
    }

    /// <summary>
    /// Never ends by itself: the client's cancellation or deadline ends it, or the server shutting down
    /// (<see cref="WatchInterruptedException"/>), or the watcher falling behind (<see cref="WatcherTooSlowException"/>).
    /// </summary>
    public async IAsyncEnumerable<WatchedChange> WatchAsync(WatchQuery query, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        metrics.WatcherConnected();
        using var disconnected = new Disconnection(metrics);
        var covered = new Covered(afterSequence);
        await using var events = ReadAsync(query, covered, stopping.Token).GetAsyncEnumerator(stopping.Token);
        while (true)
        {
            bool more;
            try
            {
                more = await events.MoveNextAsync();
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new WatchInterruptedException(covered.Sequence);
            }
            if (!more)
            {
                yield break;
            }
            yield return events.Current;
        }
    }

    private async IAsyncEnumerable<WatchedChange> ReadAsync(WatchQuery query, Covered covered, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Replay before registering: a long replay must not count against the live backlog.
        await foreach (var change in ReadStoredAsync(query, covered, long.MaxValue, cancellationToken))
        {
            yield return change;
        }
        using var watcher = live.Register();
        await foreach (var change in ReadStoredAsync(query, covered, long.MaxValue, cancellationToken))
        {
            yield return change;
        }
        while (true)
        {
            var batch = await watcher.NextBatchAsync(cancellationToken) ?? throw TooSlow(watcher, covered);
            foreach (var change in batch)
            {
                if (change.Sequence > covered.Sequence + 1)
                {
                    await foreach (var stored in ReadStoredAsync(query, covered, change.Sequence - 1, cancellationToken))
                    {
                        yield return stored;
                    }
                }
                if (change.Sequence == covered.Sequence + 1)
                {
                    if (query.Matches(change))
                    {
                        yield return await WithReleaseAsync(query, change, cancellationToken);
                    }
                    covered.Sequence = change.Sequence;
                }
                watcher.Took();
                if (watcher.FellBehind)
                {
                    throw TooSlow(watcher, covered);
                }
            }
        }
    }

    /// <summary>The stored events after the covered sequence, up to <paramref name="upTo"/> or the newest, a page at a time.</summary>
    private async IAsyncEnumerable<WatchedChange> ReadStoredAsync(WatchQuery query, Covered covered, long upTo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (covered.Sequence < upTo)
        {
            var wanted = (int)Math.Min(PageSize, upTo - covered.Sequence);
            var page = await changes.ReadChangesAsync(covered.Sequence, wanted, cancellationToken);
            if (page.Count > 0 && page[0].Sequence != covered.Sequence + 1)
            {
                // Sequences have no gaps; only retention removes events, always the oldest.
                throw new ChangesExpiredException(covered.Sequence, page[0].Sequence);
            }
            foreach (var change in page)
            {
                if (query.Matches(change))
                {
                    yield return await WithReleaseAsync(query, change, cancellationToken);
                }
                covered.Sequence = change.Sequence;
            }
            if (page.Count < wanted)
            {
                break;
            }
        }
        if (upTo != long.MaxValue && covered.Sequence != upTo)
        {
            throw new InvalidOperationException($"The change feed has no event {covered.Sequence + 1} although a later one was read.");
        }
    }

    private async Task<WatchedChange> WithReleaseAsync(WatchQuery query, ChangeEvent change, CancellationToken cancellationToken) =>
        new(change, query.IncludeRelease ? await ReleaseToAttachAsync(change, query.View, cancellationToken) : null);

    /// <summary>
    /// The release as it is now, never older than the event; none once it is deleted. It is read through
    /// the cache, which may not have learnt of a change made on another replica moments ago (live events
    /// reach the cache first, replayed ones may not have): then from the database.
    /// </summary>
    private async Task<Release?> ReleaseToAttachAsync(ChangeEvent change, ReleaseView view, CancellationToken cancellationToken)
    {
        if (change.Type == ChangeEventType.Deleted)
        {
            return null;
        }
        var release = await store.GetReleaseAsync(change.ReleaseId, null, view, cancellationToken);
        return release is not null && release.Revision < change.Revision
            ? await storage.GetReleaseAsync(change.ReleaseId, null, view, cancellationToken)
            : release;
    }

    private WatcherTooSlowException TooSlow(LiveWatcher watcher, Covered covered)
    {
        LogTooSlow(watcher.MaxBacklog, covered.Sequence);
        metrics.WatcherTooSlow();
        return new WatcherTooSlowException(covered.Sequence, watcher.MaxBacklog);
    }

    /// <summary>
    /// The sequence up to which every event was delivered or did not match: a safe place to resume.
    /// Advanced only after an event's delivery, so that an interruption never reports an undelivered one.
    /// </summary>
    private sealed class Disconnection(ServiceMetrics metrics) : IDisposable
    {
        public void Dispose() => metrics.WatcherDisconnected();
    }

    private sealed class Covered(long sequence)
    {
        public long Sequence { get; set; } = sequence;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A watcher fell {MaxBacklog} change events behind and was ended at sequence {Sequence}; it can resume from there")]
    private partial void LogTooSlow(int maxBacklog, long sequence);
}
