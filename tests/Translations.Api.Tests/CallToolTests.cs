using System.Net;
using System.Net.Sockets;
using Translations.Call;
using Translations.Tests.Infrastructure;
using Translations.Tokens;

namespace Translations.Tests;

/// <summary>The repository's small gRPC client (src/Translations.Call), as the README's example uses it.</summary>
public sealed class CallToolTests(TranslationsApp app) : IClassFixture<TranslationsApp>
{
    private static readonly string Editor = TranslationsApp.Signing.Mint(new TokenClaims("olga", "editor"), TimeSpan.FromHours(1));
    private static readonly string Reader = TranslationsApp.Signing.Mint(new TokenClaims("site", "reader"), TimeSpan.FromHours(1));

    private const string NewRelease = """
        {"release": {"category": "news", "release_date": {"year": 2024, "month": 4, "day": 24},
          "variants": [{"language": "ru", "title": "Саммит открылся", "body": "Первый абзац."}]}}
        """;

    [Fact]
    public async Task Print_gives_exactly_the_field_of_the_response()
    {
        var (code, output, error) = await CallAsync("--token", Editor, "--print", "release.id", "EditorialService/CreateRelease", NewRelease);

        Assert.Equal((0, ""), (code, error));
        var id = output.TrimEnd('\n');
        Assert.Matches("^[0-9a-f]{32}$", id);
        var (_, read, _) = await CallAsync("--token", Editor, "--print", "release.variants", "ReleaseService/GetRelease", $$"""{"id": "{{id}}", "view": "RELEASE_VIEW_DRAFT"}""");
        Assert.Single(read.TrimEnd('\n').Split('\n'));
        Assert.Contains("\"title\": \"Саммит открылся\"", read);
        Assert.Contains("\"state\": \"VARIANT_STATE_DRAFT\"", read);
    }

    [Fact]
    public async Task Whole_responses_are_printed_as_json_with_enum_names_and_int64_as_strings()
    {
        var (code, output, _) = await CallAsync("--token", Editor, "translations.v1.EditorialService/CreateRelease", NewRelease);

        Assert.Equal(0, code);
        Assert.Contains("\"revision\": \"1\"", output);
        Assert.Contains("\"state\": \"VARIANT_STATE_DRAFT\"", output);
        Assert.Contains("\"sourceLanguage\": \"ru\"", output);
    }

    [Fact]
    public async Task Refused_call_prints_the_status_and_its_field_violations_and_exits_1()
    {
        var (code, output, error) = await CallAsync("--token", Editor, "EditorialService/CreateRelease",
            """{"release": {"variants": [{"language": "xx", "title": "", "body": "Text."}]}}""");

        Assert.Equal((1, ""), (code, output));
        Assert.StartsWith("ERROR: InvalidArgument: ", error, StringComparison.Ordinal);
        Assert.Contains("\"field\": \"release.variants[0].language\"", error);
        Assert.Contains("google.rpc.BadRequest", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task Call_without_a_token_is_unauthenticated_with_its_reason()
    {
        var (code, _, error) = await CallAsync("ReleaseService/GetRelease", $$"""{"id": "{{Guid.NewGuid():N}}"}""");

        Assert.Equal(1, code);
        Assert.StartsWith("ERROR: Unauthenticated: ", error, StringComparison.Ordinal);
        Assert.Contains("TOKEN_MISSING", error);
    }

    [Theory]
    [InlineData("EditorialService/CreateRelase", "CreateRelease")]
    [InlineData("NoSuchService/Get", "ReleaseService")]
    [InlineData("CreateRelease", "Service/Method")]
    public async Task Unknown_method_is_a_usage_error_naming_what_exists_and_sends_nothing(string method, string named)
    {
        var (code, _, error) = await CallAsync("--token", Editor, method, "{}");

        Assert.Equal(2, code);
        Assert.Contains(named, error);
    }

    [Theory]
    [InlineData("{\"release\": ")]
    [InlineData("{\"no_such_field\": 1}")]
    public async Task Request_that_is_not_the_method_s_json_is_a_usage_error(string json)
    {
        var before = await app.LastSequenceAsync();

        var (code, _, error) = await CallAsync("--token", Editor, "EditorialService/CreateRelease", json);

        Assert.Equal(2, code);
        Assert.Contains("CreateReleaseRequest", error);
        Assert.Equal(before, await app.LastSequenceAsync());
    }

    [Fact]
    public async Task Unknown_print_path_is_a_usage_error_naming_the_fields()
    {
        var (code, _, error) = await CallAsync("--token", Editor, "--print", "release.nope", "EditorialService/CreateRelease", NewRelease);

        Assert.Equal(2, code);
        Assert.Contains("slug", error);
    }

    [Fact]
    public async Task Server_stream_prints_one_line_per_response_and_take_ends_it()
    {
        for (var i = 0; i < 3; i++)
        {
            await CallAsync("--token", Editor, "EditorialService/CreateRelease", NewRelease);
        }

        var (code, output, _) = await CallAsync("--token", Editor, "--print", "release.id", "--take", "2",
            "ReleaseService/QueryReleases", """{"view": "RELEASE_VIEW_DRAFT"}""");

        Assert.Equal(0, code);
        Assert.Equal(2, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Watch_prints_the_sequence_it_starts_after_then_the_events()
    {
        var watching = CallAsync("--token", Reader, "--print-header", "after-sequence", "--print", "event.type", "--take", "1",
            "ReleaseService/WatchReleases", """{"after_sequence": "0"}""");
        await app.CreatePublishedAsync(Requests.NewRelease());

        var (code, output, _) = await watching;

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, code);
        Assert.Equal(["0", "RELEASE_EVENT_TYPE_VARIANT_PUBLISHED"], lines);
    }

    [Fact]
    public async Task Take_0_prints_only_the_header_a_watch_starts_after()
    {
        var last = await app.LastSequenceAsync();

        var (code, output, _) = await CallAsync("--token", Reader, "--print-header", "after-sequence", "--take", "0", "ReleaseService/WatchReleases");

        Assert.Equal((0, $"{last}\n"), (code, output));
    }

    [Fact]
    public async Task Client_stream_sends_each_item_of_a_json_array()
    {
        var first = (await app.CreateAsync(Requests.NewRelease())).Id;
        var second = (await app.CreateAsync(Requests.NewRelease())).Id;

        var (code, output, _) = await CallAsync("--token", Editor, "--print", "outcomes", "TranslationService/SubmitVariants", $$$"""
            [{"variant": {"release_id": "{{{first}}}", "language": "en", "title": "One", "body": "Text."}},
             {"variant": {"release_id": "{{{second}}}", "language": "en", "title": "", "body": "Text."}}]
            """);

        Assert.Equal(0, code);
        Assert.Contains("\"title\": \"One\"", output);
        Assert.Contains("\"error\": { \"code\": 3", output);
        Assert.Contains("google.rpc.BadRequest", output);
    }

    [Fact]
    public async Task Unreachable_service_says_how_to_start_it()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (code, _, error) = await CallAsync("--address", $"127.0.0.1:{port}", "ReleaseService/GetRelease", "{}");

        Assert.Equal(1, code);
        Assert.Contains("could not be reached", error);
        Assert.Contains("dotnet run --project src/Translations.Api", error);
        Assert.DoesNotContain("   at ", error);
    }

    private async Task<(int Code, string Output, string Error)> CallAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var withAddress = args.Contains("--address") ? args : ["--address", app.Address.Authority, .. args];
        var code = await CallCommand.RunAsync(withAddress, output, error);
        return (code, output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), error.ToString());
    }
}
