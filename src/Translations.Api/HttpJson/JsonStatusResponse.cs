using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.Net.Http.Headers;
using Status = Google.Rpc.Status;

namespace Translations.HttpJson;

/// <summary>
/// A refusal of an HTTP/JSON call, written the way JSON transcoding writes the statuses the service
/// itself returns: the HTTP status transcoding maps the gRPC code to, and the google.rpc.Status with its
/// details as the JSON body (<c>{"code": 16, "message": "…", "details": [{"@type": "…ErrorInfo", …}]}</c>).
/// </summary>
public static class JsonStatusResponse
{
    /// <summary>The google.rpc detail messages (ErrorInfo, BadRequest, RetryInfo…), for <c>@type</c> in JSON.</summary>
    public static TypeRegistry ErrorDetails { get; } = TypeRegistry.FromFiles(Google.Rpc.ErrorDetailsReflection.Descriptor);

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true).WithTypeRegistry(ErrorDetails));

    public static Task WriteAsync(HttpContext context, Status status)
    {
        var response = context.Response;
        response.StatusCode = HttpStatusOf((StatusCode)status.Code);
        response.ContentType = "application/json; charset=utf-8";
        if (status.Code == (int)StatusCode.Unauthenticated)
        {
            response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        }
        return response.Body.WriteAsync(Compact(Formatter.Format(status)), context.RequestAborted).AsTask();
    }

    /// <summary>Without the spaces JsonFormatter puts between tokens, as transcoding writes JSON.</summary>
    private static ReadOnlyMemory<byte> Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }
        return buffer.WrittenMemory;
    }

    /// <summary>The mapping JSON transcoding applies to the statuses of the RPCs (the same table as google.api's).</summary>
    public static int HttpStatusOf(StatusCode code) => code switch
    {
        StatusCode.OK => StatusCodes.Status200OK,
        StatusCode.Cancelled => StatusCodes.Status408RequestTimeout,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
        StatusCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        StatusCode.NotFound => StatusCodes.Status404NotFound,
        StatusCode.AlreadyExists or StatusCode.Aborted => StatusCodes.Status409Conflict,
        StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
        StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        StatusCode.Unimplemented => StatusCodes.Status501NotImplemented,
        StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
