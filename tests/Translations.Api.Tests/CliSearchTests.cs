using Google.Protobuf;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>
/// <c>translations search</c> run in-process against the real service over its socket, output redirected as in
/// a script: hits with the matched words marked, hits as JSON, and refusals as one line with exit code 3.
/// What a search finds on each database is SearchTests' business; this is about the command.
/// </summary>
public sealed class CliSearchTests(CliSearchTests.Host host) : IClassFixture<CliSearchTests.Host>
{
    public sealed class Host : TranslationsApp
    {
        public SearchCorpus Corpus { get; private set; } = null!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            Corpus = await SearchCorpus.FillAsync(this, category: "cli-search");
        }
    }

    private static readonly TokenClaims Reader = new("site", "reader");
    private static readonly TokenClaims Translator = new("anna", ["translator"], ["en"]);

    private CliSession Cli => new(host.Address);

    private SearchCorpus Corpus => host.Corpus;

    private static void AssertOneLineFailure(CliRun run, int exitCode)
    {
        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.Equal("", run.Output);
        Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", run.Errors);
    }

    [Fact]
    public async Task A_Russian_query_prints_date_id_title_and_snippet_with_the_matched_words_marked()
    {
        var run = await Cli.RunAsync(Reader, "search", "учения ОДКБ", "--lang", "ru", "--category", "cli-search");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Errors);
        Assert.DoesNotContain('\u001b', run.Output);
        Assert.Equal(
        [
            $"2026-05-01  {Corpus["csto-drills"]}  *Учения* *ОДКБ* пройдут в Таджикистане",
            "            В *учениях* участвуют 5 тысяч военнослужащих стран *ОДКБ*. Командование *учений* сообщило о готовности. Пресс-релиз подготовлен пресс-службой",
            "            Объединённого штаба.",
            "1 release found.",
        ], run.OutputLines);
    }

    [Fact]
    public async Task Json_prints_one_hit_per_line_best_first_and_nothing_else()
    {
        var run = await Cli.RunAsync(Reader, "search", "учения", "--lang", "ru", "--category", "cli-search", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var hits = run.OutputLines.Select(JsonParser.Default.Parse<SearchHit>).ToList();
        Assert.Equal([Corpus["csto-drills"], Corpus["diplomats-forum"]], hits.Select(h => h.ReleaseId));
        Assert.Equal(new TextRange { Start = 0, Length = 6 }, Assert.Single(hits[0].Title.Marks));
        Assert.Equal("учение", hits[1].Snippet.Text.Substring(hits[1].Snippet.Marks[0].Start, hits[1].Snippet.Marks[0].Length));
        Assert.Equal(("ru", Requests.Date(2026, 5, 3)), (hits[1].Language, hits[1].ReleaseDate));
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public async Task The_filter_options_and_the_limit_narrow_the_hits()
    {
        var until = await Cli.RunAsync(Reader, "search", "учения", "--lang", "ru", "--category", "cli-search", "--to", "2026-05-01", "--json");
        var elsewhere = await Cli.RunAsync(Reader, "search", "учения", "--lang", "ru", "--category", "elsewhere");
        var first = await Cli.RunAsync(Reader, "search", "учения", "--lang", "ru", "--category", "cli-search", "--limit", "1");

        Assert.Equal([Corpus["csto-drills"]], until.OutputLines.Select(l => JsonParser.Default.Parse<SearchHit>(l).ReleaseId));
        Assert.Equal(["No release matches."], elsewhere.OutputLines);
        Assert.StartsWith($"2026-05-01  {Corpus["csto-drills"]}  ", first.OutputLines[0]);
        Assert.Equal("1 release found; there may be more: --limit N shows up to N (at most 1000).", first.OutputLines[^1]);
        Assert.DoesNotContain(first.OutputLines, line => line.Contains(Corpus["diplomats-forum"]));
    }

    [Theory]
    [InlineData("", "has no word to search for")]
    [InlineData("-учения", "only excludes words")]
    public async Task A_query_with_nothing_to_search_for_is_refused_naming_QUERY_with_exit_code_3(string query, string why)
    {
        var run = await Cli.RunAsync(Reader, "search", query, "--lang", "ru");

        AssertOneLineFailure(run, 3);
        Assert.StartsWith($"Could not search the ru releases: the service refused QUERY: {why}", run.Errors);
        Assert.EndsWith("; correct it and try again.\n", run.Errors);
    }

    [Fact]
    public async Task A_reader_asking_for_the_draft_view_is_refused_and_a_translator_finds_drafts_there()
    {
        var reader = await Cli.RunAsync(Reader, "search", "учения", "--lang", "ru", "--category", "cli-search", "--view", "draft");
        var translator = await Cli.RunAsync(Translator, "search", "учения", "--lang", "ru", "--category", "cli-search", "--view", "draft", "--json");
        var shorthand = await Cli.RunAsync(Translator, "search", "учения", "--lang", "ru", "--category", "cli-search", "--draft", "--json");

        AssertOneLineFailure(reader, 3);
        Assert.Contains("this token lacks the right releases.read_drafts", reader.Errors);
        Assert.DoesNotContain(Corpus["secret-plans"], reader.Errors);
        Assert.Contains(Corpus["secret-plans"], translator.OutputLines.Select(l => JsonParser.Default.Parse<SearchHit>(l).ReleaseId));
        Assert.Equal(translator.Output, shorthand.Output);
    }

    [Theory]
    [InlineData("--limit", "0")]
    [InlineData("--limit", "1001")]
    [InlineData("--view", "drafts")]
    [InlineData("--from", "01.05.2026")]
    public async Task Bad_options_are_usage_errors_with_exit_code_2(string option, string value)
    {
        var run = await Cli.RunAsync(Reader, "search", "учения", "--lang", "ru", option, value);

        AssertOneLineFailure(run, 2);
        Assert.Contains(option, run.Errors);
    }

    [Fact]
    public async Task Help_shows_the_issue_s_example()
    {
        var run = await Cli.RunAsync(null, "search", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches("Example:\n\\s+translations search \"учения ОДКБ\" --lang ru\n", run.Output);
    }
}
