using System.Security.Cryptography;
using System.Text.Json;

namespace Translations.Releases;

/// <summary>
/// An idempotency key: the operation, the caller's request id, and a fingerprint of the payload,
/// so that a retry is recognised and a reuse of the id for another payload is refused.
/// </summary>
public sealed record RequestKey(string Operation, string RequestId, string Fingerprint)
{
    public static RequestKey For<TCommand>(string operation, string requestId, TCommand command)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(command);
        return new RequestKey(operation, requestId, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
