using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Translations.Errors;
using Status = Google.Rpc.Status;
using Translations.V1;

namespace Translations.Hosting;

/// <summary>
/// How large a call's headers may be. Kestrel's own HTTP/2 limits (32 KiB by default) end the whole
/// connection when crossed: a header field beyond <c>MaxRequestHeaderFieldSize</c> is a GOAWAY with
/// COMPRESSION_ERROR, a header list beyond twice <c>MaxRequestHeadersTotalSize</c> one with
/// PROTOCOL_ERROR, and every other call on that connection, a live watch included, ends with it.
/// (A list between once and twice the limit, or too many fields, is an HTTP 431 on its own stream,
/// which gRPC clients report as INTERNAL.) So Kestrel's limits are set well above the service's own,
/// which is checked per call, before authentication, and fails only that call: RESOURCE_EXHAUSTED.
/// </summary>
public static class RequestHeaderLimits
{
    /// <summary>
    /// The service's limit on a call's headers together, counted as HTTP/2 counts them (name, value and
    /// 32 bytes per field): 64 KiB, three times the 20 KB tokens of identity providers listing many groups.
    /// </summary>
    public const int MaxHeadersSize = 64 * 1024;

    /// <summary>
    /// Kestrel's limits, four times the service's: headers between the two are refused per call. Only a
    /// single field beyond it, or a list beyond twice it, ends the connection (no client that honours
    /// the SETTINGS_MAX_HEADER_LIST_SIZE Kestrel advertises sends that). The HPACK decoder grows to the
    /// largest field a connection sends, so this also bounds a connection's header memory.
    /// </summary>
    public const int KestrelHeadersSize = 4 * MaxHeadersSize;

    /// <summary>Kestrel's limit on header fields per request (default 100, then HTTP 431); the size limit bounds them anyway.</summary>
    public const int KestrelHeaderCount = 1_000;

    /// <summary>Per-field overhead in the HTTP/2 header list size (RFC 9113, section 6.5.2).</summary>
    private const int FieldOverhead = 32;

    public static IHostApplicationBuilder AddRequestHeaderLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestHeadersTotalSize = KestrelHeadersSize;
            kestrel.Limits.MaxRequestHeaderCount = KestrelHeaderCount;
            kestrel.Limits.Http2.MaxRequestHeaderFieldSize = KestrelHeadersSize;
        });
        return builder;
    }

    /// <summary>Refuses a call whose headers are over <see cref="MaxHeadersSize"/> with RESOURCE_EXHAUSTED; the connection goes on.</summary>
    public static WebApplication UseRequestHeaderLimits(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var request = context.Request;
            // :method, :scheme and :path with the query; :authority is among the headers, as Host.
            long size = 3 * FieldOverhead + request.Method.Length + "https".Length + (request.Path.Value?.Length ?? 0) + (request.QueryString.Value?.Length ?? 0);
            var largest = (Name: "", Size: 0L);
            foreach (var (name, values) in request.Headers)
            {
                foreach (var value in values)
                {
                    var fieldSize = name.Length + (value?.Length ?? 0) + FieldOverhead;
                    size += fieldSize;
                    if (fieldSize > largest.Size)
                    {
                        largest = (name, fieldSize);
                    }
                }
            }
            return size <= MaxHeadersSize ? next(context) : RefusalResponse.WriteAsync(context, TooLarge(size, largest.Name));
        });
        return app;
    }

    private static Status TooLarge(long size, string largest) => new()
    {
        Code = (int)Code.ResourceExhausted,
        Message = string.Create(CultureInfo.InvariantCulture,
            $"The request headers take {size} bytes, more than the {MaxHeadersSize} this service accepts; the largest is {largest}."),
        Details =
        {
            Any.Pack(new ErrorInfo
            {
                Reason = ErrorReasons.HeadersTooLarge,
                Domain = ErrorMappingInterceptor.ErrorDomain,
                Metadata = { ["limit_bytes"] = MaxHeadersSize.ToString(CultureInfo.InvariantCulture) },
            }),
        },
    };
}
