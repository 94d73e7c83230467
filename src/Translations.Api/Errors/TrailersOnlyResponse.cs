using System.Text;
using Google.Protobuf;
using Status = Google.Rpc.Status;

namespace Translations.Errors;

/// <summary>
/// Answers a gRPC call from middleware, before any service code runs (authentication, authorization,
/// rate limiting): a trailers-only response carrying the status and its google.rpc details, which
/// every gRPC client reads like a status the service itself returned.
/// </summary>
public static class TrailersOnlyResponse
{
    public static Task WriteAsync(HttpContext context, Status status)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = status.Code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(status.Message);
        response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray());
        return response.CompleteAsync();
    }

    /// <summary>The gRPC spec's encoding of grpc-message: bytes outside 0x20-0x7E, and '%', as %XX.</summary>
    private static string PercentEncode(string message)
    {
        var builder = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }
}
