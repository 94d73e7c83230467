using System.Runtime.CompilerServices;
using Grpc.Core;
using Translations.V1;

namespace Translations.Client;

public sealed partial class TranslationsClient
{
    /// <summary>
    /// One unary call: an expired token is replaced once (the token source is told it was refused); with
    /// <paramref name="retried"/> (reads, and writes that carry a request_id) it is tried again while the service
    /// is unavailable, with a backoff that gives the balancer time to notice a replica that went away (the
    /// channel's retry policy may spend its attempts on that replica before it does); a failure is thrown as the
    /// <see cref="TranslationsException"/> that names it.
    /// </summary>
    private async Task<T> CallAsync<T>(Func<CallOptions, AsyncUnaryCall<T>> start, CancellationToken cancellationToken, bool retried = false)
    {
        var tokenReplaced = false;
        for (var failures = 0; ; )
        {
            try
            {
                return await start(new CallOptions(cancellationToken: cancellationToken));
            }
            catch (RpcException failure) when (!tokenReplaced && IsRefusedToken(failure))
            {
                tokens.Refused();
                tokenReplaced = true;
            }
            catch (RpcException failure) when (retried && failure.StatusCode == StatusCode.Unavailable && ++failures < _options.MaxAttempts
                && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(CallFailures.Backoff(failures, _options.MaxRetryDelay, failure), time, cancellationToken);
            }
            catch (RpcException failure)
            {
                throw CallFailures.Read(failure, cancellationToken);
            }
        }
    }

    private static bool IsRefusedToken(RpcException failure) =>
        failure.StatusCode == StatusCode.Unauthenticated && TranslationsErrors.From(failure).Reason is ErrorReasons.TokenExpired;

    /// <summary>The service's limit on the items of one bulk call.</summary>
    private const int BulkItemsPerCall = 1_000;

    /// <summary>
    /// One bulk call (a client stream answered once), every item carrying a request_id: sent again whole
    /// while the service is unavailable, since the items already applied are not applied twice.
    /// </summary>
    private async Task<TResponse> BulkCallAsync<TRequest, TResponse>(Func<AsyncClientStreamingCall<TRequest, TResponse>> start, IEnumerable<TRequest> items,
        CancellationToken cancellationToken)
    {
        for (var failures = 0; ; )
        {
            try
            {
                using var call = start();
                foreach (var item in items)
                {
                    await call.RequestStream.WriteAsync(item, cancellationToken);
                }
                await call.RequestStream.CompleteAsync();
                return await call;
            }
            catch (RpcException failure) when (failure.StatusCode == StatusCode.Unavailable && ++failures < _options.MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(CallFailures.Backoff(failures, _options.MaxRetryDelay, failure), time, cancellationToken);
            }
            catch (RpcException failure)
            {
                throw CallFailures.Read(failure, cancellationToken);
            }
        }
    }

    /// <summary>A short server stream (a task list), each response mapped; failures thrown typed.</summary>
    private static async IAsyncEnumerable<TItem> StreamAsync<TResponse, TItem>(Func<CallOptions, AsyncServerStreamingCall<TResponse>> start,
        Func<TResponse, TItem> item, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = start(new CallOptions(cancellationToken: cancellationToken));
        while (true)
        {
            var (received, failure) = await CallFailures.NextAsync(call.ResponseStream, cancellationToken);
            if (failure is not null)
            {
                throw CallFailures.Read(failure, cancellationToken);
            }
            if (!received)
            {
                yield break;
            }
            yield return item(call.ResponseStream.Current);
        }
    }

    /// <summary>
    /// A server stream that resumes: <paramref name="advance"/> takes each response before it is yielded (to keep
    /// its cursor for the next call that <paramref name="start"/> makes) and says whether more are wanted. When the
    /// stream breaks in a way worth resuming, <paramref name="start"/> is called again after a backoff, up to
    /// <see cref="TranslationsClientOptions.MaxAttempts"/> times in a row without a response in between.
    /// </summary>
    private async IAsyncEnumerable<TResponse> ResumingStreamAsync<TResponse>(Func<CallOptions, AsyncServerStreamingCall<TResponse>> start,
        Func<TResponse, bool> advance, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            using var call = start(new CallOptions(cancellationToken: cancellationToken));
            while (true)
            {
                var (received, failure) = await CallFailures.NextAsync(call.ResponseStream, cancellationToken);
                if (failure is not null)
                {
                    if (!CallFailures.IsResumable(failure, cancellationToken) || ++failures >= _options.MaxAttempts)
                    {
                        throw CallFailures.Read(failure, cancellationToken);
                    }
                    await Task.Delay(Backoff(failures), time, cancellationToken);
                    break;
                }
                if (!received)
                {
                    yield break;
                }
                failures = 0;
                var response = call.ResponseStream.Current;
                var more = advance(response);
                yield return response;
                if (!more)
                {
                    yield break;
                }
            }
        }
    }

    private TimeSpan Backoff(int failures) => CallFailures.Backoff(failures, _options.MaxRetryDelay);

    /// <summary>A copy of the request with a fresh request_id when it has none, so that retrying it is safe.</summary>
    private static T WithRequestId<T>(T request, Func<T, string> get, Action<T, string> set)
        where T : Google.Protobuf.IMessage<T>, Google.Protobuf.IDeepCloneable<T>
    {
        if (get(request).Length > 0)
        {
            return request;
        }
        var copy = request.Clone();
        set(copy, Guid.NewGuid().ToString("N"));
        return copy;
    }
}
