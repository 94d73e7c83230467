using System.Security.Cryptography;
using System.Text.Json;

namespace Translations.Releases;

/// <summary>
/// An idempotency key: the operation, the caller's request id, and a fingerprint of the caller and
/// the payload, so that a retry is recognised and a reuse of the id for another payload, or by
/// another caller, is refused.
/// </summary>
public sealed record RequestKey(string Operation, string RequestId, string Fingerprint)
{
    public static RequestKey For<TCommand>(string operation, string requestId, string author, TCommand command)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new { author, command });
        return new RequestKey(operation, requestId, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
