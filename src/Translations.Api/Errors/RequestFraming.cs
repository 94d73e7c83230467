using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Pipelines;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Translations.Errors;

/// <summary>
/// grpc-dotnet reads a call's request messages before any interceptor runs, and some broken frames
/// escape it as UNKNOWN (a length prefix above 2 GiB, a compressed flag other than 0 or 1) or
/// INTERNAL (a body that ends inside a message, a unary call with no message or with two). Each
/// gRPC request body is therefore read through <see cref="CheckedRequestBody"/>, which checks every
/// 5-byte message prefix as the bytes arrive and ends the call as the README says: RESOURCE_EXHAUSTED
/// for a message over the maximum size, INVALID_ARGUMENT (field violation on <c>request</c>) for
/// anything else a client broke.
/// </summary>
public static class RequestFraming
{
    public static WebApplication UseRequestFramingChecks(this WebApplication app)
    {
        // A service may allow larger messages than the global limit (AddServiceOptions): its own options say how large.
        var maxMessageSizes = new System.Collections.Concurrent.ConcurrentDictionary<Type, long>();
        long MaxMessageSize(Type service) => maxMessageSizes.GetOrAdd(service, type =>
            ((IOptions<GrpcServiceOptions>)app.Services.GetRequiredService(typeof(IOptions<>).MakeGenericType(typeof(GrpcServiceOptions<>).MakeGenericType(type))))
                .Value.MaxReceiveMessageSize ?? int.MaxValue);
        app.Use((context, next) =>
        {
            // Transcoded calls carry the gRPC method's metadata too, but their bodies are JSON, not gRPC frames.
            if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc
                && !HttpJson.HttpJsonEndpoint.IsTranscoded(context)
                && context.Features.Get<IRequestBodyPipeFeature>() is { } body)
            {
                var encoding = context.Request.Headers["grpc-encoding"].ToString();
                context.Features.Set<IRequestBodyPipeFeature>(new CheckedRequestBody(body.Reader, MaxMessageSize(grpc.ServiceType),
                    singleMessage: grpc.Method.Type is MethodType.Unary or MethodType.ServerStreaming,
                    encoded: encoding.Length > 0 && encoding != "identity"));
            }
            return next(context);
        });
        return app;
    }
}

/// <summary>
/// The request body as grpc-dotnet reads it, with each message prefix checked as soon as it arrives.
/// It costs a few comparisons per read: it only follows where the next prefix begins. The messages
/// before a broken frame are handed on first, as they would be had the broken frame not arrived yet,
/// so a client stream processes its items up to the broken one whatever the network's timing.
/// </summary>
internal sealed class CheckedRequestBody(PipeReader inner, long maxMessageSize, bool singleMessage, bool encoded)
    : PipeReader, IRequestBodyPipeFeature
{
    private const int PrefixSize = 5;

    /// <summary>Bytes consumed from the body so far: where <see cref="_buffer"/> begins.</summary>
    private long _consumed;

    /// <summary>Where, counted from the start of the body, the last checked prefix and the next one begin.</summary>
    private long _lastPrefix;
    private long _nextPrefix;

    private int _messages;
    private ReadOnlySequence<byte> _buffer;

    /// <summary>The first broken frame, and where it begins: the reader fails on reaching it.</summary>
    private RpcException? _fault;
    private long _faultAt;

    public PipeReader Reader => this;

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        var read = inner.ReadAsync(cancellationToken);
        return read.IsCompletedSuccessfully ? new(Checked(read.Result)) : AwaitChecked(read);
    }

    private async ValueTask<ReadResult> AwaitChecked(ValueTask<ReadResult> read) => Checked(await read);

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
        {
            return false;
        }
        result = Checked(result);
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed)
    {
        _consumed += _buffer.Slice(_buffer.Start, consumed).Length;
        inner.AdvanceTo(consumed);
    }

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        _consumed += _buffer.Slice(_buffer.Start, consumed).Length;
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    private ReadResult Checked(ReadResult result)
    {
        var buffer = result.Buffer;
        if (_fault is null)
        {
            Scan(buffer, result.IsCompleted);
        }
        if (_fault is not null)
        {
            if (_faultAt <= _consumed)
            {
                inner.AdvanceTo(buffer.Start, buffer.End);
                throw _fault;
            }
            buffer = buffer.Slice(0, _faultAt - _consumed);
            result = new ReadResult(buffer, result.IsCanceled, isCompleted: false);
        }
        _buffer = buffer;
        return result;
    }

    private void Scan(in ReadOnlySequence<byte> buffer, bool completed)
    {
        var end = _consumed + buffer.Length;
        Span<byte> prefix = stackalloc byte[PrefixSize];
        while (_nextPrefix + PrefixSize <= end)
        {
            if (singleMessage && _messages == 1)
            {
                Fail(_nextPrefix, Invalid("The request has more than one message; this method takes exactly one."));
                return;
            }
            buffer.Slice(_nextPrefix - _consumed, PrefixSize).CopyTo(prefix);
            var length = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
            if (PrefixFault(prefix[0], length) is { } fault)
            {
                Fail(_nextPrefix, fault);
                return;
            }
            _messages++;
            _lastPrefix = _nextPrefix;
            _nextPrefix += PrefixSize + length;
        }
        if (!completed)
        {
            return;
        }
        if (end > _nextPrefix)
        {
            Fail(_nextPrefix, Invalid(singleMessage && _messages == 1
                ? "The request has more than one message; this method takes exactly one."
                : "The request ends inside a message prefix (5 bytes: compressed flag and length)."));
        }
        else if (end < _nextPrefix)
        {
            Fail(_lastPrefix, Invalid(string.Create(CultureInfo.InvariantCulture,
                $"The request ends inside a message: {_nextPrefix - end} of its bytes are missing.")));
        }
        else if (singleMessage && _messages == 0)
        {
            Fail(0, Invalid("The request has no message; this method takes exactly one."));
        }
    }

    private RpcException? PrefixFault(byte compressedFlag, uint length) =>
        compressedFlag > 1 ? Invalid($"A message prefix has the compressed flag {compressedFlag}; it must be 0 or 1.")
        : compressedFlag == 1 && !encoded ? Invalid("A message is marked compressed, but the request has no grpc-encoding header naming how.")
        : length > maxMessageSize ? new RpcException(new Grpc.Core.Status(StatusCode.ResourceExhausted, string.Create(CultureInfo.InvariantCulture,
            $"A request message of {length} bytes is over the maximum message size of {maxMessageSize} bytes.")))
        : null;

    private void Fail(long at, RpcException fault) => (_faultAt, _fault) = (at, fault);

    private static RpcException Invalid(string description) => SafeRequestDecoding.InvalidRequest("The request's gRPC framing is broken.", description);
}
