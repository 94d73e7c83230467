using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Translations.Hosting;

/// <summary>What a gRPC call ended with, as its client saw it on the wire.</summary>
public static class GrpcCallStatus
{
    /// <summary>grpc-status from the trailers, or from the headers of a trailers-only answer; null for a call aborted before either.</summary>
    public static int? Of(HttpContext context)
    {
        var value = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"] is { Count: > 0 } trailer
            ? trailer.ToString()
            : context.Response.Headers["grpc-status"].ToString();
        return int.TryParse(value, out var code) ? code : null;
    }
}
