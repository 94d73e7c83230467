using Grpc.Core;

namespace Translations.Releases;

/// <summary>
/// Writes a server stream without flushing every message (<see cref="WriteFlags.BufferHint"/>): a flush
/// after every <see cref="FlushEvery"/> messages or <see cref="FlushBytes"/> bytes, whichever comes
/// first, and whenever the next message is not ready yet, so a reader never waits for a message the
/// server has already produced. A flush waits for the client's HTTP/2 window, so a slow reader holds
/// the server back instead of the server buffering the whole stream in memory. A flush per message costs
/// about half the throughput of a stream (docs/benchmarks.md); the end of the call flushes the rest.
/// </summary>
internal static class BufferedWrites
{
    public const int FlushEvery = 64;
    public const int FlushBytes = 64 * 1024;

    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);

    public static async Task WriteAllAsync<T>(this IServerStreamWriter<T> stream, IAsyncEnumerable<T> messages, ServerCallContext context)
        where T : class, Google.Protobuf.IMessage
    {
        // Transcoded to HTTP/JSON, each response is written and flushed as one line; write options do not apply there.
        var grpc = !HttpJson.HttpJsonEndpoint.IsTranscoded(context.GetHttpContext());
        var buffered = 0;
        var bufferedBytes = 0;
        await using var next = messages.GetAsyncEnumerator(context.CancellationToken);
        while (true)
        {
            var more = next.MoveNextAsync();
            if (!more.IsCompleted && buffered > 0)
            {
                await context.GetHttpContext().Response.BodyWriter.FlushAsync(context.CancellationToken);
                (buffered, bufferedBytes) = (0, 0);
            }
            if (!await more)
            {
                return;
            }
            bufferedBytes += next.Current.CalculateSize();
            var flush = ++buffered == FlushEvery || bufferedBytes >= FlushBytes;
            if (grpc)
            {
                stream.WriteOptions = flush ? null : Buffered;
            }
            await stream.WriteAsync(next.Current, context.CancellationToken);
            if (flush)
            {
                (buffered, bufferedBytes) = (0, 0);
            }
        }
    }
}
