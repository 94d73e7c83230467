using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;

namespace Translations.Hosting;


/// <summary>
/// One log line per call: the RPC, the caller's <c>sub</c>, the gRPC status and the duration. Never a
/// header, a token or a message body. Health probes log at Debug so that they do not drown the rest.
/// The path and the <c>sub</c> come from the client, so they are escaped: no value can end the line
/// or forge another one, whatever it contains.
/// </summary>
internal sealed partial class CallLogging(RequestDelegate next, ILogger<CallLogging> logger, ServiceMetrics metrics)
{
    /// <summary>Longer values are cut here; gRPC method paths and <c>sub</c>s are far shorter.</summary>
    public const int MaxValueLength = 256;

    /// <summary>Printable ASCII but the backslash: what most paths and <c>sub</c>s consist of, written as is.</summary>
    private static readonly SearchValues<char> Plain = SearchValues.Create(
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (metrics.CountsWrites && IsWrite(context.GetEndpoint()) is { } write)
            {
                metrics.Write(write, GrpcCallStatus.Of(context));
            }
            var level = HealthProbes.IsProbe(context.Request.Path) ? LogLevel.Debug : LogLevel.Information;
            if (logger.IsEnabled(level))
            {
                var status = StatusOf(context);
                LogCall(level, Escape(context.Request.Path.Value ?? ""), Escape(context.User.Identity?.Name ?? "-"), status,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }

    /// <summary>
    /// grpc-status from the trailers, or from the headers of a trailers-only answer; aborted calls have none.
    /// HTTP/JSON calls have the HTTP status instead.
    /// </summary>
    private static string StatusOf(HttpContext context) =>
        GrpcCallStatus.Of(context) is { } code ? ((StatusCode)code).ToString()
        : context.RequestAborted.IsCancellationRequested ? "Aborted by client"
        : HttpJson.HttpJsonEndpoint.IsRoute(context) ? $"HTTP {context.Response.StatusCode}"
        : "None";

    /// <summary>The RPC's name when it is a write (one the write rate limit applies to), else null.</summary>
    internal static string? IsWrite(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>() is { PolicyName: Access.WriteRateLimiting.Policy }
            ? endpoint.Metadata.GetMetadata<Grpc.AspNetCore.Server.GrpcMethodMetadata>()?.Method.Name
            : null;

    /// <summary>
    /// The value with a backslash, every control character, line or paragraph separator, format
    /// character (bidirectional overrides included) and lone surrogate written as an escape
    /// (<c>\n</c>, <c>\u2028</c>), cut to <see cref="MaxValueLength"/> characters. The same string when
    /// nothing needs escaping.
    /// </summary>
    internal static string Escape(string value)
    {
        if (value.Length <= MaxValueLength && !value.AsSpan().ContainsAnyExcept(Plain))
        {
            return value;
        }
        var builder = new StringBuilder(Math.Min(value.Length, MaxValueLength) + 32);
        var i = 0;
        for (; i < value.Length && i < MaxValueLength; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
            }
            else if (c == '\\' || char.IsSurrogate(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                builder.Append(c switch
                {
                    '\\' => @"\\",
                    '\n' => @"\n",
                    '\r' => @"\r",
                    '\t' => @"\t",
                    _ => @"\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                });
            }
            else
            {
                builder.Append(c);
            }
        }
        if (i < value.Length)
        {
            builder.Append(CultureInfo.InvariantCulture, $"…(+{value.Length - i} characters)");
        }
        return builder.ToString();
    }

    [LoggerMessage(Message = "{Rpc} by {Sub}: {Status} in {DurationMs:0.0} ms")]
    private partial void LogCall(LogLevel level, string rpc, string sub, string status, double durationMs);
}
