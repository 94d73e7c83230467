using Translations.Client;
using Translations.V1;

namespace Translations.Workbench.Live;

/// <summary>
/// The service's change events for one circuit (one browser tab), from one watch stream in the draft view
/// opened with the person's own token at the first subscription and closed with the circuit. Components
/// subscribe with what is relevant to them and how to refresh; a burst of events costs one refresh
/// (<see cref="Quiet"/>). Whenever the stream (re)starts, every subscriber refreshes once too: a queue
/// loaded before the stream began would otherwise miss the changes made in between.
/// </summary>
public sealed partial class LiveChanges(TranslationsClient client, TimeProvider time, ILogger<LiveChanges> logger) : IAsyncDisposable
{
    /// <summary>How long after an event a subscriber refreshes, so that a burst of events costs one refresh.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

    private readonly TimeProvider _time = time;
    private readonly Lock _gate = new();
    private readonly List<Subscription> _subscriptions = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _watching;

    /// <summary>Why live updates stopped (a refused token, a role without the draft view); null while they run.</summary>
    public TranslationsException? Failure { get; private set; }

    /// <summary>
    /// Calls <paramref name="changed"/> (on no particular thread: wrap it in the component's <c>InvokeAsync</c>)
    /// shortly after events for which <paramref name="relevant"/> is true. Dispose the result to stop.
    /// </summary>
    public IDisposable Subscribe(Func<ReleaseEvent, bool> relevant, Func<Task> changed)
    {
        var subscription = new Subscription(this, relevant, changed);
        lock (_gate)
        {
            _subscriptions.Add(subscription);
            _watching ??= Task.Run(() => WatchAsync(_stop.Token));
        }
        return subscription;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_watching is { } watching)
        {
            await watching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        lock (_gate)
        {
            _subscriptions.ForEach(subscription => subscription.Dispose());
        }
        _stop.Dispose();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var watch = client.Watch(new WatchReleasesRequest { View = ReleaseView.Draft });
        watch.Connected += () => Offer(null);
        watch.Resuming += (failure, pause) => LogResuming(failure.StatusCode, failure.Reason, pause);
        try
        {
            await foreach (var change in watch.WithCancellation(cancellationToken))
            {
                Offer(change);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (TranslationsException failure)
        {
            Failure = failure;
            LogStopped(failure.StatusCode, failure.Reason);
            Offer(null);
        }
    }

    /// <summary>An event for the subscribers it concerns; null for all (the stream started, or stopped).</summary>
    private void Offer(ReleaseEvent? change)
    {
        List<Subscription> subscriptions;
        lock (_gate)
        {
            subscriptions = [.. _subscriptions];
        }
        foreach (var subscription in subscriptions)
        {
            subscription.Offer(change);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    private sealed class Subscription(LiveChanges live, Func<ReleaseEvent, bool> relevant, Func<Task> changed) : IDisposable
    {
        private ITimer? _timer;
        private int _pending;
        private bool _disposed;

        public void Offer(ReleaseEvent? change)
        {
            if (_disposed || (change is not null && !relevant(change)) || Interlocked.Exchange(ref _pending, 1) == 1)
            {
                return;
            }
            _timer?.Dispose();
            _timer = live._time.CreateTimer(_ => _ = RefreshAsync(), null, Quiet, Timeout.InfiniteTimeSpan);
        }

        private async Task RefreshAsync()
        {
            Interlocked.Exchange(ref _pending, 0);
            if (_disposed)
            {
                return;
            }
            try
            {
                await changed();
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                // A refresh that fails is the component's to show; a failing callback must not end the watch.
                live.LogRefreshFailed(failure);
            }
        }

        public void Dispose()
        {
            _disposed = true;
            _timer?.Dispose();
            live.Remove(this);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Live updates: the watch broke ({StatusCode} {Reason}) and resumes in {Pause}.")]
    private partial void LogResuming(Grpc.Core.StatusCode statusCode, string? reason, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live updates stopped: the service refused the watch ({StatusCode} {Reason}).")]
    private partial void LogStopped(Grpc.Core.StatusCode statusCode, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live updates: a subscriber's refresh failed.")]
    private partial void LogRefreshFailed(Exception failure);
}
