using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Translations.Call;

/// <summary>One call of any method type with requests already read: sends them, prints what comes back.</summary>
public sealed class Call(
    MethodDescriptor method,
    IReadOnlyList<IMessage> requests,
    Metadata headers,
    TimeSpan? timeout,
    int? take,
    string? printHeader,
    CallOutput output)
{
    public CallOutput Output => output;

    public async Task RunAsync(CallInvoker invoker, CancellationToken cancellationToken)
    {
        var callable = method.ToCallable();
        var options = new CallOptions(headers, timeout is { } limit ? DateTime.UtcNow + limit : null, cancellationToken);
        if (method.IsServerStreaming)
        {
            using var stream = method.IsClientStreaming
                ? await SendAllAsync(invoker.AsyncDuplexStreamingCall(callable, null, options))
                : invoker.AsyncServerStreamingCall(callable, null, options, requests[0]);
            await ReadAllAsync(stream, cancellationToken);
            return;
        }
        if (method.IsClientStreaming)
        {
            using var upload = invoker.AsyncClientStreamingCall(callable, null, options);
            foreach (var request in requests)
            {
                await upload.RequestStream.WriteAsync(request, cancellationToken);
            }
            await upload.RequestStream.CompleteAsync();
            await PrintHeaderAsync(upload.ResponseHeadersAsync);
            output.Response(await upload.ResponseAsync);
            return;
        }
        using var unary = invoker.AsyncUnaryCall(callable, null, options, requests[0]);
        await PrintHeaderAsync(unary.ResponseHeadersAsync);
        output.Response(await unary.ResponseAsync);
    }

    private async Task<AsyncServerStreamingCall<IMessage>> SendAllAsync(AsyncDuplexStreamingCall<IMessage, IMessage> duplex)
    {
        foreach (var request in requests)
        {
            await duplex.RequestStream.WriteAsync(request);
        }
        await duplex.RequestStream.CompleteAsync();
        return new AsyncServerStreamingCall<IMessage>(duplex.ResponseStream, duplex.ResponseHeadersAsync, duplex.GetStatus, duplex.GetTrailers, duplex.Dispose);
    }

    /// <summary>Every response until the stream ends, or until <c>--take</c> of them, which ends it cleanly.</summary>
    private async Task ReadAllAsync(AsyncServerStreamingCall<IMessage> stream, CancellationToken cancellationToken)
    {
        await PrintHeaderAsync(stream.ResponseHeadersAsync);
        var taken = 0;
        while (taken < (take ?? int.MaxValue) && await stream.ResponseStream.MoveNext(cancellationToken))
        {
            output.Response(stream.ResponseStream.Current);
            taken++;
        }
    }

    private async Task PrintHeaderAsync(Task<Metadata> responseHeaders)
    {
        if (printHeader is not null)
        {
            output.Header((await responseHeaders).GetValue(printHeader.ToLowerInvariant()) ?? "");
        }
    }
}
