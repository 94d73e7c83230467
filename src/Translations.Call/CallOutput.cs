using Google.Protobuf;
using Grpc.Core;

namespace Translations.Call;

/// <summary>What the tool prints: responses as JSON (or one field of each), errors with their google.rpc details.</summary>
public sealed class CallOutput(TextWriter output, TextWriter error, FieldPath? print)
{
    public void Response(IMessage response) =>
        output.WriteLine(print is null ? JsonFormats.Indented.Format(response) : print.Format(response));

    public void Header(string value) => output.WriteLine(value);

    /// <summary>The status, its message and every google.rpc detail; never a stack trace.</summary>
    public void Failure(RpcException failure, string address)
    {
        // A status the service sent has no local exception; one the client made up for a failed connection has.
        if (failure.StatusCode == StatusCode.Unavailable && failure.Status.DebugException is { } unreachable)
        {
            error.WriteLine($"ERROR: Unavailable: the service at {address} could not be reached ({unreachable.Message}). "
                + "Start it (dotnet run --project src/Translations.Api), or point --address or TRANSLATIONS_ADDRESS at it.");
            return;
        }
        error.WriteLine($"ERROR: {failure.StatusCode}: {failure.Status.Detail}");
        foreach (var detail in failure.GetRpcStatus()?.Details ?? [])
        {
            error.WriteLine(JsonFormats.Indented.Format(detail));
        }
    }

    public void Problem(string message) => error.WriteLine(message);
}
