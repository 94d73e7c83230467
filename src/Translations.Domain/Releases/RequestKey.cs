namespace Translations.Releases;

/// <summary>
/// An idempotency key: the operation, the caller's request id, and a fingerprint of the caller and
/// the request, so that a retry is recognised and a reuse of the id for another request, or by
/// another caller, is refused. <see cref="EarlierFingerprint"/> is the same request's fingerprint in the
/// form an earlier version stored, if any.
/// </summary>
public sealed record RequestKey(string Operation, string RequestId, string Fingerprint, string? EarlierFingerprint = null)
{
    public bool Matches(string storedFingerprint) => storedFingerprint == Fingerprint || storedFingerprint == EarlierFingerprint;
}
