using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Translations.Tests.Infrastructure;
using Translations.V1;

namespace Translations.Tests;

/// <summary>
/// Requests whose gRPC framing is broken (the 5-byte prefix of each message: a compressed flag and a
/// length), sent as raw HTTP/2 so that no client library tidies them up. Each ends its own call with
/// the status the README promises, never UNKNOWN or INTERNAL, and the server keeps answering.
/// </summary>
public sealed class BrokenFrameTests(TranslationsApp app) : IClassFixture<TranslationsApp>, IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _http.Dispose();

    private static byte[] Frame(IMessage message) => Frame(0, message.ToByteArray());

    private static byte[] Frame(byte flag, byte[] payload, uint? length = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), length ?? (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }

    private static SubmitVariantsRequest Item(string releaseId) => new() { Variant = Requests.Variant(releaseId, "en") };

    public static TheoryData<string, string, StatusCode> BrokenUnaryBodies() => new()
    {
        { "a length of 4 GiB with a 10-byte body", "", StatusCode.ResourceExhausted },
        { "a compressed flag with bytes that are not gzip", "gzip", StatusCode.InvalidArgument },
        { "a compressed flag with bytes that are not deflate", "deflate", StatusCode.InvalidArgument },
        { "a compressed flag without grpc-encoding", "", StatusCode.InvalidArgument },
        { "a compressed flag with grpc-encoding identity", "identity", StatusCode.InvalidArgument },
        { "a compressed flag of 2", "", StatusCode.InvalidArgument },
        { "a body that ends mid-message", "", StatusCode.InvalidArgument },
        { "a body that ends mid-prefix", "", StatusCode.InvalidArgument },
        { "no message at all", "", StatusCode.InvalidArgument },
        { "two messages", "", StatusCode.InvalidArgument },
    };

    private static byte[] BrokenBody(string broken, byte[] valid) => broken switch
    {
        "a length of 4 GiB with a 10-byte body" => Frame(0, new byte[10], length: uint.MaxValue),
        "a compressed flag with bytes that are not gzip" or "a compressed flag with bytes that are not deflate" => Frame(1, [0x0a, 0x03, 0x66, 0x6f, 0x6f, 0xff, 0xfe, 0xfd, 0xfc, 0xfb]),
        "a compressed flag without grpc-encoding" or "a compressed flag with grpc-encoding identity" => Frame(1, Gzip(valid[5..])),
        "a compressed flag of 2" => Frame(2, valid[5..]),
        "a body that ends mid-message" => valid[..^3],
        "a body that ends mid-prefix" => valid[..3],
        "no message at all" => [],
        "two messages" => [.. valid, .. valid],
        _ => throw new ArgumentOutOfRangeException(nameof(broken)),
    };

    [Theory]
    [MemberData(nameof(BrokenUnaryBodies))]
    public async Task A_broken_unary_request_frame_ends_its_call_with_the_documented_status_and_the_connection_keeps_serving(
        string broken, string encoding, StatusCode expected)
    {
        var valid = Frame(Requests.NewRelease(title: "Целый запрос"));

        var (status, details) = await CallAsync("translations.v1.EditorialService/CreateRelease", BrokenBody(broken, valid), encoding);

        Assert.Equal(expected, status);
        if (expected == StatusCode.InvalidArgument)
        {
            Assert.Equal(["request"], details?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field));
        }
        Assert.Equal(StatusCode.OK, (await CallAsync("translations.v1.EditorialService/CreateRelease", valid)).Status);   // same connection
    }

    [Theory]
    [InlineData("a length of 4 GiB with a 10-byte body", StatusCode.ResourceExhausted)]
    [InlineData("a compressed flag with bytes that are not gzip", StatusCode.InvalidArgument)]
    [InlineData("a body that ends mid-message", StatusCode.InvalidArgument)]
    public async Task A_broken_frame_in_a_client_stream_ends_the_call_with_the_documented_status_after_the_items_before_it(string broken, StatusCode expected)
    {
        var release = await app.CreateAsync(Requests.NewRelease());
        var first = Frame(Item(release.Id));
        var second = Frame(Item(release.Id));
        byte[] brokenItem = broken switch
        {
            "a length of 4 GiB with a 10-byte body" => Frame(0, new byte[10], length: uint.MaxValue),
            "a compressed flag with bytes that are not gzip" => Frame(1, [0x0a, 0x03, 0x66, 0x6f, 0x6f, 0xff, 0xfe, 0xfd]),
            _ => second[..^3],
        };

        var (status, _) = await CallAsync("translations.v1.TranslationService/SubmitVariants", [.. first, .. brokenItem], "gzip");

        Assert.Equal(expected, status);
        var stored = await app.Releases.GetReleaseAsync(new GetReleaseRequest { Id = release.Id, View = ReleaseView.Draft, Language = "en" }, cancellationToken: Ct);
        Assert.Equal("en", stored.ServedLanguage);   // the complete item before the broken one was written
        Assert.Equal(StatusCode.OK, (await CallAsync("translations.v1.TranslationService/SubmitVariants", Frame(Item((await app.CreateAsync(Requests.NewRelease())).Id)))).Status);
    }

    /// <summary>One raw HTTP/2 gRPC call on this test's connection; the status from the trailers (or a trailers-only answer).</summary>
    private async Task<(StatusCode Status, Google.Rpc.Status? Details)> CallAsync(string path, byte[] body, string encoding = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(app.Address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TranslationsApp.Signing.Mint(TranslationsApp.DefaultCaller, TimeSpan.FromHours(1)));
        if (encoding.Length > 0)
        {
            request.Headers.Add("grpc-encoding", encoding);
        }
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await response.Content.ReadAsByteArrayAsync(Ct);
        string? Header(string name) =>
            response.TrailingHeaders.TryGetValues(name, out var trailer) ? trailer.Single()
            : response.Headers.TryGetValues(name, out var header) ? header.Single()
            : null;
        var status = Header("grpc-status");
        Assert.NotNull(status);
        var details = Header("grpc-status-details-bin") is { } bin
            ? Google.Rpc.Status.Parser.ParseFrom(Convert.FromBase64String(bin.PadRight(bin.Length + (4 - bin.Length % 4) % 4, '=')))
            : null;
        return ((StatusCode)int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), details);
    }
}
