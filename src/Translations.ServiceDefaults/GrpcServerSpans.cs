using System.Diagnostics;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Translations.Hosting;

/// <summary>
/// Makes ASP.NET Core's own request span (source <c>Microsoft.AspNetCore</c>) the server span of a
/// gRPC call: named <c>service/method</c>, with the RPC attributes of the semantic conventions
/// (<c>rpc.system</c>, <c>rpc.service</c>, <c>rpc.method</c>, <c>rpc.grpc.status_code</c>), an error
/// only for server faults. Health probes are not recorded. It runs first in the pipeline and costs a
/// null check when nothing listens (telemetry off: no span exists).
/// </summary>
internal sealed class GrpcServerSpans : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(static next => context => Activity.Current is null ? next(context) : TraceAsync(context, next));
        next(app);
    };

    private static Task TraceAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<IHttpActivityFeature>()?.Activity is not { IsAllDataRequested: true } span)
        {
            return next(context);
        }
        if (HealthProbes.IsProbe(context.Request.Path))
        {
            // Orchestrators call these every few seconds on every replica; they say nothing about a caller's request.
            span.IsAllDataRequested = false;
            span.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            return next(context);
        }
        return EnrichAfterAsync(context, next, span);
    }

    private static async Task EnrichAfterAsync(HttpContext context, RequestDelegate next, Activity span)
    {
        await next(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method is not { } method)
        {
            return;
        }
        span.DisplayName = $"{method.ServiceName}/{method.Name}";
        // grpc-dotnet's own copies of the two below, as strings: one way to say it keeps every exported span smaller.
        span.SetTag("grpc.method", null);
        span.SetTag("grpc.status_code", null);
        span.SetTag("rpc.system", "grpc");
        span.SetTag("rpc.service", method.ServiceName);
        span.SetTag("rpc.method", method.Name);
        if (GrpcCallStatus.Of(context) is { } status)
        {
            span.SetTag("rpc.grpc.status_code", status);
            // Server spans are errors only for what the server did wrong, not for a caller's mistakes.
            if (status is 2 or 4 or 12 or 13 or 14 or 15)
            {
                span.SetStatus(ActivityStatusCode.Error);
            }
        }
        else if (!context.RequestAborted.IsCancellationRequested)
        {
            // The same RPC transcoded to HTTP/JSON answers with an HTTP status instead (5xx: the server's fault).
            span.SetTag("http.response.status_code", context.Response.StatusCode);
            if (context.Response.StatusCode >= 500)
            {
                span.SetStatus(ActivityStatusCode.Error);
            }
        }
    }
}
