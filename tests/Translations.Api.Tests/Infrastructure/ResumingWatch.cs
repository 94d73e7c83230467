using Google.Rpc;
using Grpc.Core;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests.Infrastructure;

/// <summary>
/// A watch kept the way a real client keeps one: it remembers the last sequence it received and,
/// whenever the stream ends with an error (UNAVAILABLE with SERVER_STOPPING when a replica drains,
/// a dropped connection when one dies), opens a new one after that sequence on the replica
/// <c>choose</c> names, given the replica the stream just ended on (null for the first).
/// </summary>
public sealed class ResumingWatch(TokenClaims caller, ReleaseView view, Func<ServiceProcess?, ValueTask<ServiceProcess>> choose)
{
    private readonly List<ReleaseEvent> _events = [];
    private readonly List<WatchEnding> _endings = [];

    public ReleaseView View => view;

    /// <summary>Whether the watch was ever reopened on another replica than the one it ended on.</summary>
    public bool Resumed { get; private set; }

    public IReadOnlyList<ReleaseEvent> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToList();
            }
        }
    }

    public IReadOnlyList<long> Sequences => Events.Select(e => e.Sequence).ToList();

    /// <summary>How each stream but the last ended, and on which replica.</summary>
    public IReadOnlyList<WatchEnding> Endings
    {
        get
        {
            lock (_endings)
            {
                return _endings.ToList();
            }
        }
    }

    public long Last
    {
        get
        {
            lock (_events)
            {
                return _events.Count == 0 ? 0 : _events[^1].Sequence;
            }
        }
    }

    /// <summary>Watches from the first event ever (after sequence 0) until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var current = await choose(null);
        while (!cancellationToken.IsCancellationRequested)
        {
            WatchEnding ending;
            try
            {
                using var call = current.As(caller).Releases.Watch(after: Last, configure: r => r.View = view, cancellationToken: cancellationToken);
                await foreach (var response in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    lock (_events)
                    {
                        _events.Add(response.Event);
                    }
                }
                ending = new WatchEnding(current, null, "the stream ended without an error", null, Last);
            }
            catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
            {
                return;
            }
            catch (RpcException e)
            {
                var info = e.GetRpcStatus()?.GetDetail<ErrorInfo>();
                long? lastSequence = info?.Metadata.TryGetValue("last_sequence", out var last) == true ? long.Parse(last, System.Globalization.CultureInfo.InvariantCulture) : null;
                ending = new WatchEnding(current, e.StatusCode, info?.Reason ?? e.Status.Detail, lastSequence, Last);
            }
            catch (IOException e)
            {
                ending = new WatchEnding(current, null, e.Message, null, Last);
            }
            lock (_endings)
            {
                _endings.Add(ending);
            }
            await Task.Delay(100, CancellationToken.None);
            var next = await choose(current);
            Resumed |= next != current;
            current = next;
        }
    }

    /// <summary>Waits until the watch has received <paramref name="sequence"/> or a later one.</summary>
    public async Task CaughtUpAsync(long sequence, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 300 && Last < sequence; i++)
        {
            await Task.Delay(100, cancellationToken);
        }
        Assert.True(Last >= sequence, $"A watcher ({view} view) reached sequence {Last} of {sequence}.");
    }
}

/// <summary>How one watch stream ended: on which replica, with which status and reason, and the last sequence received before.</summary>
public sealed record WatchEnding(ServiceProcess On, StatusCode? Status, string Reason, long? ServerLastSequence, long ReceivedLast);
