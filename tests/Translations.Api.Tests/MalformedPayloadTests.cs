using Grpc.Core;
using Translations.Tests.Infrastructure;

namespace Translations.Tests;

public sealed class MalformedPayloadTests(TranslationsApp app) : IClassFixture<TranslationsApp>
{
    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(b => b, b => b);

    private Task<byte[]> CallRaw(string service, string method, byte[] payload) =>
        app.Channel.CreateCallInvoker().AsyncUnaryCall(
            new Method<byte[], byte[]>(MethodType.Unary, service, method, Raw, Raw), null, new CallOptions(), payload).ResponseAsync;

    [Theory]
    [InlineData(new byte[] { 0x12, 0x03, 0x1a, 0x01, 0xff })]          // release.tags = "\xff": invalid UTF-8
    [InlineData(new byte[] { 0x12, 0x05, 0x0a, 0x10, 0x61 })]          // a length that runs past the end
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff })]    // not protobuf at all
    public async Task Undecodable_request_is_invalid_argument_and_the_server_keeps_answering(byte[] payload)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CallRaw("translations.v1.EditorialService", "CreateRelease", payload));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        await app.CreateAsync(Requests.NewRelease());
    }
}
