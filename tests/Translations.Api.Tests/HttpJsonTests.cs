using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Translations.HttpJson;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>
/// Callers without gRPC: plain HttpClient over HTTP/1.1 against the HTTP/JSON endpoint of the real host,
/// with the same tokens, rights, checks and google.rpc details as over gRPC, and readers still seeing
/// only what is published.
/// </summary>
public sealed class HttpJsonTests(HttpJsonTests.Host app) : IClassFixture<HttpJsonTests.Host>
{
    /// <summary>The real host, its store observed so that a test can break a streamed query midway.</summary>
    public sealed class Host : TranslationsApp
    {
        public Host() => this.WithObservedStore();
    }

    private static readonly TokenClaims Reader = new("site", "reader");
    private static readonly TokenClaims Editor = new("olga", "editor");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_by_id_reads_the_published_release_in_the_language_asked_with_proto_JSON_names()
    {
        var created = await app.CreatePublishedAsync(Requests.NewRelease(title: "Саммит открылся", slug: Requests.Unique("summit")));
        await app.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "en", title: "Summit opens"), cancellationToken: Ct);
        var published = await app.PublishAsync(created.Id, "en");
        using var http = Http(Reader);

        var english = await ReadJsonAsync(await http.GetAsync($"/v1/releases/{created.Id}?language=en", Ct));
        var whole = await ReadJsonAsync(await http.GetAsync($"/v1/releases/{created.Id}", Ct));

        Assert.Equal(created.Id, (string?)english["release"]!["id"]);
        Assert.Equal("Summit opens", (string?)english["release"]!["variants"]!.AsArray().Single()!["title"]);
        Assert.Equal("VARIANT_STATE_PUBLISHED", (string?)english["release"]!["variants"]![0]!["state"]);
        Assert.Equal(("en", false), ((string?)english["servedLanguage"], (bool?)english["fellBack"]));
        // int64 as a JSON number, as the OpenAPI document describes it.
        Assert.Equal(published.Revision, (long?)english["release"]!["revision"]);
        Assert.Equal(["en", "ru"], whole["release"]!["variants"]!.AsArray().Select(v => (string)v!["language"]!).Order());
    }

    [Fact]
    public async Task Language_without_a_published_variant_falls_back_as_over_gRPC()
    {
        var created = await app.CreatePublishedAsync(Requests.NewRelease(title: "Только по-русски"));
        await app.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "en"), cancellationToken: Ct);

        var json = await ReadJsonAsync(await Http(Reader).GetAsync($"/v1/releases/{created.Id}?language=en", Ct));

        Assert.Equal(("ru", true), ((string?)json["servedLanguage"], (bool?)json["fellBack"]));
        Assert.Equal("Только по-русски", (string?)json["release"]!["variants"]![0]!["title"]);
    }

    [Fact]
    public async Task Draft_view_is_served_to_editors_and_refused_to_readers_naming_the_right()
    {
        var draft = await app.CreateAsync(Requests.NewRelease(title: "Черновик"));

        var editorView = await ReadJsonAsync(await Http(Editor).GetAsync($"/v1/releases/{draft.Id}?view=RELEASE_VIEW_DRAFT", Ct));
        using var refused = await Http(Reader).GetAsync($"/v1/releases/{draft.Id}?view=RELEASE_VIEW_DRAFT", Ct);

        Assert.Equal("VARIANT_STATE_DRAFT", (string?)editorView["release"]!["variants"]![0]!["state"]);
        var status = await StatusAsync(refused, HttpStatusCode.Forbidden, code: 7);
        var info = Detail(status, "google.rpc.ErrorInfo");
        Assert.Equal("MISSING_RIGHT", (string?)info["reason"]);
        Assert.Equal("releases.read_drafts", (string?)info["metadata"]!["right"]);
    }

    [Fact]
    public async Task Call_without_a_token_or_with_a_bad_one_is_unauthenticated_saying_which()
    {
        var release = await app.CreatePublishedAsync(Requests.NewRelease());

        using var missing = await Http(token: null).GetAsync($"/v1/releases/{release.Id}", Ct);
        using var expired = await Http(TranslationsApp.Signing.Mint(Reader, DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddHours(-1)))
            .GetAsync($"/v1/releases/{release.Id}", Ct);

        Assert.Equal("TOKEN_MISSING", (string?)Detail(await StatusAsync(missing, HttpStatusCode.Unauthorized, code: 16), "google.rpc.ErrorInfo")["reason"]);
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("TOKEN_EXPIRED", (string?)Detail(await StatusAsync(expired, HttpStatusCode.Unauthorized, code: 16), "google.rpc.ErrorInfo")["reason"]);
    }

    [Fact]
    public async Task Unpublished_release_is_not_found_for_readers_exactly_like_one_that_never_existed()
    {
        var draft = await app.CreateAsync(Requests.NewRelease(category: Requests.Unique("hidden")));
        var neverCreated = "01a20000000000000000000000000000";
        using var http = Http(Reader);

        using var unpublished = await http.GetAsync($"/v1/releases/{draft.Id}", Ct);
        using var absent = await http.GetAsync($"/v1/releases/{neverCreated}", Ct);
        var batch = await ReadJsonAsync(await http.GetAsync($"/v1/releases:batchGet?ids={draft.Id}", Ct));
        var query = await ReadJsonAsync(await http.GetAsync($"/v1/releases?filter.categories={draft.Category}", Ct));

        var hidden = await StatusAsync(unpublished, HttpStatusCode.NotFound, code: 5);
        var never = await StatusAsync(absent, HttpStatusCode.NotFound, code: 5);
        Assert.Equal(((string)never["message"]!).Replace(neverCreated, draft.Id, StringComparison.Ordinal), (string?)hidden["message"]);
        Assert.Empty(hidden["details"]!.AsArray());
        Assert.Equal([draft.Id], batch["missingIds"]!.AsArray().Select(id => (string)id!));
        Assert.Empty(batch["releases"]!.AsArray());
        Assert.Empty(query.AsArray());
    }

    [Fact]
    public async Task Batch_get_returns_the_releases_in_the_order_asked_and_lists_the_missing_ones()
    {
        var first = await app.CreatePublishedAsync(Requests.NewRelease(title: "Первый"));
        var second = await app.CreatePublishedAsync(Requests.NewRelease(title: "Второй"));
        var missing = "01a20000000000000000000000000001";

        var json = await ReadJsonAsync(await Http(Reader).GetAsync($"/v1/releases:batchGet?ids={second.Id}&ids={missing}&ids={first.Id}", Ct));

        Assert.Equal([second.Id, first.Id], json["releases"]!.AsArray().Select(r => (string)r!["id"]!));
        Assert.Equal([missing], json["missingIds"]!.AsArray().Select(id => (string)id!));
    }

    [Fact]
    public async Task Query_streams_a_filtered_page_as_a_JSON_array_and_resumes_after_the_cursor()
    {
        var category = Requests.Unique("query");
        List<string> ids = [];
        foreach (var day in new[] { 3, 1, 2 })
        {
            ids.Add((await app.CreatePublishedAsync(Requests.NewRelease(category: category, date: Requests.Date(2024, 5, day)))).Id);
        }
        await app.CreateAsync(Requests.NewRelease(category: category, date: Requests.Date(2024, 5, 4)));   // a draft: not for readers
        var oldestFirst = new[] { ids[1], ids[2], ids[0] };
        using var http = Http(Reader);
        var filter = $"filter.categories={category}&order=RELEASE_ORDER_RELEASE_DATE_ASCENDING";

        using var firstResponse = await http.GetAsync($"/v1/releases?{filter}&limit=2", Ct);
        var firstPage = (await ReadJsonAsync(firstResponse)).AsArray();
        var cursor = Uri.EscapeDataString((string)firstPage[^1]!["cursor"]!);
        var secondPage = (await ReadJsonAsync(await http.GetAsync($"/v1/releases?{filter}&limit=2&after={cursor}", Ct))).AsArray();
        var lastCursor = Uri.EscapeDataString((string)secondPage[^1]!["cursor"]!);
        var afterTheLast = (await ReadJsonAsync(await http.GetAsync($"/v1/releases?{filter}&after={lastCursor}", Ct))).AsArray();

        Assert.Equal("application/json", firstResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal(oldestFirst[..2], firstPage.Select(r => (string)r!["release"]!["id"]!));
        Assert.Equal(oldestFirst[2..], secondPage.Select(r => (string)r!["release"]!["id"]!));
        Assert.Empty(afterTheLast);
    }

    [Fact]
    public async Task Query_asked_for_newline_delimited_JSON_answers_one_response_per_line()
    {
        var category = Requests.Unique("ndjson");
        var older = await app.CreatePublishedAsync(Requests.NewRelease(category: category, date: Requests.Date(2023, 1, 1)));
        var newer = await app.CreatePublishedAsync(Requests.NewRelease(category: category, date: Requests.Date(2023, 1, 2)));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/releases?filter.categories={category}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(NdJson));

        using var response = await Http(Reader).SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(NdJson, response.Content.Headers.ContentType?.MediaType);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([newer.Id, older.Id], lines.Select(line => (string)JsonNode.Parse(line)!["release"]!["id"]!));
        Assert.EndsWith("\n", body);
    }

    [Fact]
    public async Task Query_failing_midway_ends_the_array_with_the_status_and_failing_at_once_answers_the_status_alone()
    {
        var category = Requests.Unique("broken");
        await app.CreatePublishedAsync(Requests.NewRelease(category: category, date: Requests.Date(2022, 2, 2)));
        await app.CreatePublishedAsync(Requests.NewRelease(category: category, date: Requests.Date(2022, 2, 1)));
        using var http = Http(Reader);

        app.ObservedStore().BreakNextQueryAfter(1);
        var midway = (await ReadJsonAsync(await http.GetAsync($"/v1/releases?filter.categories={category}", Ct))).AsArray();
        app.ObservedStore().BreakNextQueryAfter(0);
        using var atOnce = await http.GetAsync($"/v1/releases?filter.categories={category}", Ct);

        Assert.Equal(2, midway.Count);
        Assert.NotNull(midway[0]!["release"]);
        Assert.Equal(14, (int?)midway[1]!["code"]);
        Assert.Equal("DATABASE_UNAVAILABLE", (string?)Detail(midway[1]!, "google.rpc.ErrorInfo")["reason"]);
        var status = await StatusAsync(atOnce, HttpStatusCode.ServiceUnavailable, code: 14);
        Assert.Equal("DATABASE_UNAVAILABLE", (string?)Detail(status, "google.rpc.ErrorInfo")["reason"]);
    }

    [Fact]
    public async Task Search_finds_releases_by_their_words_best_first_with_the_marks()
    {
        const string word = "Саммитбург";
        var release = await app.CreatePublishedAsync(Requests.NewRelease(title: $"{word} форум открылся"));

        var hits = (await ReadJsonAsync(await Http(Reader).GetAsync(
            $"/v1/releases:search?query={Uri.EscapeDataString(word)}&language=ru&markTags.open=%3Cb%3E&markTags.close=%3C%2Fb%3E", Ct))).AsArray();

        var hit = Assert.Single(hits)!["hit"]!;
        Assert.Equal(release.Id, (string?)hit["releaseId"]);
        Assert.StartsWith($"<b>{word}</b>", (string?)hit["title"]!["tagged"]);
    }

    [Fact]
    public async Task Refused_query_carries_its_field_violation_as_google_rpc_BadRequest_in_JSON()
    {
        using var http = Http(Reader);

        using var unsupported = await http.GetAsync("/v1/releases?filter.hasLanguage=xx", Ct);
        using var tooMany = await http.GetAsync("/v1/releases:batchGet?" + string.Join('&', Enumerable.Range(0, 101).Select(i => $"ids=01a2{i:x28}")), Ct);
        using var notANumber = await http.GetAsync("/v1/releases?limit=many", Ct);

        var violation = Detail(await StatusAsync(unsupported, HttpStatusCode.BadRequest, code: 3), "google.rpc.BadRequest")["fieldViolations"]!.AsArray().Single()!;
        Assert.Equal("filter.has_language", (string?)violation["field"]);
        Assert.Contains("not a supported language", (string?)violation["description"]);
        Assert.Equal(["ids"], Detail(await StatusAsync(tooMany, HttpStatusCode.BadRequest, code: 3), "google.rpc.BadRequest")["fieldViolations"]!
            .AsArray().Select(v => (string)v!["field"]!));
        await StatusAsync(notANumber, HttpStatusCode.BadRequest, code: 3);
    }

    [Fact]
    public async Task OpenAPI_document_lists_the_HTTP_paths_described_by_the_proto_comments_without_a_token()
    {
        using var response = await Http(token: null).GetAsync(HttpJsonExtensions.OpenApiPath, Ct);
        var document = await ReadJsonAsync(response);

        var paths = document["paths"]!.AsObject().Select(path => path.Key).ToHashSet();
        Assert.Superset(new HashSet<string> { "/v1/releases/{id}", "/v1/releases:batchGet", "/v1/releases", "/v1/releases:search" }, paths);
        Assert.DoesNotContain(paths, path => path.Contains("Editorial", StringComparison.Ordinal) || path.Contains("healthz", StringComparison.Ordinal));
        Assert.Contains("Reads one release by id or by slug.", (string?)document["paths"]!["/v1/releases/{id}"]!["get"]!["summary"]);
        Assert.Equal("array", (string?)document["paths"]!["/v1/releases"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["type"]);
        var query = document["paths"]!["/v1/releases"]!["get"]!["parameters"]!.AsArray().Select(p => (string)p!["name"]!).ToHashSet();
        Assert.Superset(new HashSet<string> { "filter.categories", "order", "limit", "after", "language", "view" }, query);
        Assert.Contains("Server-assigned, opaque and URL-safe", document.ToJsonString());
        Assert.Equal("bearer", (string?)document["components"]!["securitySchemes"]!["bearer"]!["scheme"]);
    }

    [Fact]
    public async Task HTTP_endpoint_serves_no_gRPC_and_the_gRPC_endpoint_neither_HTTP_1_1_nor_the_JSON_paths()
    {
        var release = await app.CreatePublishedAsync(Requests.NewRelease());
        using var grpcOverHttp1 = new HttpRequestMessage(HttpMethod.Post, "/translations.v1.ReleaseService/GetRelease")
        {
            Content = new ByteArrayContent([0, 0, 0, 0, 0]) { Headers = { ContentType = new("application/grpc") } },
        };

        using var onHttpEndpoint = await Http(Editor).SendAsync(grpcOverHttp1, Ct);
        using var http1OnGrpc = await Http(Editor, app.Address).GetAsync($"/v1/releases/{release.Id}", Ct);
        using var h2c = new HttpClient { BaseAddress = app.Address, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        h2c.DefaultRequestHeaders.Authorization = new("Bearer", Token(Editor));
        using var jsonOnGrpc = await h2c.GetAsync($"/v1/releases/{release.Id}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, onHttpEndpoint.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, http1OnGrpc.StatusCode);
        Assert.Contains("HTTP/2 only endpoint", await http1OnGrpc.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, jsonOnGrpc.StatusCode);
        // The same release over gRPC, on its own endpoint.
        Assert.Equal(release.Id, (await app.Releases.GetReleaseAsync(new GetReleaseRequest { Id = release.Id }, cancellationToken: Ct)).Release.Id);
    }

    private const string NdJson = "application/x-ndjson";

    private static string Token(TokenClaims caller) => TranslationsApp.Signing.Mint(caller, TimeSpan.FromHours(1));

    private HttpClient Http(TokenClaims caller, Uri? address = null) => Http(Token(caller), address);

    /// <summary>A plain HTTP/1.1 client, as curl or a PHP site would call, on the HTTP/JSON endpoint unless told otherwise.</summary>
    private HttpClient Http(string? token, Uri? address = null)
    {
        var client = new HttpClient
        {
            BaseAddress = address ?? app.HttpAddress ?? throw new InvalidOperationException("The host has no HTTP/JSON endpoint."),
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    private static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
            Assert.Equal(new Version(1, 1), response.Version);
            return JsonNode.Parse(body)!;
        }
    }

    /// <summary>The google.rpc.Status in the body of a refused call, after checking the HTTP status and the gRPC code.</summary>
    private static async Task<JsonNode> StatusAsync(HttpResponseMessage response, HttpStatusCode expected, int code)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var status = JsonNode.Parse(body)!;
        Assert.Equal(code, (int?)status["code"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)status["message"]));
        return status;
    }

    private static JsonNode Detail(JsonNode status, string type) =>
        status["details"]!.AsArray().Single(detail => (string?)detail!["@type"] == $"type.googleapis.com/{type}")!;
}
