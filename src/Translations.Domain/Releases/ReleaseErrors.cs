namespace Translations.Releases;

/// <summary>Base of the failures the domain reports; the host maps each to one gRPC status.</summary>
public abstract class ReleaseException(string message) : Exception(message);

public sealed class ReleaseNotFoundException(string what)
    : ReleaseException($"{what} was not found.");

/// <summary>The caller's expected revision is not the current one: someone else wrote first.</summary>
public sealed class RevisionMismatchException(string what, long expected, long current)
    : ReleaseException($"{what} is at revision {current}, not the expected {expected}; re-read it and retry.")
{
    public long Expected { get; } = expected;
    public long Current { get; } = current;
}

public sealed class SlugTakenException(string slug)
    : ReleaseException($"The slug '{slug}' is already used by another release.")
{
    public string Slug { get; } = slug;
}

/// <summary>A request id was reused for a different payload.</summary>
public sealed class RequestIdReusedException(string requestId)
    : ReleaseException($"The request_id '{requestId}' was already used for a different request.")
{
    public string RequestId { get; } = requestId;
}

/// <summary>A restore names a release that exists at another revision than the backup's: it is left as it is.</summary>
public sealed class ReleaseExistsException(string releaseId, long storedRevision, long backupRevision)
    : ReleaseException($"Release {releaseId} already exists at revision {storedRevision}, not the backup's {backupRevision}; it was left as it is. Restore into an empty database, or delete the release first.")
{
    public string ReleaseId { get; } = releaseId;
    public long StoredRevision { get; } = storedRevision;
}
