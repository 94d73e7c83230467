using System.Globalization;
using System.Runtime.CompilerServices;
using Grpc.Core;
using Translations.V1;

namespace Translations.Client;

/// <summary>
/// A watch of change events that resumes by itself (see <see cref="TranslationsClient.Watch"/>). Enumerate
/// it once; <see cref="LastSequence"/> is the sequence to continue after, in this process or the next.
/// </summary>
public sealed class ReleaseWatch : IAsyncEnumerable<ReleaseEvent>
{
    private readonly ReleaseService.ReleaseServiceClient _client;
    private readonly WatchReleasesRequest _request;
    private readonly TranslationsClientOptions _options;
    private readonly TimeProvider _time;

    internal ReleaseWatch(ReleaseService.ReleaseServiceClient client, WatchReleasesRequest request, TranslationsClientOptions options, TimeProvider time)
    {
        _client = client;
        _request = request.Clone();
        _options = options;
        _time = time;
        LastSequence = request.HasAfterSequence ? request.AfterSequence : null;
    }

    /// <summary>
    /// The sequence the watch would resume after: the last event delivered, or where the service started the
    /// stream (its <c>after-sequence</c> header) before any event; null until then for a watch "from now".
    /// </summary>
    public long? LastSequence { get; private set; }

    /// <summary>How many times the watch has reconnected.</summary>
    public int Reconnections { get; private set; }

    /// <summary>Raised when the stream broke and the watch is about to resume, with why and after how long.</summary>
    public event Action<TranslationsException, TimeSpan>? Resuming;

    /// <summary>
    /// Raised each time the service has started the stream (its response headers arrived), on the first
    /// connection and on each resumption: from then on no change is missed, so a view loaded earlier may
    /// be loaded again to cover the changes made before.
    /// </summary>
    public event Action? Connected;

    public async IAsyncEnumerator<ReleaseEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var failures = 0;
        while (true)
        {
            var request = _request.Clone();
            if (LastSequence is { } last)
            {
                request.AfterSequence = last;
            }
            using var call = _client.WatchReleases(request, cancellationToken: cancellationToken);
            var failure = await StartAsync(call);
            while (failure is null)
            {
                (var received, failure) = await CallFailures.NextAsync(call.ResponseStream, cancellationToken);
                if (failure is not null)
                {
                    break;
                }
                if (!received)
                {
                    // The service never ends a watch by itself; an end is a broken connection seen from the other side.
                    failure = new RpcException(new Status(StatusCode.Unavailable, "The watch stream ended."));
                    break;
                }
                var change = call.ResponseStream.Current.Event;
                LastSequence = change.Sequence;
                failures = 0;
                yield return change;
            }
            if (!CallFailures.IsResumable(failure, cancellationToken))
            {
                throw CallFailures.Read(failure, cancellationToken);
            }
            var error = TranslationsErrors.From(failure);
            // The service's own resume point (SERVER_STOPPING, WATCHER_TOO_SLOW) may be ahead of the last
            // delivered event when the published view skipped events no reader may see.
            if (error.Metadata.TryGetValue(ErrorReasons.Keys.LastSequence, out var said)
                && long.TryParse(said, NumberStyles.Integer, CultureInfo.InvariantCulture, out var safe) && safe > (LastSequence ?? -1))
            {
                LastSequence = safe;
            }
            var pause = CallFailures.Backoff(++failures, _options.MaxRetryDelay);
            Resuming?.Invoke(error, pause);
            Reconnections++;
            await Task.Delay(pause, _time, cancellationToken);
        }
    }

    /// <summary>Waits for the response headers, which say where a watch "from now" starts.</summary>
    private async Task<RpcException?> StartAsync(AsyncServerStreamingCall<WatchReleasesResponse> call)
    {
        try
        {
            var headers = await call.ResponseHeadersAsync;
            if (LastSequence is null && headers.GetValue(ErrorReasons.AfterSequenceHeader) is { } start
                && long.TryParse(start, NumberStyles.Integer, CultureInfo.InvariantCulture, out var after))
            {
                LastSequence = after;
            }
            Connected?.Invoke();
            return null;
        }
        catch (RpcException failure)
        {
            return failure;
        }
    }
}
