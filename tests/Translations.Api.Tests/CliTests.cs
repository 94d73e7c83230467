using Google.Protobuf;
using Translations.Testing;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>
/// The <c>translations</c> command (src/Translations.Cli), run in-process against the real service over its
/// socket: a translator's session in tables and in JSON, each class of exit code, and one-line failures.
/// </summary>
public sealed class CliTests(TranslationsApp app) : IClassFixture<TranslationsApp>
{
    private static readonly TokenClaims Editor = new("olga", "editor");
    private static readonly TokenClaims Translator = new("anna", ["translator"], ["en"]);

    private CliSession Cli => new(app.Address);

    private static T Parse<T>(string line)
        where T : IMessage<T>, new() => JsonParser.Default.Parse<T>(line);

    private static string WriteFile(string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("translations-cli-").FullName, "variant.md");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A release whose Russian original is published, so that English is a translation task.</summary>
    private async Task<Release> PublishedRussianAsync(string title = "Саммит открылся")
    {
        var editor = app.As(Editor);
        var create = Requests.NewRelease(title: title, lead: "Главы делегаций собрались.");
        create.SubmitForReview = true;
        var release = (await editor.Editorial.CreateReleaseAsync(create)).Release;
        await editor.Editorial.ReviewVariantAsync(new ReviewVariantRequest { ReleaseId = release.Id, Language = "ru", ExpectedRevision = 1, Decision = ReviewDecision.Approve });
        return (await editor.Editorial.PublishReleaseAsync(new PublishReleaseRequest { Id = release.Id, Languages = { "ru" } })).Release;
    }

    private static void AssertOneLineFailure(CliRun run, int exitCode)
    {
        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.Equal("", run.Output);
        Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", run.Errors);
    }

    [Fact]
    public async Task Translator_session_from_task_to_publication_in_tables_and_json()
    {
        var release = await PublishedRussianAsync();
        var file = WriteFile("# Summit opens\n\nHeads of delegations gathered.\n\nThe first paragraph\n\nThe second paragraph.\n");

        var tasks = await Cli.RunAsync(Translator, "tasks", "--lang", "en");
        Assert.True(tasks.ExitCode == 0, tasks.ToString());
        Assert.Contains(tasks.OutputLines, line => line.Contains(release.Id) && line.Contains("missing") && line.Contains("translate ru r3: \"Саммит открылся\""));

        var submitted = await Cli.RunAsync(Translator, "submit", release.Id, "--lang", "en", "--file", file, "--from-task", "--review");
        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        Assert.Equal($"Submitted en of {release.Id}: revision 1 (a new variant), in review, translated from source revision 3.\n", submitted.Output);

        var rejected = await Cli.RunAsync(Editor, "review", release.Id, "--lang", "en", "--reject", "A full stop is missing.", "--json");
        Assert.True(rejected.ExitCode == 0, rejected.ToString());
        var rejection = Parse<ReviewVariantResponse>(Assert.Single(rejected.OutputLines)).Variant;
        Assert.Equal((VariantState.Rejected, 2L, "A full stop is missing."), (rejection.State, rejection.Revision, rejection.Comment));

        var rejectedTasks = await Cli.RunAsync(Translator, "tasks", "--lang", "en", "--json");
        var task = rejectedTasks.OutputLines.Select(Parse<TranslationTask>).Single(t => t.ReleaseId == release.Id);
        Assert.Equal((TranslationTaskReason.Rejected, "A full stop is missing."), (task.Reason, task.Translation.Comment));
        var rejectedTable = await Cli.RunAsync(Translator, "tasks", "--lang", "en");
        Assert.Contains(rejectedTable.OutputLines, line => line.Contains(release.Id) && line.Contains("en r2 rejected by olga: \"A full stop is missing.\""));

        File.WriteAllText(file, "# Summit opens\n\nHeads of delegations gathered.\n\nThe first paragraph.\n\nThe second paragraph.\n");
        var resubmitted = await Cli.RunAsync(Translator, "submit", release.Id, "--lang", "en", "--file", file, "--review", "--json");
        Assert.True(resubmitted.ExitCode == 0, resubmitted.ToString());
        Assert.Equal((3L, VariantState.InReview), (Parse<SubmitVariantResponse>(resubmitted.Output).Variant.Revision, Parse<SubmitVariantResponse>(resubmitted.Output).Variant.State));

        var approved = await Cli.RunAsync(Editor, "review", release.Id, "--lang", "en", "--approve");
        Assert.Equal((0, $"Approved en of {release.Id}: revision 4, approved.\n"), (approved.ExitCode, approved.Output));
        var published = await Cli.RunAsync(Editor, "publish", release.Id, "--lang", "en");
        Assert.Equal((0, $"Published en of {release.Id}: en published r5.\n"), (published.ExitCode, published.Output));

        var json = await Cli.RunAsync(new TokenClaims("site", "reader"), "get", release.Id, "--lang", "en", "--json");
        var read = Parse<Release>(Assert.Single(json.OutputLines));
        var english = Assert.Single(read.Variants);
        Assert.Equal(("Summit opens", "Heads of delegations gathered.", "The first paragraph.\n\nThe second paragraph."), (english.Title, english.Lead, english.Body));
        Assert.Equal((VariantState.Published, "anna", 3L), (english.State, english.Author, english.SourceRevision));

        var table = await Cli.RunAsync(Translator, "get", release.Id, "--draft");
        Assert.Contains(table.OutputLines, line => line.Contains("en") && line.Contains("published") && line.Contains("r5") && line.Contains("Summit opens"));
        Assert.Contains(table.OutputLines, line => line.Contains("ru") && line.Contains("published") && line.Contains("Саммит открылся"));
        Assert.DoesNotContain((await Cli.RunAsync(Translator, "tasks", "--lang", "en", "--json")).OutputLines.Select(Parse<TranslationTask>), t => t.ReleaseId == release.Id);

        var unpublished = await Cli.RunAsync(Editor, "unpublish", release.Id, "--lang", "en");
        Assert.True(unpublished.ExitCode == 0, unpublished.ToString());
        Assert.StartsWith($"Unpublished en of {release.Id}: ", unpublished.Output);
        var afterwards = await Cli.RunAsync(new TokenClaims("site", "reader"), "get", release.Id, "--json");
        Assert.DoesNotContain(Parse<Release>(afterwards.Output).Variants, v => v.Language == "en");
    }

    [Fact]
    public async Task Outdated_task_names_what_changed_in_the_source()
    {
        var release = await PublishedRussianAsync();
        var editor = app.As(Editor);
        await editor.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en", "Summit opens", sourceRevision: 3));
        await editor.Translation.SubmitVariantAsync(new SubmitVariantRequest
        {
            ReleaseId = release.Id, Language = "ru", Title = "Саммит открылся в Москве", Lead = "Главы делегаций собрались.",
            Body = "Первый абзац.\n\nВторой абзац.", ExpectedRevision = 3,
        });

        var run = await Cli.RunAsync(Translator, "tasks", "--lang", "en");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(run.OutputLines, line => line.Contains(release.Id) && line.Contains("outdated") && line.Contains("ru r3 -> r4 changed title;"));
    }

    [Fact]
    public async Task Query_lists_releases_as_a_table_and_as_json()
    {
        var release = await PublishedRussianAsync("Запрос в таблице");

        var table = await Cli.RunAsync(Translator, "query", "--missing-lang", "en", "--draft");
        var json = await Cli.RunAsync(Translator, "query", "--missing-lang", "en", "--draft", "--json");

        Assert.Contains(table.OutputLines, line => line.Contains(release.Id) && line.Contains("ru published r3") && line.Contains("Запрос в таблице"));
        var found = json.OutputLines.Select(Parse<Release>).Single(r => r.Id == release.Id);
        Assert.Equal(("Запрос в таблице", VariantState.Published), (found.Variants.Single().Title, found.Variants.Single().State));
    }

    [Fact]
    public async Task Stale_expected_revision_says_which_revision_to_read_and_exits_3()
    {
        var release = await PublishedRussianAsync();
        await app.As(Editor).Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en"));
        var file = WriteFile("Title\n\nLead.\n\nBody.");

        var run = await Cli.RunAsync(Translator, "submit", release.Id, "--lang", "en", "--file", file, "--expected-revision", "0");

        AssertOneLineFailure(run, 3);
        Assert.Equal($"Could not submit en of {release.Id}: revision 0 was expected but the variant is at 1; "
            + $"run `translations get {release.Id} --lang en --draft` and resubmit.\n", run.Errors);
    }

    public static TheoryData<string[]> UsageErrors => new()
    {
        new[] { "submit", "some-id", "--file", "variant.md" },
        new[] { "submit", "some-id", "--lang", "en", "--file", "/nonexistent/variant.md" },
        new[] { "review", "some-id", "--lang", "en", "--approve", "--reject", "no" },
        new[] { "publish", "some-id", "--lang", "en", "--at", "tomorrow" },
        new[] { "publish", "some-id", "--lang", "en", "--at", "2026-12-01T09:00:00" },
        new[] { "get", "some-id", "--address", "not an address" },
        new[] { "watch", "--type", "nonsense" },
        new[] { "query", "--from", "24.04.2024" },
        new[] { "frobnicate" },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task Usage_errors_exit_2_with_one_line_and_send_nothing(string[] args)
    {
        var before = await app.LastSequenceAsync();

        var run = await Cli.RunAsync(Editor, args);

        AssertOneLineFailure(run, 2);
        Assert.Equal(before, await app.LastSequenceAsync());
    }

    [Fact]
    public async Task File_without_a_blank_second_line_is_a_usage_error_that_says_how_the_file_is_laid_out()
    {
        var release = await PublishedRussianAsync();
        var before = await app.LastSequenceAsync();

        var run = await Cli.RunAsync(Translator, "submit", release.Id, "--lang", "en", "--file", WriteFile("Title\nLead right away.\n"));

        AssertOneLineFailure(run, 2);
        Assert.Contains("line 2 must be blank", run.Errors);
        Assert.Equal(before, await app.LastSequenceAsync());
    }

    [Fact]
    public async Task Refusals_exit_3_saying_what_to_do()
    {
        var release = await PublishedRussianAsync();
        var file = WriteFile("Titel\n\nLead.\n\nText.");

        var noToken = await Cli.RunAsync(null, "tasks", "--lang", "en");
        var wrongLanguage = await Cli.RunAsync(new TokenClaims("ivan", ["translator"], ["ru"]), "submit", release.Id, "--lang", "en", "--file", file);
        var unsupported = await Cli.RunAsync(Translator, "submit", release.Id, "--lang", "de", "--file", file);
        var unknown = await Cli.RunAsync(Translator, "get", "0123456789abcdef0123456789abcdef", "--draft");
        var invalid = await Cli.RunAsync(Translator, "submit", release.Id, "--lang", "en", "--file", WriteFile($"{new string('T', 2000)}\n\nLead.\n\nBody."));
        var notApproved = await Cli.RunAsync(Editor, "publish", release.Id, "--lang", "en");

        AssertOneLineFailure(noToken, 3);
        Assert.Contains("set --token or TRANSLATIONS_TOKEN", noToken.Errors);
        AssertOneLineFailure(wrongLanguage, 3);
        Assert.Contains("lacks the right variants.write for en", wrongLanguage.Errors);
        AssertOneLineFailure(unsupported, 3);
        Assert.Contains("the service refused --lang: 'de' is not a supported language", unsupported.Errors);
        AssertOneLineFailure(unknown, 3);
        Assert.Contains("there is no release 0123456789abcdef0123456789abcdef", unknown.Errors);
        AssertOneLineFailure(invalid, 3);
        Assert.Contains("title (first line of the file): ", invalid.Errors);
        AssertOneLineFailure(notApproved, 3);
        Assert.Contains($"Could not publish en of {release.Id}: ", notApproved.Errors);
    }

    [Fact]
    public async Task Submit_from_task_without_a_task_is_refused_before_anything_is_written()
    {
        var release = await PublishedRussianAsync();
        await app.As(Editor).Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en", sourceRevision: 3).ForReview());
        var before = await app.LastSequenceAsync();

        var run = await Cli.RunAsync(Translator, "submit", release.Id, "--lang", "en", "--file", WriteFile("Title\n\nLead."), "--from-task");

        AssertOneLineFailure(run, 3);
        Assert.Contains($"release {release.Id} has no translation task for en", run.Errors);
        Assert.Equal(before, await app.LastSequenceAsync());
    }

    [Fact]
    public async Task Unreachable_service_exits_4_naming_the_address()
    {
        var address = $"127.0.0.1:{FreePorts.Next()}";

        var run = await Cli.RunAsync(Translator, "get", "0123456789abcdef0123456789abcdef", "--address", address);

        AssertOneLineFailure(run, 4);
        Assert.Contains($"the service at {address} is unavailable", run.Errors);
    }

    [Fact]
    public async Task Rate_limited_write_exits_4_saying_how_long_to_wait()
    {
        await using var limited = new TranslationsApp().With("RateLimits:WritesPerPeriod", "1").With("RateLimits:Period", "00:01:00").With("RateLimits:WriteBurst", "1");
        await limited.InitializeAsync();
        var release = (await limited.As(Editor).Editorial.CreateReleaseAsync(Requests.NewRelease())).Release;
        var file = WriteFile("Title\n\nLead.\n\nBody.");

        var run = await new CliSession(limited.Address).RunAsync(Editor, "submit", release.Id, "--lang", "en", "--file", file);

        AssertOneLineFailure(run, 4);
        Assert.Matches(@"too many writes .*; wait [0-9.]+ s and run the same command again\.", run.Errors);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("1")]
    public async Task Redirected_output_has_no_escape_codes_with_or_without_NO_COLOR(string? noColor)
    {
        var release = await PublishedRussianAsync();
        var cli = new CliSession(app.Address, new() { ["NO_COLOR"] = noColor });

        var runs = new[]
        {
            await cli.RunAsync(Translator, "get", release.Id, "--draft"),
            await cli.RunAsync(Translator, "tasks", "--lang", "en"),
            await cli.RunAsync(Translator, "query", "--draft", "--limit", "3"),
        };

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.ToString()));
        Assert.All(runs, run => Assert.DoesNotContain('\u001b', run.Output));
        Assert.Contains("published", runs[0].Output);
    }

    [Fact]
    public async Task Token_command_signs_with_the_service_s_key_from_the_environment_and_the_service_accepts_it()
    {
        var cli = new CliSession(app.Address, new()
        {
            ["Auth__SigningKey"] = TranslationsApp.Signing.SigningKey,
            ["Auth__Issuer"] = TranslationsApp.Signing.Issuer,
            ["Auth__Audience"] = TranslationsApp.Signing.Audience,
        });

        var minted = await cli.RunWithTokenAsync(null, "token", "--sub", "anna", "--role", "translator", "--lang", "en", "--json");
        var token = System.Text.Json.JsonDocument.Parse(minted.Output).RootElement.GetProperty("token").GetString();
        var tasks = await cli.RunWithTokenAsync(token, "tasks", "--lang", "en");
        var otherLanguage = await cli.RunWithTokenAsync(token, "tasks", "--lang", "de");

        Assert.True(tasks.ExitCode == 0, tasks.ToString());
        AssertOneLineFailure(otherLanguage, 3);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("query")]
    [InlineData("watch")]
    [InlineData("tasks")]
    [InlineData("submit")]
    [InlineData("review")]
    [InlineData("publish")]
    [InlineData("unpublish")]
    [InlineData("token")]
    public async Task Every_command_has_help_with_an_example(string command)
    {
        var run = await Cli.RunAsync(null, command, "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches($@"Example:\n\s+{(command == "token" ? @"export TRANSLATIONS_TOKEN=\$\(translations token" : $"translations {command} ")}", run.Output);
    }

    [Fact]
    public async Task Root_help_lists_the_commands_and_the_exit_codes()
    {
        var run = await Cli.RunAsync(null, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("3  refused by the service", run.Output);
        Assert.Contains("4  unavailable or try later", run.Output);
        Assert.Contains("unpublish", run.Output);
    }
}
