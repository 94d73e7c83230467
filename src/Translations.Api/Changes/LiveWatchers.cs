using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Translations.Changes;

/// <summary>
/// The watchers of this replica that are past their replay and wait for new events. The follower
/// offers each batch to every one of them without ever waiting: a watcher whose backlog is full is
/// let go (it resumes from the database), so a slow client holds back neither writers nor other watchers.
/// </summary>
public sealed class LiveWatchers(IOptions<ChangeFeedOptions> options)
{
    private readonly Lock _lock = new();
    /// <summary>Copied on every change, so that the follower reads it without a lock.</summary>
    private LiveWatcher[] _watchers = [];

    public int Count => Volatile.Read(ref _watchers).Length;

    /// <summary>From now on, every batch the follower reads is offered to the returned watcher until it is disposed.</summary>
    public LiveWatcher Register()
    {
        var watcher = new LiveWatcher(this, options.Value.MaxWatchBacklog);
        lock (_lock)
        {
            _watchers = [.. _watchers, watcher];
        }
        return watcher;
    }

    /// <summary>Called by the follower only, one batch at a time, in sequence order.</summary>
    public void Publish(IReadOnlyList<ChangeEvent> batch)
    {
        foreach (var watcher in Volatile.Read(ref _watchers))
        {
            watcher.Offer(batch);
        }
    }

    internal void Remove(LiveWatcher watcher)
    {
        lock (_lock)
        {
            _watchers = Array.FindAll(_watchers, w => w != watcher);
        }
    }
}

/// <summary>
/// One watcher's queue of batches (shared with the other watchers, never copied). Its backlog counts
/// the events offered to it and not yet taken by the stream.
/// </summary>
public sealed class LiveWatcher(LiveWatchers owner, int maxBacklog) : IDisposable
{
    private readonly Channel<IReadOnlyList<ChangeEvent>> _batches =
        Channel.CreateUnbounded<IReadOnlyList<ChangeEvent>>(new UnboundedChannelOptions { SingleWriter = true });
    private int _backlog;
    private volatile bool _fellBehind;

    public int MaxBacklog => maxBacklog;

    /// <summary>True once the backlog overflowed: the queue is dropped and no more batches come.</summary>
    public bool FellBehind => _fellBehind;

    /// <summary>Never waits. A watcher already <see cref="MaxBacklog"/> events behind is let go instead.</summary>
    internal void Offer(IReadOnlyList<ChangeEvent> batch)
    {
        if (_fellBehind)
        {
            return;
        }
        if (Volatile.Read(ref _backlog) >= maxBacklog)
        {
            _fellBehind = true;
            owner.Remove(this);
            _batches.Writer.TryComplete();
            while (_batches.Reader.TryRead(out _))
            {
                // Drop the queue now: the watcher's client resumes from the database.
            }
            return;
        }
        Interlocked.Add(ref _backlog, batch.Count);
        _batches.Writer.TryWrite(batch);
    }

    /// <summary>The next batch, or null once the watcher fell behind.</summary>
    public async ValueTask<IReadOnlyList<ChangeEvent>?> NextBatchAsync(CancellationToken cancellationToken) =>
        await _batches.Reader.WaitToReadAsync(cancellationToken) && _batches.Reader.TryRead(out var batch) && !_fellBehind ? batch : null;

    /// <summary>The stream has taken one event of a batch (delivered, filtered out or a duplicate).</summary>
    public void Took() => Interlocked.Decrement(ref _backlog);

    public void Dispose()
    {
        owner.Remove(this);
        _batches.Writer.TryComplete();
    }
}
