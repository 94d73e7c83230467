using Translations.Caching;
using Translations.Hosting;
using Translations.Storage;

namespace Translations.Changes;

/// <summary>
/// What makes this replica's change-feed follower read before its next poll: a write committed here
/// (the store calls <see cref="Committed"/>), which is also passed on to the other replicas over
/// Redis, or such a message from another replica. At most one wake-up is pending: a burst of writes
/// costs one read of the feed, not one each. It has no other dependencies, so the store can hold it
/// without depending on the follower, which depends on the cache, which wraps the store.
/// </summary>
internal sealed class ChangeWakeUps(ChangeFeedProgress progress, RedisConnection? redis = null) : IChangeNotifier
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Committed(long lastSequence)
    {
        progress.Committed(lastSequence);
        WakeUp();
        redis?.PublishChange(lastSequence);
    }

    /// <summary>Another replica committed up to <paramref name="lastSequence"/> (its Redis message).</summary>
    public void CommittedElsewhere(long lastSequence)
    {
        progress.Committed(lastSequence);
        WakeUp();
    }

    public void WakeUp()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake-up is already pending.
        }
    }

    /// <summary>Returns at the next wake-up, or after <paramref name="interval"/> without one.</summary>
    public Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken) => _pending.WaitAsync(interval, cancellationToken);
}
