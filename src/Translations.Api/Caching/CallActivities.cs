using System.Collections.Concurrent;
using System.Diagnostics;

namespace Translations.Caching;

/// <summary>
/// HybridCache reads and writes Redis, and runs the read of a miss, on work items of its own, without
/// the execution context of the call that asked (one read may serve several callers), so their spans
/// would belong to no trace. The call registers its span under the cache key for as long as it waits;
/// the L2 adapter and the read of a miss make it the current span for that key. Only when a span exists: with telemetry
/// off nothing is registered.
/// </summary>
internal static class CallActivities
{
    private static readonly ConcurrentDictionary<string, Activity> Waiting = new();

    /// <summary>While the returned scope lasts, Redis commands for <paramref name="key"/> belong to the current span (the first caller's, if several wait).</summary>
    public static Registration Register(string key) =>
        Activity.Current is { } activity && Waiting.TryAdd(key, activity) ? new Registration(key, activity) : default;

    /// <summary>Makes the span waiting for <paramref name="key"/> current, when there is one and no span is current; restored on dispose.</summary>
    public static Entered Enter(string key) =>
        Activity.Current is null && Waiting.TryGetValue(key, out var activity) ? new Entered(activity) : default;

    public readonly struct Registration(string key, Activity? activity) : IDisposable
    {
        public void Dispose()
        {
            if (activity is not null)
            {
                Waiting.TryRemove(new KeyValuePair<string, Activity>(key, activity));
            }
        }
    }

    public readonly struct Entered : IDisposable
    {
        private readonly bool _entered;

        public Entered(Activity activity)
        {
            Activity.Current = activity;
            _entered = true;
        }

        public void Dispose()
        {
            if (_entered)
            {
                Activity.Current = null;
            }
        }
    }
}
