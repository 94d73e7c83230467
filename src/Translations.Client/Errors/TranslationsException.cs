using Google.Rpc;
using Grpc.Core;
using Translations.V1;

namespace Translations.Client;

/// <summary>
/// A call to the Translations service failed. The subclasses name the failures a caller handles
/// differently; each carries what the service said in its <c>google.rpc</c> details, read by
/// <see cref="TranslationsErrors.From"/>. The <see cref="Exception.InnerException"/> is the
/// <see cref="RpcException"/>.
/// </summary>
public class TranslationsException : Exception
{
    public TranslationsException(RpcException call, Google.Rpc.Status? status)
        : base(call.Status.Detail, call)
    {
        StatusCode = call.StatusCode;
        Details = status;
        var info = status?.GetDetail<ErrorInfo>();
        Reason = info?.Reason;
        Metadata = info?.Metadata is { } metadata ? new Dictionary<string, string>(metadata) : new Dictionary<string, string>();
        RetryDelay = status?.GetDetail<RetryInfo>()?.RetryDelay?.ToTimeSpan();
        FieldViolations = status?.GetDetail<BadRequest>()?.FieldViolations.Select(v => new FieldViolation(v.Field, v.Description)).ToList() ?? [];
        PreconditionViolations = status?.GetDetail<PreconditionFailure>()?.Violations.Select(v => new PreconditionViolation(v.Type, v.Subject, v.Description)).ToList() ?? [];
    }

    /// <summary>The gRPC status code the service answered.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>The <c>ErrorInfo</c> reason, e.g. <c>REVISION_MISMATCH</c> (see <c>Translations.V1.ErrorReasons</c>); null when the service gave none.</summary>
    public string? Reason { get; }

    /// <summary>The <c>ErrorInfo</c> metadata, e.g. <c>current_revision</c>.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>How long the service asks the caller to wait before trying again (<c>RetryInfo</c>), when it said.</summary>
    public TimeSpan? RetryDelay { get; }

    /// <summary>The request's fields that were refused and why (<c>BadRequest</c>).</summary>
    public IReadOnlyList<FieldViolation> FieldViolations { get; }

    /// <summary>The preconditions that did not hold (<c>PreconditionFailure</c>), e.g. a variant in the wrong state.</summary>
    public IReadOnlyList<PreconditionViolation> PreconditionViolations { get; }

    /// <summary>The whole <c>google.rpc.Status</c>, when the service sent one.</summary>
    public Google.Rpc.Status? Details { get; }

    internal long? MetadataNumber(string key) =>
        Metadata.TryGetValue(key, out var value) && long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
}

/// <summary>One field of a request the service refused, named as in the proto (<c>release.variants[0].title</c>).</summary>
public sealed record FieldViolation(string Field, string Description);

/// <summary>One precondition that did not hold: <paramref name="Subject"/> is e.g. <c>variants/en</c>.</summary>
public sealed record PreconditionViolation(string Type, string Subject, string Description);

/// <summary>INVALID_ARGUMENT: the request was refused as it is; <see cref="TranslationsException.FieldViolations"/> says which fields. Nothing was written.</summary>
public sealed class InvalidRequestException(RpcException call, Google.Rpc.Status? status) : TranslationsException(call, status);

/// <summary>NOT_FOUND: no such release (or none readers may see).</summary>
public sealed class ReleaseNotFoundException(RpcException call, Google.Rpc.Status? status) : TranslationsException(call, status);

/// <summary>ABORTED: the expected revision is not the current one; read again and redo the change on the current revision.</summary>
public sealed class RevisionConflictException(RpcException call, Google.Rpc.Status? status) : TranslationsException(call, status)
{
    /// <summary>The revision the request expected.</summary>
    public long? ExpectedRevision => MetadataNumber(ErrorReasons.Keys.ExpectedRevision);

    /// <summary>The revision the release or variant is at.</summary>
    public long? CurrentRevision => MetadataNumber(ErrorReasons.Keys.CurrentRevision);
}

/// <summary>FAILED_PRECONDITION: the workflow does not allow this step now (e.g. publishing a variant that is not approved); see <see cref="TranslationsException.PreconditionViolations"/>.</summary>
public sealed class WorkflowConflictException(RpcException call, Google.Rpc.Status? status) : TranslationsException(call, status);

/// <summary>ALREADY_EXISTS: the slug is taken (<c>SLUG_TAKEN</c>) or the request_id was used with another payload (<c>REQUEST_ID_REUSED</c>).</summary>
public sealed class AlreadyExistsException(RpcException call, Google.Rpc.Status? status) : TranslationsException(call, status);

/// <summary>UNAUTHENTICATED: no token, or one the service does not accept (<c>TOKEN_MISSING</c>, <c>TOKEN_INVALID</c>, <c>TOKEN_EXPIRED</c>).</summary>
public sealed class AuthenticationException(RpcException call, Google.Rpc.Status? status) : TranslationsException(call, status);

/// <summary>PERMISSION_DENIED: the token lacks a right (<see cref="Right"/>), or the language (<see cref="Language"/>) for a translator.</summary>
public sealed class PermissionDeniedException(RpcException call, Google.Rpc.Status? status) : TranslationsException(call, status)
{
    public string? Right => Metadata.GetValueOrDefault(ErrorReasons.Keys.Right);

    public string? Language => Metadata.GetValueOrDefault(ErrorReasons.Keys.Language);
}

/// <summary>RESOURCE_EXHAUSTED: too many writes; wait <see cref="TranslationsException.RetryDelay"/> and send the same request again.</summary>
public sealed class RateLimitedException(RpcException call, Google.Rpc.Status? status) : TranslationsException(call, status);

/// <summary>
/// OUT_OF_RANGE from a watch: the events after the requested sequence are gone (<c>EVENTS_EXPIRED</c>) or
/// the sequence is not from this service (<c>SEQUENCE_AHEAD</c>). Re-sync with a query, then watch again.
/// </summary>
public sealed class EventsExpiredException(RpcException call, Google.Rpc.Status? status) : TranslationsException(call, status)
{
    /// <summary>For <c>EVENTS_EXPIRED</c>: the oldest sequence the service still keeps.</summary>
    public long? OldestSequence => MetadataNumber(ErrorReasons.Keys.OldestSequence);

    /// <summary>For <c>SEQUENCE_AHEAD</c>: the newest sequence of the service.</summary>
    public long? LastSequence => MetadataNumber(ErrorReasons.Keys.LastSequence);
}

/// <summary>UNAVAILABLE or DEADLINE_EXCEEDED: the service could not be reached or did not answer in time. A read was already retried; a write with a request_id may be sent again.</summary>
public sealed class ServiceUnavailableException(RpcException call, Google.Rpc.Status? status) : TranslationsException(call, status);
