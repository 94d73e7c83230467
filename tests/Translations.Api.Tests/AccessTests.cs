using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>Who may do what: every RPC but health needs a valid token, and each role gets exactly its rights.</summary>
public sealed class AccessTests(TranslationsApp app) : IClassFixture<TranslationsApp>
{
    private static readonly TokenClaims Reader = new("site-reader", "reader");
    private static readonly TokenClaims EnglishTranslator = new("anna", ["translator"], ["en"]);
    private static readonly TokenClaims RussianTranslator = new("boris", ["translator"], ["ru"]);
    private static readonly TokenClaims Admin = new("root", "admin");

    /// <summary>Every method of every service the contract defines, plus server reflection.</summary>
    public static TheoryData<string, string> NonHealthMethods()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in new[] { ReleaseServiceReflection.Descriptor, EditorialServiceReflection.Descriptor, TranslationServiceReflection.Descriptor })
        {
            foreach (var method in file.Services.SelectMany(s => s.Methods))
            {
                data.Add(method.Service.FullName, method.Name);
            }
        }
        data.Add("grpc.reflection.v1alpha.ServerReflection", "ServerReflectionInfo");
        data.Add("grpc.reflection.v1.ServerReflection", "ServerReflectionInfo");
        return data;
    }

    [Theory]
    [MemberData(nameof(NonHealthMethods))]
    public async Task Call_without_a_token_to_any_non_health_rpc_is_unauthenticated(string service, string method)
    {
        var error = await RawCallAsync(app.WithToken(null).Channel, service, method);

        Assert.Equal(StatusCode.Unauthenticated, error?.StatusCode);
        Assert.Equal("TOKEN_MISSING", error!.ErrorInfo().Reason);
    }

    [Fact]
    public async Task Health_needs_no_token()
    {
        var health = new Health.HealthClient(app.WithToken(null).Channel);

        // NOT_SERVING (also answered without a token) until the first round of checks, a second after start-up.
        var response = await Eventually(async () => await health.CheckAsync(new HealthCheckRequest()) is { Status: HealthCheckResponse.Types.ServingStatus.Serving } serving
            ? serving : throw new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "not serving yet")));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    public static TheoryData<string, string> InvalidTokens() => new()
    {
        { "expired", "The bearer token has expired." },
        { "other key", "The bearer token's signature is not valid." },
        { "other audience", "The bearer token is for another audience." },
        { "other issuer", "The bearer token is from an issuer this service does not trust." },
        { "no sub", "The bearer token has a sub claim that is empty or blank." },
        { "not a jwt", "The bearer token is not valid." },
        { "not yet valid", "The bearer token is not valid yet." },
        { "unsigned", "The bearer token's signature is not valid." },
    };

    [Theory]
    [MemberData(nameof(InvalidTokens))]
    public async Task Invalid_token_is_unauthenticated_saying_what_is_wrong(string kind, string message)
    {
        var signing = TranslationsApp.Signing;
        var editor = TranslationsApp.DefaultCaller;
        var token = kind switch
        {
            "expired" => signing.Mint(editor, DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddHours(-1)),
            "other key" => (signing with { SigningKey = new string('k', 48) }).Mint(editor, TimeSpan.FromHours(1)),
            "other audience" => (signing with { Audience = "another-service" }).Mint(editor, TimeSpan.FromHours(1)),
            "other issuer" => (signing with { Issuer = "someone-else" }).Mint(editor, TimeSpan.FromHours(1)),
            "no sub" => signing.Mint(editor with { Subject = "" }, TimeSpan.FromHours(1)),
            "not a jwt" => "not-a-token",
            "not yet valid" => signing.Mint(editor, DateTimeOffset.UtcNow.AddHours(1), DateTimeOffset.UtcNow.AddHours(2)),
            _ => Unsigned(signing.Mint(editor, TimeSpan.FromHours(1))),
        };
        var clients = app.WithToken(token);

        var read = await Requests.FailsAsync(clients.Releases.GetReleaseAsync(new GetReleaseRequest { Id = Guid.NewGuid().ToString("N") }));
        var write = await Requests.FailsAsync(clients.Editorial.CreateReleaseAsync(Requests.NewRelease()));

        Assert.All([read, write], error =>
        {
            Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
            Assert.Equal(message, error.Status.Detail);
            Assert.DoesNotContain(token, error.Status.Detail);
        });
    }

    [Fact]
    public async Task Reader_reads_everything_published_and_writes_nothing()
    {
        var release = await app.CreatePublishedAsync(Requests.NewRelease());
        var reader = app.As(Reader);

        Assert.Equal(release.Id, (await reader.Releases.GetReleaseAsync(new GetReleaseRequest { Id = release.Id })).Release.Id);
        Assert.Single((await reader.Releases.BatchGetReleasesAsync(new BatchGetReleasesRequest { Ids = { release.Id } })).Releases);
        Assert.NotEmpty(await reader.Releases.QueryReleases(new QueryReleasesRequest { Limit = 1 }).ReadAllAsync());
        // Drafts and the revision history (which holds them) are for those who work on the texts.
        var drafts = await Requests.FailsAsync(reader.Releases.GetReleaseAsync(new GetReleaseRequest { Id = release.Id, View = ReleaseView.Draft }));
        var history = await Assert.ThrowsAsync<RpcException>(() => reader.Translation.ListVariantRevisions(
            new ListVariantRevisionsRequest { ReleaseId = release.Id, Language = "ru" }).ReadAllAsync());
        Assert.All([drafts, history], error => AssertMissingRight(error, "releases.read_drafts"));
        Assert.Contains("The draft view is for the roles translator, editor, admin", drafts.Status.Detail);
        Assert.Contains("granted to the roles translator, editor, admin", history.Status.Detail);

        var create = await Requests.FailsAsync(reader.Editorial.CreateReleaseAsync(Requests.NewRelease()));
        var update = await Requests.FailsAsync(reader.Editorial.UpdateReleaseAsync(new UpdateReleaseRequest
        {
            Release = new Release { Id = release.Id, Category = "other" }, UpdateMask = new() { Paths = { "category" } }, ExpectedRevision = 1,
        }));
        var delete = await Requests.FailsAsync(reader.Editorial.DeleteReleaseAsync(new DeleteReleaseRequest { Id = release.Id, ExpectedRevision = 1 }));
        var submit = await Requests.FailsAsync(reader.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en")));

        Assert.All([create, update, delete], error => AssertMissingRight(error, "releases.edit"));
        AssertMissingRight(submit, "variants.write");
        Assert.Equal(release, (await app.Releases.GetReleaseAsync(new GetReleaseRequest { Id = release.Id, View = ReleaseView.Draft })).Release);
    }

    [Fact]
    public async Task Translator_submits_its_language_and_is_recorded_as_the_author()
    {
        var release = await app.CreateAsync(Requests.NewRelease(language: "ru"));

        var submitted = await app.As(EnglishTranslator).Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en"));

        Assert.Equal(("en", "anna"), (submitted.Variant.Language, submitted.Variant.Author));
    }

    [Fact]
    public async Task Translator_may_not_write_a_language_outside_its_lang_claims()
    {
        var release = await app.CreateAsync(Requests.NewRelease(language: "ru"));

        var error = await Requests.FailsAsync(app.As(RussianTranslator).Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en")));

        AssertMissingRight(error, "variants.write", language: "en");
        Assert.Contains("lang claims are ru", error.Status.Detail);
        Assert.Single((await app.Releases.GetReleaseAsync(new GetReleaseRequest { Id = release.Id, View = ReleaseView.Draft })).Release.Variants);
    }

    [Fact]
    public async Task Translator_never_writes_the_source_variant_even_with_a_lang_claim_for_it()
    {
        var release = await app.CreateAsync(Requests.NewRelease(language: "ru"));
        var both = new TokenClaims("vera", ["translator"], ["ru", "en"]);

        var error = await Requests.FailsAsync(app.As(both).Translation.SubmitVariantAsync(
            Requests.Variant(release.Id, "ru", title: "Правка", expectedRevision: 1)));

        AssertMissingRight(error, "variants.write_source", language: "ru");
        var stored = await app.Releases.GetReleaseAsync(new GetReleaseRequest { Id = release.Id, View = ReleaseView.Draft });
        Assert.Equal((1L, "Заголовок"), (stored.Release.Revision, Assert.Single(stored.Release.Variants).Title));
    }

    [Fact]
    public async Task Translator_may_not_create_change_or_delete_releases()
    {
        var release = await app.CreateAsync(Requests.NewRelease());
        var translator = app.As(EnglishTranslator);

        var create = await Requests.FailsAsync(translator.Editorial.CreateReleaseAsync(Requests.NewRelease(language: "en")));
        var delete = await Requests.FailsAsync(translator.Editorial.DeleteReleaseAsync(new DeleteReleaseRequest { Id = release.Id, ExpectedRevision = 1 }));

        Assert.All([create, delete], error => AssertMissingRight(error, "releases.edit"));
        Assert.Equal(1, (await app.Releases.GetReleaseAsync(new GetReleaseRequest { Id = release.Id, View = ReleaseView.Draft })).Release.Revision);
    }

    [Fact]
    public async Task Editor_writes_the_source_and_every_translation_without_lang_claims()
    {
        var editor = app.As(new TokenClaims("olga", "editor"));
        var release = (await editor.Editorial.CreateReleaseAsync(Requests.NewRelease(language: "ru"))).Release;

        var source = await editor.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "ru", title: "Правка", expectedRevision: 1));
        var english = await editor.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en"));

        Assert.Equal(("olga", "olga", "olga"), (release.Variants[0].Author, source.Variant.Author, english.Variant.Author));
    }

    [Fact]
    public async Task Admin_may_do_everything_an_editor_may()
    {
        var admin = app.As(Admin);

        var release = (await admin.Editorial.CreateReleaseAsync(Requests.NewRelease())).Release;
        await admin.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en"));
        await admin.Editorial.DeleteReleaseAsync(new DeleteReleaseRequest { Id = release.Id, ExpectedRevision = 2 });

        var gone = await Requests.FailsAsync(admin.Releases.GetReleaseAsync(new GetReleaseRequest { Id = release.Id, View = ReleaseView.Draft }));
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Token_without_a_role_may_not_even_read()
    {
        var error = await Requests.FailsAsync(app.As(new TokenClaims("nobody", [], [])).Releases.GetReleaseAsync(
            new GetReleaseRequest { Id = Guid.NewGuid().ToString("N") }));

        AssertMissingRight(error, "releases.read");
    }

    [Fact]
    public async Task Request_id_of_another_caller_is_not_replayed()
    {
        var request = Requests.NewRelease(requestId: Requests.Unique("shared-id"));
        await app.As(new TokenClaims("olga", "editor")).Editorial.CreateReleaseAsync(request);

        var error = await Requests.FailsAsync(app.As(new TokenClaims("pavel", "editor")).Editorial.CreateReleaseAsync(request));

        Assert.Equal((StatusCode.AlreadyExists, "REQUEST_ID_REUSED"), (error.StatusCode, error.ErrorInfo().Reason));
    }

    private static void AssertMissingRight(RpcException error, string right, string? language = null)
    {
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        var info = error.ErrorInfo();
        Assert.Equal(("MISSING_RIGHT", right), (info.Reason, info.Metadata["right"]));
        Assert.Equal(language, info.Metadata.TryGetValue("language", out var value) ? value : null);
        Assert.Contains(right, error.Status.Detail);
    }

    /// <summary>The token with its signature removed ("alg" stays HS256): must not pass as signed.</summary>
    private static string Unsigned(string token) => token[..(token.LastIndexOf('.') + 1)];

    /// <summary>
    /// Calls any method with an empty message as a bidirectional stream (the wire format of every
    /// method type), returning the error or null when the call succeeded.
    /// </summary>
    private static async Task<RpcException?> RawCallAsync(GrpcChannel channel, string service, string method)
    {
        var bytes = Marshallers.Create<byte[]>(b => b, b => b);
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(
            new Method<byte[], byte[]>(MethodType.DuplexStreaming, service, method, bytes, bytes), null,
            new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)));
        try
        {
            await call.RequestStream.WriteAsync([]);
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // The server answered before reading: the status below tells why.
        }
        try
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
            return null;
        }
        catch (RpcException e)
        {
            return e;
        }
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (RpcException) when (attempt < 100)
            {
                await Task.Delay(50);   // health publishes its first result right after start-up
            }
        }
    }
}
