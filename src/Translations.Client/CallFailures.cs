using Grpc.Core;
using Translations.V1;

namespace Translations.Client;

/// <summary>What the client does when a call or a stream fails: which failures it resumes after, how long it waits, what it throws.</summary>
internal static class CallFailures
{
    /// <summary>
    /// The connection or the replica went away (UNAVAILABLE, including SERVER_STOPPING; INTERNAL for a reset
    /// stream; CANCELLED that the caller did not ask for), or a watcher fell behind (WATCHER_TOO_SLOW).
    /// </summary>
    public static bool IsResumable(RpcException failure, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && failure.StatusCode switch
        {
            StatusCode.Unavailable or StatusCode.Internal or StatusCode.Cancelled => true,
            StatusCode.ResourceExhausted => TranslationsErrors.From(failure).Reason == ErrorReasons.WatcherTooSlow,
            _ => false,
        };

    /// <summary>The exception for the caller: cancellation as cancellation, a token source's failure as itself, else the typed error.</summary>
    public static Exception Read(RpcException failure, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? new OperationCanceledException("The call was cancelled.", failure, cancellationToken)
        : failure.Status.DebugException is TokenSourceException tokens ? tokens
        : TranslationsErrors.From(failure);

    /// <summary>The pause before try <paramref name="failures"/> + 1: the service's RetryInfo if it gave one, else 100 ms doubling, capped, with ±20% jitter.</summary>
    public static TimeSpan Backoff(int failures, TimeSpan max, RpcException? failure = null)
    {
        if (failure is not null && TranslationsErrors.From(failure).RetryDelay is { } asked && asked > TimeSpan.Zero)
        {
            return asked < max ? asked : max;
        }
        var delay = TimeSpan.FromMilliseconds(100 * Math.Pow(2, Math.Min(failures - 1, 16)));
        return (delay < max ? delay : max) * (0.8 + Random.Shared.NextDouble() * 0.4);
    }

    /// <summary>The next message of a stream, or its failure, without throwing (so that callers may yield outside a try).</summary>
    public static async Task<(bool Received, RpcException? Failure)> NextAsync<T>(IAsyncStreamReader<T> stream, CancellationToken cancellationToken)
    {
        try
        {
            return (await stream.MoveNext(cancellationToken), null);
        }
        catch (RpcException failure)
        {
            return (false, failure);
        }
    }
}
