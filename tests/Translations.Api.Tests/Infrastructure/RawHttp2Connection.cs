using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Google.Protobuf;

namespace Translations.Tests.Infrastructure;

/// <summary>
/// One plaintext HTTP/2 connection spoken frame by frame, as a proxy that forwards whatever its
/// callers send would speak it: it sends any header it is given, whatever the server advertised in
/// SETTINGS_MAX_HEADER_LIST_SIZE (HttpClient and grpc-dotnet refuse to). It reads frames without
/// decoding response headers; a test looks at which frames arrive on which stream, and at GOAWAY.
/// </summary>
public sealed class RawHttp2Connection : IAsyncDisposable
{
    public const byte Data = 0, Headers = 1, RstStream = 3, Settings = 4, Ping = 6, GoAway = 7, Continuation = 9;
    private const byte EndStream = 0x1, EndHeaders = 0x4, Ack = 0x1;
    private const int MaxFrameSize = 16_384;

    private readonly TcpClient _client = new();
    private readonly Dictionary<int, int> _looked = [];   // per stream: how many received frames it has looked through
    private readonly SemaphoreSlim _writing = new(1, 1);
    private NetworkStream _stream = null!;
    private Task _reading = Task.CompletedTask;
    private int _nextStreamId = 1;

    public sealed record Frame(byte Type, byte Flags, int StreamId, byte[] Payload)
    {
        public bool EndsStream => (Flags & EndStream) != 0;

        /// <summary>A GOAWAY's error code (RFC 9113, section 7): 1 PROTOCOL_ERROR, 9 COMPRESSION_ERROR.</summary>
        public uint ErrorCode => BinaryPrimitives.ReadUInt32BigEndian(Payload.AsSpan(Type == GoAway ? 4 : 0));
    }

    /// <summary>Every frame received so far, in order.</summary>
    public List<Frame> Received { get; } = [];

    public static async Task<RawHttp2Connection> OpenAsync(Uri address)
    {
        var connection = new RawHttp2Connection();
        await connection._client.ConnectAsync(address.Host, address.Port);
        connection._stream = connection._client.GetStream();
        await connection._stream.WriteAsync("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray());
        await connection.WriteFrameAsync(Settings, 0, 0, ReadOnlyMemory<byte>.Empty);
        connection._reading = Task.Run(connection.ReadFramesAsync);
        return connection;
    }

    /// <summary>Opens a stream with a gRPC request: these headers (lower-case names) after the pseudo-headers, then one message.</summary>
    public async Task<int> SendGrpcAsync(Uri address, string path, IEnumerable<(string Name, string Value)> headers, IMessage message)
    {
        var block = new MemoryStream();
        foreach (var (name, value) in new[] { (":method", "POST"), (":scheme", "http"), (":path", path), (":authority", address.Authority),
                     ("content-type", "application/grpc"), ("te", "trailers") }.Concat(headers))
        {
            block.WriteByte(0x00);   // literal header field without indexing, new name, no Huffman coding
            WriteLength(block, Encoding.ASCII.GetByteCount(name));
            block.Write(Encoding.ASCII.GetBytes(name));
            WriteLength(block, Encoding.ASCII.GetByteCount(value));
            block.Write(Encoding.ASCII.GetBytes(value));
        }
        var body = message.ToByteArray();
        var data = new byte[5 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(1), (uint)body.Length);
        body.CopyTo(data, 5);

        await _writing.WaitAsync();
        try
        {
            var streamId = _nextStreamId;
            _nextStreamId += 2;
            var bytes = block.ToArray();
            for (var offset = 0; offset == 0 || offset < bytes.Length; offset += MaxFrameSize)
            {
                var chunk = bytes.AsMemory(offset, Math.Min(MaxFrameSize, bytes.Length - offset));
                var last = offset + MaxFrameSize >= bytes.Length;
                await WriteFrameUnlockedAsync(offset == 0 ? Headers : Continuation, last ? EndHeaders : (byte)0, streamId, chunk);
            }
            await WriteFrameUnlockedAsync(Data, EndStream, streamId, data);
            return streamId;
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>The next frame of one of these types on <paramref name="streamId"/> (or GOAWAY, which ends the connection).</summary>
    public async Task<Frame> NextAsync(int streamId, params byte[] types)
    {
        var until = DateTime.UtcNow + Watching.Patience;
        while (true)
        {
            lock (Received)
            {
                for (var i = _looked.GetValueOrDefault(streamId); i < Received.Count; i++)
                {
                    if (Received[i].Type == GoAway || (Received[i].StreamId == streamId && types.Contains(Received[i].Type)))
                    {
                        _looked[streamId] = i + 1;
                        return Received[i];
                    }
                }
                _looked[streamId] = Received.Count;
            }
            Assert.False(_reading.IsCompleted, $"The connection closed without a frame for stream {streamId}.");
            Assert.True(DateTime.UtcNow < until, $"No frame for stream {streamId} within {Watching.Patience.TotalSeconds} s.");
            await Task.Delay(10);
        }
    }

    /// <summary>Frames until the stream ends (END_STREAM or RST_STREAM), or the connection does (GOAWAY).</summary>
    public async Task<List<Frame>> UntilEndAsync(int streamId)
    {
        var frames = new List<Frame>();
        while (true)
        {
            var frame = await NextAsync(streamId, Headers, Data, RstStream);
            frames.Add(frame);
            if (frame.Type is GoAway or RstStream || frame.EndsStream)
            {
                return frames;
            }
        }
    }

    private async Task ReadFramesAsync()
    {
        var header = new byte[9];
        try
        {
            while (true)
            {
                await _stream.ReadExactlyAsync(header);
                var length = header[0] << 16 | header[1] << 8 | header[2];
                var payload = new byte[length];
                await _stream.ReadExactlyAsync(payload);
                var frame = new Frame(header[3], header[4], BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5)) & 0x7fffffff, payload);
                lock (Received)
                {
                    Received.Add(frame);
                }
                if (frame.Type == Settings && (frame.Flags & Ack) == 0)
                {
                    await WriteFrameAsync(Settings, Ack, 0, ReadOnlyMemory<byte>.Empty);
                }
                else if (frame.Type == Ping && (frame.Flags & Ack) == 0)
                {
                    await WriteFrameAsync(Ping, Ack, 0, payload);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or EndOfStreamException)
        {
            // The connection is closed; NextAsync says so.
        }
    }

    private async Task WriteFrameAsync(byte type, byte flags, int streamId, ReadOnlyMemory<byte> payload)
    {
        await _writing.WaitAsync();
        try
        {
            await WriteFrameUnlockedAsync(type, flags, streamId, payload);
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task WriteFrameUnlockedAsync(byte type, byte flags, int streamId, ReadOnlyMemory<byte> payload)
    {
        var header = new byte[9];
        header[0] = (byte)(payload.Length >> 16);
        header[1] = (byte)(payload.Length >> 8);
        header[2] = (byte)payload.Length;
        header[3] = type;
        header[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(5), streamId);
        await _stream.WriteAsync(header);
        await _stream.WriteAsync(payload);
    }

    /// <summary>An HPACK string length: a 7-bit prefix integer (RFC 7541, section 5.1), Huffman bit clear.</summary>
    private static void WriteLength(Stream output, int length)
    {
        if (length < 127)
        {
            output.WriteByte((byte)length);
            return;
        }
        output.WriteByte(127);
        for (length -= 127; length >= 128; length >>= 7)
        {
            output.WriteByte((byte)(length % 128 + 128));
        }
        output.WriteByte((byte)length);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _reading;
        _writing.Dispose();
    }
}
