using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Google.Protobuf;

namespace Translations.Hosting;

/// <summary>
/// What an idempotent request asks for, as stored beside its first outcome: a retry must match it, and a
/// request id reused for something else must not. It is a stored format, so it is derived from the
/// request's meaning, never from today's C# types: the request's protobuf bytes with <c>request_id</c>
/// cleared, after the operation and the caller. Proto3 leaves a field at its default off the wire, so a
/// field added to the contract later does not change the fingerprint of a request that does not use it.
/// </summary>
public static class RequestFingerprint
{
    /// <summary>The form's version, stored as the fingerprint's prefix so that a later form can tell them apart.</summary>
    public const string Prefix = "v2:";

    public static string Of(string operation, string caller, IMessage request)
    {
        var meaning = request.Descriptor.Parser.ParseFrom(request.ToByteString());
        request.Descriptor.FindFieldByName("request_id")?.Accessor.Clear(meaning);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(operation));
        hash.AppendData([0]);
        hash.AppendData(Encoding.UTF8.GetBytes(caller));
        hash.AppendData([0]);
        hash.AppendData(meaning.ToByteArray());
        return Prefix + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// The form before <see cref="Prefix"/> (a hash of the JSON of the caller and the domain command), still
    /// recognised so that a request first made before this version is honoured when retried after it.
    /// </summary>
    public static string Unversioned<TCommand>(string caller, TCommand command) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { author = caller, command })));
}
