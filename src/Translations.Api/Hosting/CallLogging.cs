using System.Diagnostics;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;

namespace Translations.Hosting;


/// <summary>
/// One log line per call: the RPC, the caller's <c>sub</c>, the gRPC status and the duration. Never a
/// header, a token or a message body. Health probes log at Debug so that they do not drown the rest.
/// </summary>
internal sealed partial class CallLogging(RequestDelegate next, ILogger<CallLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var level = context.Request.Path.StartsWithSegments("/grpc.health.v1.Health") ? LogLevel.Debug : LogLevel.Information;
            if (logger.IsEnabled(level))
            {
                var status = StatusOf(context);
                LogCall(level, context.Request.Path.Value ?? "", context.User.Identity?.Name ?? "-", status,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }

    /// <summary>grpc-status from the trailers, or from the headers of a trailers-only answer; aborted calls have none.</summary>
    private static string StatusOf(HttpContext context)
    {
        var value = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"] is { Count: > 0 } trailer
            ? trailer.ToString()
            : context.Response.Headers["grpc-status"].ToString();
        return int.TryParse(value, out var code) ? ((StatusCode)code).ToString() : context.RequestAborted.IsCancellationRequested ? "Aborted by client" : "None";
    }

    [LoggerMessage(Message = "{Rpc} by {Sub}: {Status} in {DurationMs:0.0} ms")]
    private partial void LogCall(LogLevel level, string rpc, string sub, string status, double durationMs);
}
