using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Translations.Access;
using Translations.Changes;
using Translations.Releases;
using Translations.Storage;
using Translations.Validation;
using Status = Google.Rpc.Status;
using Translations.V1;

namespace Translations.Errors;

/// <summary>
/// The one place domain failures become gRPC statuses with google.rpc details, for unary and
/// streaming calls alike. A call the client cancelled or abandoned, or whose deadline passed, ends
/// CANCELLED or DEADLINE_EXCEEDED (the only way a watch ends). Anything not listed here is a bug:
/// grpc-dotnet logs it and answers UNKNOWN.
/// </summary>
public sealed class ErrorMappingInterceptor(TimeProvider time, StorageProvider storage) : Interceptor
{
    public const string ErrorDomain = ErrorReasons.Domain;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (Map(e, context) is { } mapped)
        {
            throw mapped;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (Map(e, context) is { } mapped)
        {
            throw mapped;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception e) when (Map(e, context) is { } mapped)
        {
            throw mapped;
        }
    }

    public static RpcException? ToRpcException(Exception exception) => ToStatus(exception)?.ToRpcException();

    /// <summary>
    /// Once the call is cancelled (by the client, or by grpc-dotnet at the deadline), whatever the
    /// handler throws is a consequence of it: OperationCanceledException from an awaited operation,
    /// IOException from a reset stream, or InvalidOperationException from a write that raced with
    /// grpc-dotnet completing the response at the deadline. grpc-dotnet would answer UNKNOWN and log it.
    /// At the deadline grpc-dotnet completes the response before it cancels the call's token, so a write
    /// in between fails while the token is not cancelled yet: a passed deadline counts as the cancellation.
    /// </summary>
    private RpcException? Map(Exception exception, ServerCallContext context)
    {
        var deadlinePassed = time.GetUtcNow().UtcDateTime >= context.Deadline;
        return exception is not RpcException && (context.CancellationToken.IsCancellationRequested || deadlinePassed)
            ? deadlinePassed
                ? new RpcException(new Grpc.Core.Status(StatusCode.DeadlineExceeded, "The deadline passed before the call finished."))
                : new RpcException(new Grpc.Core.Status(StatusCode.Cancelled, "The client cancelled the call."))
            : storage.IsUnavailable(exception) ? DatabaseUnavailable.ToRpcException()
            : ToRpcException(exception);
    }

    /// <summary>
    /// The database could not be reached (or went away mid-call): nothing was acknowledged, and a write with
    /// a request_id may be retried safely, since its idempotency record commits with it. The message names
    /// no host: the cause is for the operators' health checks and logs, not for callers.
    /// </summary>
    private static readonly Status DatabaseUnavailable = new()
    {
        Code = (int)Code.Unavailable,
        Message = "The release database cannot be reached right now. Retry after a moment; a write sent with a request_id is applied at most once.",
        Details =
        {
            Any.Pack(new ErrorInfo { Reason = ErrorReasons.DatabaseUnavailable, Domain = ErrorDomain }),
            Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) }),
        },
    };

    public static Status? ToStatus(Exception exception) => exception switch
    {
        InvalidInputException invalid => new Status
        {
            Code = (int)Code.InvalidArgument,
            Message = invalid.Message,
            Details =
            {
                Any.Pack(new BadRequest
                {
                    FieldViolations =
                    {
                        invalid.Violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }),
                    },
                }),
            },
        },
        ReleaseNotFoundException notFound => new Status { Code = (int)Code.NotFound, Message = notFound.Message },
        RevisionMismatchException mismatch => new Status
        {
            Code = (int)Code.Aborted,
            Message = mismatch.Message,
            Details =
            {
                Any.Pack(new ErrorInfo
                {
                    Reason = ErrorReasons.RevisionMismatch,
                    Domain = ErrorDomain,
                    Metadata =
                    {
                        [ErrorReasons.Keys.CurrentRevision] = mismatch.Current.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        [ErrorReasons.Keys.ExpectedRevision] = mismatch.Expected.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    },
                }),
            },
        },
        AccessDeniedException denied => MissingRight(denied),
        WorkflowException workflow => new Status
        {
            Code = (int)Code.FailedPrecondition,
            Message = workflow.Message,
            Details =
            {
                Any.Pack(new PreconditionFailure
                {
                    Violations =
                    {
                        workflow.Violations.Select(v => new PreconditionFailure.Types.Violation
                        {
                            Type = ErrorReasons.VariantState, Subject = $"variants/{v.Language}", Description = v.Description,
                        }),
                    },
                }),
            },
        },
        SlugTakenException taken => AlreadyExists(taken.Message, ErrorReasons.SlugTaken, ErrorReasons.Keys.Slug, taken.Slug),
        ReleaseExistsException exists => WithInfo(Code.AlreadyExists, exists.Message, ErrorReasons.ReleaseExists, ErrorReasons.Keys.CurrentRevision, exists.StoredRevision),
        RequestIdReusedException reused => AlreadyExists(reused.Message, ErrorReasons.RequestIdReused, ErrorReasons.Keys.RequestId, reused.RequestId),
        ChangesExpiredException expired => WithInfo(Code.OutOfRange, expired.Message, ErrorReasons.EventsExpired, ErrorReasons.Keys.OldestSequence, expired.OldestSequence),
        SequenceAheadException ahead => WithInfo(Code.OutOfRange, ahead.Message, ErrorReasons.SequenceAhead, ErrorReasons.Keys.LastSequence, ahead.LastSequence),
        WatcherTooSlowException slow => WithInfo(Code.ResourceExhausted, slow.Message, ErrorReasons.WatcherTooSlow, ErrorReasons.Keys.LastSequence, slow.LastSequence),
        WatchInterruptedException interrupted => WithInfo(Code.Unavailable, interrupted.Message, ErrorReasons.ServerStopping, ErrorReasons.Keys.LastSequence, interrupted.LastSequence),
        _ => null,
    };

    private static Status MissingRight(AccessDeniedException denied)
    {
        var info = new ErrorInfo { Reason = ErrorReasons.MissingRight, Domain = ErrorDomain, Metadata = { [ErrorReasons.Keys.Right] = Roles.NameOf(denied.Right) } };
        if (denied.Language is { } language)
        {
            info.Metadata[ErrorReasons.Keys.Language] = language;
        }
        return new Status { Code = (int)Code.PermissionDenied, Message = denied.Message, Details = { Any.Pack(info) } };
    }

    private static Status WithInfo(Code code, string message, string reason, string key, long value) => new()
    {
        Code = (int)code,
        Message = message,
        Details =
        {
            Any.Pack(new ErrorInfo
            {
                Reason = reason, Domain = ErrorDomain, Metadata = { [key] = value.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            }),
        },
    };

    private static Status AlreadyExists(string message, string reason, string key, string value) => new()
    {
        Code = (int)Code.AlreadyExists,
        Message = message,
        Details = { Any.Pack(new ErrorInfo { Reason = reason, Domain = ErrorDomain, Metadata = { [key] = value } }) },
    };
}
