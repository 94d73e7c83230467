using System.Diagnostics;
using System.Diagnostics.Metrics;
using Translations.Releases;

namespace Translations.Hosting;

/// <summary>
/// What operators watch beyond ASP.NET Core, the runtime and the cache: the change feed's lag on this
/// replica, watchers, writes by RPC and status, rate-limited calls, scheduled publications. One meter,
/// <c>Translations</c>, from the host's <see cref="IMeterFactory"/>; exported when telemetry is on
/// (<see cref="Telemetry"/>), and free when it is not.
/// </summary>
public sealed class ServiceMetrics
{
    public const string MeterName = Telemetry.Prefix;

    /// <summary>The service's own spans: the change-feed follower and scheduled publishing.</summary>
    public static readonly ActivitySource Activities = new($"{Telemetry.Prefix}.Service");

    private readonly Counter<long> _writes;
    private readonly Counter<long> _rateLimited;
    private readonly UpDownCounter<long> _watchers;
    private readonly Counter<long> _watchersTooSlow;
    private readonly ObservableGauge<long> _scheduledPending;
    private long _pending;
    private long _overdue;

    public ServiceMetrics(IMeterFactory meters, ChangeFeedProgress feed)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("translations.changes.lag", () => feed.Lag, unit: "{event}",
            description: "Change events committed that this replica has not yet applied to its cache and watchers (newest known committed sequence minus the newest applied).");
        meter.CreateObservableGauge("translations.changes.applied_sequence", () => feed.Applied, unit: "{sequence}",
            description: "The newest change-event sequence this replica has applied.");
        _watchers = meter.CreateUpDownCounter<long>("translations.watchers.connected", unit: "{watcher}",
            description: "WatchReleases streams open on this replica.");
        _watchersTooSlow = meter.CreateCounter<long>("translations.watchers.too_slow", unit: "{watcher}",
            description: "Watch streams ended with RESOURCE_EXHAUSTED (WATCHER_TOO_SLOW) because their backlog overflowed.");
        _writes = meter.CreateCounter<long>("translations.writes", unit: "{call}",
            description: "Write calls, by RPC (rpc.method) and gRPC status (rpc.grpc.status_code).");
        _rateLimited = meter.CreateCounter<long>("translations.rate_limited", unit: "{call}",
            description: "Write calls refused with RESOURCE_EXHAUSTED by the per-caller rate limit, by RPC.");
        _scheduledPending = meter.CreateObservableGauge("translations.publishing.scheduled.pending", () => Interlocked.Read(ref _pending), unit: "{publication}",
            description: "Scheduled publications not yet carried out, as this replica last counted them.");
        meter.CreateObservableGauge("translations.publishing.scheduled.overdue", () => Interlocked.Read(ref _overdue), unit: "{publication}",
            description: "Scheduled publications whose time has passed and that are not carried out yet.");
    }

    /// <summary>Whether anything collects the scheduled-publication gauges (counting them costs a query).</summary>
    public bool CountsScheduled => _scheduledPending.Enabled;

    /// <summary>Whether anything collects the writes counter: without telemetry a call does not look up whether it is a write.</summary>
    public bool CountsWrites => _writes.Enabled;

    public void WatcherConnected() => _watchers.Add(1);

    public void WatcherDisconnected() => _watchers.Add(-1);

    public void WatcherTooSlow() => _watchersTooSlow.Add(1);

    public void Write(string method, int? status) =>
        _writes.Add(1, new KeyValuePair<string, object?>("rpc.method", method), new KeyValuePair<string, object?>("rpc.grpc.status_code", status ?? -1));

    public void RateLimited(string method) => _rateLimited.Add(1, new KeyValuePair<string, object?>("rpc.method", method));

    public void Scheduled(ScheduledCounts counts)
    {
        Interlocked.Exchange(ref _pending, counts.Pending);
        Interlocked.Exchange(ref _overdue, counts.Overdue);
    }
}

/// <summary>
/// How far this replica's change-feed follower has got: the newest sequence it has applied, the
/// newest it knows to be committed (its own writes, other replicas' Redis wake-ups, and each read of
/// the feed), and when it last read the feed to its end. Readiness and the lag metric read it.
/// </summary>
public sealed class ChangeFeedProgress(TimeProvider time)
{
    private long _applied;
    private long _newestKnown;
    private long _caughtUpTicks;

    public long Applied => Interlocked.Read(ref _applied);

    public long Lag => Math.Max(0, Interlocked.Read(ref _newestKnown) - Applied);

    /// <summary>When the follower last read the feed to its end; null before the first time.</summary>
    public DateTimeOffset? CaughtUpAt => Interlocked.Read(ref _caughtUpTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public void Committed(long sequence) => Raise(ref _newestKnown, sequence);

    public void AppliedUpTo(long sequence)
    {
        Raise(ref _applied, sequence);
        Raise(ref _newestKnown, sequence);
    }

    public void CaughtUp() => Interlocked.Exchange(ref _caughtUpTicks, time.GetUtcNow().UtcTicks);

    private static void Raise(ref long field, long value)
    {
        for (var current = Interlocked.Read(ref field); value > current; current = Interlocked.Read(ref field))
        {
            if (Interlocked.CompareExchange(ref field, value, current) == current)
            {
                return;
            }
        }
    }
}
