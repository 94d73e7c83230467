using Translations.HttpJson;
using Status = Google.Rpc.Status;

namespace Translations.Errors;

/// <summary>
/// Answers a call from middleware, before any service code runs (header limits, authentication,
/// authorization, rate limiting), in the caller's own protocol: a gRPC trailers-only response, or for
/// HTTP/JSON the HTTP status and JSON body that transcoding gives the service's own errors.
/// </summary>
public static class RefusalResponse
{
    public static Task WriteAsync(HttpContext context, Status status) =>
        HttpJsonEndpoint.IsRoute(context) ? JsonStatusResponse.WriteAsync(context, status) : TrailersOnlyResponse.WriteAsync(context, status);
}
