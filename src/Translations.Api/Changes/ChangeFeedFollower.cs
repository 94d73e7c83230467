using System.Diagnostics;
using Microsoft.Extensions.Options;
using Translations.Caching;
using Translations.Hosting;
using Translations.Storage;

namespace Translations.Changes;

/// <summary>
/// The one reader of the change feed on this replica. It reads each new batch of events once and hands
/// it first to the cache invalidation, then to the live watchers, so there is one mechanism for both,
/// and watchers never poll the database themselves. The database is the source of truth: wake-ups only
/// make the follower read sooner (<see cref="ChangeWakeUps"/>: a write committed here, or a Redis message
/// from another replica); without Redis, or when a message is lost, the next poll
/// (<see cref="ChangeFeedOptions.PollInterval"/>) catches up.
/// </summary>
internal sealed partial class ChangeFeedFollower(
    IChangeFeed changes,
    LiveWatchers watchers,
    IOptions<ChangeFeedOptions> options,
    ILogger<ChangeFeedFollower> logger,
    ChangeWakeUps wakeUps,
    ChangeFeedProgress progress,
    DatabaseOutageLog outages,
    ChangeFeedInvalidator? cache = null,
    RedisConnection? redis = null) : BackgroundService
{
    private const int BatchSize = 1_000;
    private const string Worker = "Change feed";

    /// <summary>
    /// After a read that found events the next read waits this long, so that under a steady stream of
    /// writes the feed is read once per a few writes instead of once per write (each write wakes every
    /// replica). Sparse writes are not delayed: the first wake-up after a quiet spell reads at once.
    /// </summary>
    private static readonly TimeSpan Gathering = TimeSpan.FromMilliseconds(5);

    private int _subscribed;

    /// <summary>The sequence up to which every listener has been handed the feed.</summary>
    private long _position;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The position first, then what the cache learns of the recent past: an overlap, never a gap.
        _position = await changes.GetLastSequenceAsync(cancellationToken);
        progress.AppliedUpTo(_position);
        progress.CaughtUp();
        if (cache is not null)
        {
            await cache.LoadRecentChangesAsync(cancellationToken);
        }
        if (redis is not null)
        {
            redis.Restored += () => _ = SubscribeAsync();
            await SubscribeAsync();
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await wakeUps.WaitAsync(interval, stoppingToken);
                var found = await FollowAsync(stoppingToken);
                outages.Succeeded(Worker);
                if (cache is not null)
                {
                    await cache.AfterPollAsync();
                }
                if (found)
                {
                    await Task.Delay(Gathering, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (outages.Reported(Worker, e))
            {
                // Polling goes on; the first round that succeeds catches up.
            }
            catch (Exception e)
            {
                LogFailed(e);
            }
        }
    }

    /// <summary>
    /// A batch the cache failed on is read again on the next round; the watchers may then see its events
    /// twice, which they drop by sequence.
    /// </summary>
    private async Task<bool> FollowAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ChangeEvent> batch;
        Activity? activity = null;
        var from = _position;
        try
        {
            do
            {
                batch = await changes.ReadChangesAsync(_position, BatchSize, cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }
                // A span for each round that found events; the idle polls of every replica would be noise.
                activity ??= ServiceMetrics.Activities.StartActivity("ChangeFeed apply");
                if (cache is not null)
                {
                    await cache.ApplyAsync(batch, cancellationToken);
                }
                watchers.Publish(batch);
                _position = batch[^1].Sequence;
                progress.AppliedUpTo(_position);
            }
            while (batch.Count == BatchSize);
            progress.CaughtUp();
            activity?.SetTag("translations.changes.from_sequence", from + 1);
            activity?.SetTag("translations.changes.to_sequence", _position);
            activity?.SetTag("translations.changes.events", _position - from);
            return _position > from;
        }
        catch (Exception e) when (activity is not null && e is not OperationCanceledException)
        {
            activity.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            activity?.Dispose();
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            if (Interlocked.Exchange(ref _subscribed, 1) == 0)
            {
                await redis!.SubscribeToChangesAsync(wakeUps.CommittedElsewhere);
            }
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            // Not connected yet: polling covers it, and Restored tries again.
            Interlocked.Exchange(ref _subscribed, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not follow the change feed; retrying")]
    private partial void LogFailed(Exception exception);
}
