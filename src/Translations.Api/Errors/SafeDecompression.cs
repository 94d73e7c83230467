using System.IO.Compression;
using Grpc.Net.Compression;

namespace Translations.Errors;

/// <summary>
/// A compression provider (gzip, deflate) whose decompression turns bytes that are not in its format
/// into INVALID_ARGUMENT. grpc-dotnet decompresses a request before any interceptor runs, and the
/// InvalidDataException it would meet there ends the call UNKNOWN, which is a server fault.
/// </summary>
internal sealed class SafeDecompression(ICompressionProvider inner) : ICompressionProvider
{
    public string EncodingName => inner.EncodingName;

    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) => inner.CreateCompressionStream(stream, compressionLevel);

    public Stream CreateDecompressionStream(Stream stream) => new Checked(inner.CreateDecompressionStream(stream), EncodingName);

    /// <summary>Reads what the decompression stream reads; only its failures on bad data change.</summary>
    private sealed class Checked(Stream decompressed, string encoding) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            try
            {
                return decompressed.Read(buffer);
            }
            catch (InvalidDataException e)
            {
                throw NotInFormat(e);
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await decompressed.ReadAsync(buffer, cancellationToken);
            }
            catch (InvalidDataException e)
            {
                throw NotInFormat(e);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                decompressed.Dispose();
            }
            base.Dispose(disposing);
        }

        private Grpc.Core.RpcException NotInFormat(InvalidDataException e) =>
            SafeRequestDecoding.InvalidRequest($"A request message marked compressed is not valid {encoding} data.", e.Message);
    }
}
