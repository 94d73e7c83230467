using CsCheck;
using Google.Protobuf;
using Grpc.Core;
using Translations.Tests.Infrastructure;
using Translations.V1;
using Date = Google.Type.Date;

namespace Translations.Tests;

[Trait("Database", "Each")]
public sealed class HostileInputTests(TranslationsApp app) : IClassFixture<TranslationsApp>
{
    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(b => b, b => b);

    [Fact]
    public async Task A_request_over_the_maximum_message_size_is_resource_exhausted_and_the_connection_stays_usable()
    {
        var huge = Requests.NewRelease(body: new string('x', 5 * 1024 * 1024));

        var error = await Requests.FailsAsync(app.Editorial.CreateReleaseAsync(huge));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        var created = await app.CreateAsync(Requests.NewRelease());   // same channel, same connection
        Assert.NotEmpty(created.Id);
    }

    [Fact]
    public async Task Unknown_fields_are_ignored()
    {
        var request = Requests.NewRelease(title: "С неизвестным полем").ToByteArray();
        // Field 99 (varint 7) and field 100 (a string), which translations.v1 does not define.
        byte[] unknown = [0x98, 0x06, 0x07, 0xA2, 0x06, 0x03, (byte)'a', (byte)'b', (byte)'c'];

        var response = await app.Channel.CreateCallInvoker().AsyncUnaryCall(
            new Method<byte[], byte[]>(MethodType.Unary, "translations.v1.EditorialService", "CreateRelease", Raw, Raw),
            null, new CallOptions(), [.. request, .. unknown]);

        Assert.Equal("С неизвестным полем", CreateReleaseResponse.Parser.ParseFrom(response).Release.Variants[0].Title);
    }

    /// <summary>Text a hostile or careless client might send: anything, control characters, huge, or almost right.</summary>
    private static readonly Gen<string> AnyText = Gen.OneOf(
        Gen.String,
        Gen.Char[(char)0, (char)0x9f].Array[0, 12].Select(chars => new string(chars)),
        Gen.Int[0, 400].Select(n => new string('я', n)),
        Gen.OneOf<string>("", " ", "ru", "en", "EN", "de", "news", "slug-ok", "Bad Slug", "\u0000", "*", "../../etc"));

    private static readonly Gen<Date?> AnyDate = Gen.OneOf(
        Gen.Const((Date?)null),
        Gen.Select(Gen.Int[-2, 10_001], Gen.Int[-1, 13], Gen.Int[-1, 32], (y, m, d) => (Date?)new Date { Year = y, Month = m, Day = d }));

    private static Gen<(string Rpc, IMessage Request)> AnyWrite(string existingId)
    {
        var id = Gen.OneOf(AnyText, Gen.Const(existingId), Gen.Const(Guid.NewGuid().ToString("N")));
        var revision = Gen.Long[-3, 4];
        var variant = Gen.Select(AnyText, AnyText, AnyText, AnyText, (language, title, lead, body) =>
            new Variant { Language = language, Title = title, Lead = lead, Body = body, Revision = 3, Author = "forged" });
        var release = Gen.Select(id, AnyText, AnyDate, AnyText, AnyText.Array[0, 25], variant.Array[0, 3],
            (releaseId, slug, date, category, tags, variants) =>
            {
                var r = new Release { Id = releaseId, Slug = slug, ReleaseDate = date, Category = category, SourceLanguage = tags.FirstOrDefault() ?? "" };
                r.Tags.AddRange(tags);
                r.Variants.AddRange(variants);
                return r;
            });
        return Gen.OneOf(
            Gen.Select(AnyText, release, (requestId, r) => ("CreateRelease", (IMessage)new CreateReleaseRequest { RequestId = requestId, Release = r })),
            Gen.Select(release, AnyText.Array[0, 4], revision, (r, paths, expected) =>
            {
                var update = new UpdateReleaseRequest { Release = r, UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask(), ExpectedRevision = expected };
                update.UpdateMask.Paths.AddRange(paths);
                return ("UpdateRelease", (IMessage)update);
            }),
            Gen.Select(id, revision, (releaseId, expected) => ("DeleteRelease", (IMessage)new DeleteReleaseRequest { Id = releaseId, ExpectedRevision = expected })),
            Gen.Select(id, variant, revision, revision, AnyText, (releaseId, v, expected, source, requestId) => ("SubmitVariant", (IMessage)new SubmitVariantRequest
            {
                ReleaseId = releaseId, Language = v.Language, Title = v.Title, Lead = v.Lead, Body = v.Body,
                ExpectedRevision = expected, SourceRevision = source, RequestId = requestId,
                SubmitForReview = expected % 2 == 0, Minor = source % 2 == 0,
            })),
            Gen.Select(id, AnyText, revision, Gen.Int[-1, 4], AnyText, (releaseId, language, expected, decision, comment) => ("ReviewVariant", (IMessage)new ReviewVariantRequest
            {
                ReleaseId = releaseId, Language = language, ExpectedRevision = expected, Decision = (ReviewDecision)decision, Comment = comment,
            })),
            Gen.Select(id, AnyText.Array[0, 4], Gen.Long, Gen.Int, (releaseId, languages, seconds, nanos) =>
            {
                var publish = new PublishReleaseRequest { Id = releaseId, Languages = { languages } };
                if (nanos % 3 != 0)
                {
                    publish.PublishTime = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = seconds, Nanos = nanos };
                }
                return ("PublishRelease", (IMessage)publish);
            }),
            Gen.Select(id, AnyText, (releaseId, language) => ("UnpublishRelease", (IMessage)new UnpublishReleaseRequest { Id = releaseId, Language = language })));
    }

    private Task Send(string rpc, IMessage request) => rpc switch
    {
        "CreateRelease" => app.Editorial.CreateReleaseAsync((CreateReleaseRequest)request).ResponseAsync,
        "UpdateRelease" => app.Editorial.UpdateReleaseAsync((UpdateReleaseRequest)request).ResponseAsync,
        "DeleteRelease" => app.Editorial.DeleteReleaseAsync((DeleteReleaseRequest)request).ResponseAsync,
        "ReviewVariant" => app.Editorial.ReviewVariantAsync((ReviewVariantRequest)request).ResponseAsync,
        "PublishRelease" => app.Editorial.PublishReleaseAsync((PublishReleaseRequest)request).ResponseAsync,
        "UnpublishRelease" => app.Editorial.UnpublishReleaseAsync((UnpublishReleaseRequest)request).ResponseAsync,
        _ => app.Translation.SubmitVariantAsync((SubmitVariantRequest)request).ResponseAsync,
    };

    private async Task<List<Release>> EverythingStored() =>
        (await app.Releases.QueryReleases(new QueryReleasesRequest { View = ReleaseView.Draft }).ReadAllAsync()).Select(r => r.Release).ToList();

    [Fact]
    public async Task Generated_garbage_at_every_write_rpc_never_breaks_the_service_and_a_rejected_request_changes_nothing()
    {
        var existing = await app.CreateAsync(Requests.NewRelease(slug: Requests.Unique("target")));
        var outcomes = new Dictionary<StatusCode, int>();

        await AnyWrite(existing.Id).SampleAsync(async write =>
        {
            var before = await EverythingStored();
            var status = StatusCode.OK;
            try
            {
                await Send(write.Rpc, write.Request);
            }
            catch (RpcException e)
            {
                status = e.StatusCode;
            }
            outcomes[status] = outcomes.GetValueOrDefault(status) + 1;

            Assert.NotEqual(StatusCode.Internal, status);
            Assert.NotEqual(StatusCode.Unknown, status);
            if (status != StatusCode.OK)
            {
                Assert.Equal(before, await EverythingStored());
            }
        }, iter: 400, threads: 1, print: write => $"{write.Rpc} {write.Request}");

        Assert.True(outcomes.GetValueOrDefault(StatusCode.InvalidArgument) > 100, string.Join(", ", outcomes));
        Assert.NotEmpty((await app.CreateAsync(Requests.NewRelease())).Id);   // and it still answers
    }
}
