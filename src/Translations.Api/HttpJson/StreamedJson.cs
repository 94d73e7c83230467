using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Translations.HttpJson;

/// <summary>
/// The server-streaming RPCs over HTTP/JSON (QueryReleases, SearchReleases). JSON transcoding writes
/// each response as one line of JSON, flushed as it comes, and a failure after the first response as a
/// last line holding the google.rpc.Status, under the content type application/json. A caller that
/// asks for <c>Accept: application/x-ndjson</c> gets exactly that, under its own content type; every
/// other caller gets a JSON array of the responses (<c>[]</c> for none), still streamed, which any
/// JSON parser reads whole. A call refused before its first response is the status alone, as for
/// unary calls.
/// </summary>
internal static class StreamedJson
{
    public const string NdJson = "application/x-ndjson";

    public static Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        if (!IsServerStreaming(context))
        {
            return next(context);
        }
        if (AcceptsNdJson(context.Request))
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                if (response.StatusCode == StatusCodes.Status200OK)
                {
                    response.ContentType = NdJson + "; charset=utf-8";
                }
                return Task.CompletedTask;
            });
            return next(context);
        }
        return AsArrayAsync(context, next);
    }

    private static async Task AsArrayAsync(HttpContext context, RequestDelegate next)
    {
        var body = context.Features.Get<IHttpResponseBodyFeature>()!;
        var array = new JsonLinesAsArray(body.Stream, context.Response);
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(array, body));
        try
        {
            await next(context);
            // No cancellation: once the caller has gone, Kestrel drops what is still written.
            await context.Response.BodyWriter.FlushAsync(CancellationToken.None);
            await array.EndAsync(CancellationToken.None);
        }
        finally
        {
            context.Features.Set(body);
        }
    }

    private static bool IsServerStreaming(HttpContext context) =>
        HttpJsonEndpoint.IsTranscoded(context)
        && context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.Type == MethodType.ServerStreaming;

    private static bool AcceptsNdJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(type => type.MediaType.Equals(NdJson, StringComparison.OrdinalIgnoreCase) && type.Quality is not 0);
}

/// <summary>
/// Turns the lines of JSON that transcoding writes (one JSON value per line; a JSON text written without
/// indentation holds no line break of its own) into the elements of one JSON array, as they are written:
/// <c>[</c> before the first, a comma in place of each line break but the last, <c>]</c> at the end. A
/// response that is not 200 when its first byte is written (a refusal) goes through unchanged.
/// </summary>
internal sealed class JsonLinesAsArray(Stream inner, HttpResponse response) : Stream
{
    private static readonly byte[] OpenBracket = "["u8.ToArray();
    private static readonly byte[] Comma = ","u8.ToArray();
    private static readonly byte[] CloseBracket = "]"u8.ToArray();

    private enum Form { NotStarted, Array, AsWritten }

    private Form _form;

    /// <summary>A line has ended: the next element needs a comma before it.</summary>
    private bool _lineEnded;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_form == Form.NotStarted)
        {
            _form = response.StatusCode == StatusCodes.Status200OK ? Form.Array : Form.AsWritten;
            if (_form == Form.Array)
            {
                await inner.WriteAsync(OpenBracket, cancellationToken);
            }
        }
        if (_form == Form.AsWritten)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            return;
        }
        while (!buffer.IsEmpty)
        {
            var lineBreak = buffer.Span.IndexOf((byte)'\n');
            var element = lineBreak < 0 ? buffer : buffer[..lineBreak];
            if (!element.IsEmpty)
            {
                if (_lineEnded)
                {
                    await inner.WriteAsync(Comma, cancellationToken);
                    _lineEnded = false;
                }
                await inner.WriteAsync(element, cancellationToken);
            }
            if (lineBreak < 0)
            {
                return;
            }
            _lineEnded = true;
            buffer = buffer[(lineBreak + 1)..];
        }
    }

    /// <summary>Closes the array (<c>[]</c> when nothing was written); nothing for a response passed through.</summary>
    public async Task EndAsync(CancellationToken cancellationToken)
    {
        if (_form == Form.NotStarted && response.StatusCode == StatusCodes.Status200OK)
        {
            response.ContentType ??= "application/json; charset=utf-8";
            await inner.WriteAsync(OpenBracket, cancellationToken);
            _form = Form.Array;
        }
        if (_form == Form.Array)
        {
            await inner.WriteAsync(CloseBracket, cancellationToken);
            await inner.FlushAsync(cancellationToken);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Synchronous writes are not allowed on a response.");

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
