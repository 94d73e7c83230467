using Grpc.Core;
using Translations.V1;

namespace Translations.Client;

/// <summary>The one reader of the service's errors: a failed call as the <see cref="TranslationsException"/> that names it.</summary>
public static class TranslationsErrors
{
    public static TranslationsException From(RpcException call)
    {
        Google.Rpc.Status? status;
        try
        {
            status = call.GetRpcStatus();
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            status = null;   // a proxy's malformed grpc-status-details-bin: the status code still says enough
        }
        var reason = status?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason;
        return call.StatusCode switch
        {
            StatusCode.InvalidArgument => new InvalidRequestException(call, status),
            StatusCode.NotFound => new ReleaseNotFoundException(call, status),
            StatusCode.Aborted when reason == ErrorReasons.RevisionMismatch => new RevisionConflictException(call, status),
            StatusCode.FailedPrecondition => new WorkflowConflictException(call, status),
            StatusCode.AlreadyExists => new AlreadyExistsException(call, status),
            StatusCode.Unauthenticated => new AuthenticationException(call, status),
            StatusCode.PermissionDenied => new PermissionDeniedException(call, status),
            StatusCode.ResourceExhausted when reason != ErrorReasons.WatcherTooSlow => new RateLimitedException(call, status),
            StatusCode.OutOfRange when reason is ErrorReasons.EventsExpired or ErrorReasons.SequenceAhead => new EventsExpiredException(call, status),
            StatusCode.Unavailable or StatusCode.DeadlineExceeded => new ServiceUnavailableException(call, status),
            _ => new TranslationsException(call, status),
        };
    }
}
