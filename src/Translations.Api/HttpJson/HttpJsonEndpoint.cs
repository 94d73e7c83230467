using System.Net;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Translations.HttpJson;

/// <summary>
/// The Kestrel endpoint for callers without gRPC (<c>Kestrel__Endpoints__Http__Url</c>, HTTP/1.1): it
/// serves the transcoded read RPCs, their OpenAPI document and the health paths, and nothing else, and
/// those routes answer on no other endpoint. Its connections are marked as Kestrel accepts them, so the
/// rule holds whatever port it listens on (0 included) and whatever Host header a proxy passes on.
/// </summary>
public sealed class HttpJsonEndpoint
{
    /// <summary>The endpoint's name under <c>Kestrel:Endpoints</c>.</summary>
    public const string Name = "Http";

    /// <summary>The connection item that marks a connection accepted on this endpoint.</summary>
    private static readonly object Marker = new();

    private ListenOptions? _listen;

    /// <summary>Where it listens once the server has started (the port Kestrel chose for port 0); null when it is not configured.</summary>
    public Uri? Address => _listen?.IPEndPoint is { } bound ? new Uri($"http://{bound}") : null;

    /// <summary>Called by Kestrel while it loads its endpoints from configuration, for this one only.</summary>
    internal void Attach(ListenOptions listen)
    {
        _listen = listen;
        listen.Use(next => connection =>
        {
            connection.Items[Marker] = Marker;
            return next(connection);
        });
    }

    /// <summary>Whether the request came in on this endpoint.</summary>
    public static bool Received(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(Marker) == true;

    /// <summary>Whether the request was routed to a transcoded RPC or the OpenAPI document: routes of this endpoint only.</summary>
    public static bool IsRoute(HttpContext context) =>
        context.GetEndpoint()?.Metadata is { } metadata
        && (metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is not null || metadata.GetMetadata<OpenApiDocumentRoute>() is not null);

    /// <summary>Whether the request was routed to a transcoded RPC (rather than to the same RPC over gRPC).</summary>
    public static bool IsTranscoded(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is not null;
}

/// <summary>Endpoint metadata of the OpenAPI document's route.</summary>
internal sealed class OpenApiDocumentRoute;
