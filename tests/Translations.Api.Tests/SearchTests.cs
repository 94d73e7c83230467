using Grpc.Core;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>
/// SearchReleases, on each database: the same releases for the same words, whatever their inflection, case
/// or ё; phrases, exclusions and OR; readers find only what is published; a write is found at once.
/// </summary>
[Trait("Database", "Each")]
public sealed class SearchTests(SearchTests.Host host) : IClassFixture<SearchTests.Host>
{
    public sealed class Host : TranslationsApp
    {
        public SearchCorpus Corpus { get; private set; } = null!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            Corpus = await SearchCorpus.FillAsync(this);
        }
    }

    private static readonly TokenClaims Reader = new("site", "reader");
    private static readonly TokenClaims Editor = new("olga", "editor");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SearchCorpus Corpus => host.Corpus;

    private async Task<List<SearchReleasesResponse>> SearchAsync(
        string query, string language, ReleaseView view = ReleaseView.Published, TokenClaims? caller = null, Action<SearchReleasesRequest>? more = null)
    {
        var request = new SearchReleasesRequest { Query = query, Language = language, View = view, Limit = 1000, Filter = new ReleaseFilter { Categories = { "search" } } };
        more?.Invoke(request);
        return await host.As(caller ?? (view == ReleaseView.Draft ? Editor : Reader)).Releases.SearchReleases(request, cancellationToken: Ct).ReadAllAsync(Ct);
    }

    private async Task<string[]> FoundAsync(string query, string language, ReleaseView view = ReleaseView.Published) =>
        Corpus.NamesOf(await SearchAsync(query, language, view)).Order().ToArray();

    [Theory]
    [InlineData("учения")]
    [InlineData("учениях")]
    [InlineData("Учений")]
    [InlineData("УЧЕНИЕ")]
    public async Task Russian_words_find_every_inflected_form(string query)
    {
        Assert.Equal(["csto-drills", "diplomats-forum"], await FoundAsync(query, "ru"));
    }

    [Theory]
    [InlineData("exercise")]
    [InlineData("exercises")]
    [InlineData("EXERCISING")]
    public async Task English_words_find_plural_and_verb_forms(string query)
    {
        Assert.Equal(["csto-exercise", "diplomacy-school"], await FoundAsync(query, "en"));
    }

    [Fact]
    public async Task A_query_typed_with_combining_marks_finds_the_composed_text()
    {
        // "Новогодняя" with й typed as и + U+0306, ё as е + U+0308.
        Assert.Equal(["new-year-tree"], await FoundAsync("Новогодни\u0306 е\u0308лки", "ru"));
    }

    [Theory]
    [InlineData("ёлка")]
    [InlineData("елка")]
    [InlineData("Ёлки")]
    public async Task Yo_and_ye_are_the_same_letter(string query)
    {
        Assert.Equal(["new-year-tree"], await FoundAsync(query, "ru"));
    }

    [Theory]
    [InlineData("ОДКБ", "ru", "csto-drills")]
    [InlineData("одкб", "ru", "csto-drills")]
    [InlineData("СКБ", "ru", "new-year-tree")]
    [InlineData("«Вектор»", "ru", "new-year-tree")]
    [InlineData("\"Vector\"", "en", "tree-lighting")]
    [InlineData("CSTO", "en", "csto-exercise")]
    [InlineData("skb", "en", "tree-lighting")]
    public async Task Abbreviations_and_quoted_names_are_found_in_any_case(string query, string language, string expected)
    {
        Assert.Equal([expected], await FoundAsync(query, language));
    }

    [Theory]
    [InlineData("пресс-релиз", "ru", "csto-drills")]
    [InlineData("пресс-служба", "ru", "csto-drills")]
    [InlineData("CSTO-led", "en", "csto-exercise")]
    [InlineData("\"press release\"", "en", "csto-exercise")]
    public async Task Hyphenated_words_and_phrases_are_found(string query, string language, string expected)
    {
        Assert.Equal([expected], await FoundAsync(query, language));
    }

    [Theory]
    [InlineData("12.05.2026", "ru", "csto-drills")]
    [InlineData("2027", "ru", "diplomats-forum")]
    [InlineData("25 декабря", "ru", "new-year-tree")]
    [InlineData("December 25", "en", "tree-lighting")]
    public async Task Numbers_and_dates_are_words(string query, string language, string expected)
    {
        Assert.Equal([expected], await FoundAsync(query, language));
    }

    [Fact]
    public async Task A_phrase_needs_its_words_in_order_and_an_excluded_word_removes_releases()
    {
        Assert.Equal(["csto-drills"], await FoundAsync("\"учения ОДКБ\"", "ru"));
        Assert.Empty(await FoundAsync("\"ОДКБ учения\"", "ru"));
        Assert.Equal(["diplomats-forum"], await FoundAsync("учения -командование", "ru"));
        Assert.Equal(["csto-exercise"], await FoundAsync("exercise -diplomacy", "en"));
    }

    [Fact]
    public async Task OR_finds_either_and_binds_looser_than_the_other_words()
    {
        Assert.Equal(["diplomats-forum", "new-year-tree"], await FoundAsync("ёлка OR форум", "ru"));
        Assert.Equal(["csto-drills", "new-year-tree"], await FoundAsync("учения командование OR ёлка", "ru"));
        Assert.Equal(["diplomacy-school", "tree-lighting"], await FoundAsync("tree or \"soft power\"", "en"));
    }

    [Fact]
    public async Task Readers_find_only_published_releases_and_the_draft_view_finds_drafts_too()
    {
        Assert.Equal(["csto-drills", "diplomats-forum"], await FoundAsync("учения", "ru"));
        Assert.Equal(["csto-drills", "diplomats-forum", "secret-plans"], await FoundAsync("учения", "ru", ReleaseView.Draft));

        var refused = await Assert.ThrowsAsync<RpcException>(() => SearchAsync("учения", "ru", ReleaseView.Draft, caller: Reader));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.DoesNotContain(Corpus["secret-plans"], refused.Status.Detail);
    }

    [Fact]
    public async Task Only_the_language_searched_is_searched()
    {
        Assert.Empty(await FoundAsync("Tajikistan", "ru"));
        Assert.Empty(await FoundAsync("Таджикистан", "en"));
    }

    [Fact]
    public async Task Hits_come_best_first_with_the_title_and_a_snippet_marked()
    {
        var hits = await SearchAsync("учения ОДКБ", "ru");

        var hit = Assert.Single(hits).Hit;
        Assert.Equal(Corpus["csto-drills"], hit.ReleaseId);
        Assert.Equal("ru", hit.Language);
        Assert.Equal(Requests.Date(2026, 5, 1), hit.ReleaseDate);
        Assert.Equal("Учения ОДКБ пройдут в Таджикистане", hit.Title.Text);
        Assert.Equal(["Учения", "ОДКБ"], hit.Title.Marks.Select(m => hit.Title.Text.Substring(m.Start, m.Length)));
        Assert.StartsWith("В учениях участвуют", hit.Snippet.Text);
        Assert.Equal(["учениях", "ОДКБ", "учений"], hit.Snippet.Marks.Select(m => hit.Snippet.Text.Substring(m.Start, m.Length)));
        Assert.True(hit.Score > 0);

        // A title match ranks above a match in the body only.
        var ranked = Corpus.NamesOf(await SearchAsync("форум", "ru"));
        Assert.Equal(["diplomats-forum"], ranked);
        var both = await SearchAsync("учения", "ru");
        Assert.Equal(["csto-drills", "diplomats-forum"], Corpus.NamesOf(both));
        Assert.True(both[0].Hit.Score > both[1].Hit.Score);
    }

    [Fact]
    public async Task Marks_can_come_as_the_callers_tags_around_html_escaped_text()
    {
        var id = (await host.CreatePublishedAsync(Requests.NewRelease(language: "en", title: "Markup <b>test</b>",
            body: "A quokkatag & <script>alert(1)</script> quokkatag.", category: "markup"))).Id;

        var hits = await SearchAsync("quokkatag", "en", more: r => { r.Filter.Categories[0] = "markup"; r.MarkTags = new MarkTags { Open = "<em>", Close = "</em>" }; });

        var snippet = Assert.Single(hits).Hit.Snippet;
        Assert.Equal(id, hits[0].Hit.ReleaseId);
        Assert.Equal("A quokkatag & <script>alert(1)</script> quokkatag.", snippet.Text);
        Assert.Equal("A <em>quokkatag</em> &amp; &lt;script&gt;alert(1)&lt;/script&gt; <em>quokkatag</em>.", snippet.Tagged);
        // Only what HTML gives meaning to is escaped: Cyrillic and «» stay as they are.
        var russian = Assert.Single(await SearchAsync("вектор", "ru", more: r => r.MarkTags = new MarkTags { Open = "<em>", Close = "</em>" })).Hit;
        Assert.EndsWith("из СКБ «<em>Вектор</em>» и школ Москвы.", russian.Snippet.Tagged);
        Assert.Equal("Markup &lt;b&gt;test&lt;/b&gt;", hits[0].Hit.Title.Tagged);
    }

    [Fact]
    public async Task Marks_count_code_points_not_utf16_units()
    {
        await host.CreatePublishedAsync(Requests.NewRelease(language: "en", title: "Emoji", body: "🎄🎄 wombatword here", category: "emoji"));

        var hit = Assert.Single(await SearchAsync("wombatword", "en", more: r => r.Filter.Categories[0] = "emoji")).Hit;

        Assert.Equal(new TextRange { Start = 3, Length = 10 }, Assert.Single(hit.Snippet.Marks));
    }

    [Fact]
    public async Task A_write_is_found_at_once_and_its_old_words_are_not()
    {
        var release = await host.CreatePublishedAsync(Requests.NewRelease(language: "en", title: "Platypusold", body: "Text.", category: "rewrite"));
        Task<string[]> Found(string query, ReleaseView view) =>
            SearchAsync(query, "en", view, more: r => r.Filter.Categories[0] = "rewrite").ContinueWith(t => t.Result.Select(h => h.Hit.ReleaseId).ToArray(), Ct);

        await host.Translation.SubmitVariantAsync(new SubmitVariantRequest
        {
            ReleaseId = release.Id, Language = "en", Title = "Platypusnew", Body = "Text.", ExpectedRevision = release.Variants[0].Revision,
        }, cancellationToken: Ct);

        Assert.Equal([release.Id], await Found("platypusnew", ReleaseView.Draft));
        Assert.Empty(await Found("platypusold", ReleaseView.Draft));
        // Readers keep finding the published text until the new one is published.
        Assert.Equal([release.Id], await Found("platypusold", ReleaseView.Published));
        Assert.Empty(await Found("platypusnew", ReleaseView.Published));

        await host.PublishAsync(release.Id, "en");
        Assert.Equal([release.Id], await Found("platypusnew", ReleaseView.Published));
        Assert.Empty(await Found("platypusold", ReleaseView.Published));
    }

    [Fact]
    public async Task Unpublished_and_deleted_releases_are_gone_from_the_results()
    {
        var release = await host.CreatePublishedAsync(Requests.NewRelease(language: "en", title: "Narwhalword", body: "Text.", category: "gone"));
        Task<int> Count(ReleaseView view) => SearchAsync("narwhalword", "en", view, more: r => r.Filter.Categories[0] = "gone").ContinueWith(t => t.Result.Count, Ct);
        Assert.Equal(1, await Count(ReleaseView.Published));

        var unpublished = (await host.Editorial.UnpublishReleaseAsync(new UnpublishReleaseRequest { Id = release.Id, Language = "en" }, cancellationToken: Ct)).Release;
        Assert.Equal(0, await Count(ReleaseView.Published));
        Assert.Equal(1, await Count(ReleaseView.Draft));

        await host.Editorial.DeleteReleaseAsync(new DeleteReleaseRequest { Id = release.Id, ExpectedRevision = unpublished.Revision }, cancellationToken: Ct);
        Assert.Equal(0, await Count(ReleaseView.Draft));
    }

    [Fact]
    public async Task The_filter_narrows_the_hits()
    {
        Assert.Equal(["csto-drills"], Corpus.NamesOf(await SearchAsync("учения", "ru", more: r => r.Filter.ReleaseDateTo = Requests.Date(2026, 5, 1))));
        Assert.Empty(await SearchAsync("учения", "ru", more: r => r.Filter.Categories[0] = "elsewhere"));
    }

    [Fact]
    public async Task A_cursor_resumes_right_after_the_last_hit()
    {
        var all = await SearchAsync("учения OR ёлка OR форум", "ru", ReleaseView.Draft);
        Assert.Equal(4, all.Count);

        var pages = new List<SearchReleasesResponse>();
        var after = "";
        do
        {
            var page = await SearchAsync("учения OR ёлка OR форум", "ru", ReleaseView.Draft, more: r => { r.Limit = 1; r.After = after; });
            pages.AddRange(page);
            after = page.Count == 0 ? "" : page[^1].Cursor;
        }
        while (after.Length > 0);

        Assert.Equal(all.Select(h => h.Hit), pages.Select(h => h.Hit));
    }

    [Theory]
    [InlineData("", "query")]
    [InlineData("  !!! … — ", "query")]
    [InlineData("-учения", "query")]
    [InlineData("и в на", "query")]
    public async Task A_query_with_nothing_to_search_for_is_refused(string query, string field)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => SearchAsync(query, "ru"));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal([field], refused.ViolatedFields());
    }

    [Fact]
    public async Task Odd_queries_are_answered_or_refused_by_field_never_failed()
    {
        string[] odd =
        [
            "\"", "\"\"\"", "-", "--учения", "OR", "учения OR", "OR учения", "-\"\" учения", "NEAR(учения ОДКБ)", "title:учения", "учения AND ОДКБ",
            "*", "учени*", "^учения", "(учения)", "{учения}", "'", "учения'", "\"учения", "учения\"", "учения -", "- учения", "учения --ОДКБ",
            "\"учения\" OR \"OR\"", "a\u0000b", "учения\r\nОДКБ", "\ud800", "🎄", "учения 🎄", "%_", "\\", "1e10", "0x1F", "e-mail@", "http://", "::",
            new string('я', 1999), new string('я', 2001), string.Join(" OR ", Enumerable.Repeat("учения", 64)),
        ];
        foreach (var query in odd)
        {
            try
            {
                await SearchAsync(query, "ru");
            }
            catch (RpcException refused)
            {
                Assert.True(refused.StatusCode == StatusCode.InvalidArgument && refused.ViolatedFields().SequenceEqual(["query"]),
                    $"{query.Length} characters starting {query[..Math.Min(query.Length, 20)]}: {refused.Status}");
            }
        }
    }

    [Fact]
    public async Task A_query_of_a_thousand_words_is_refused_not_run()
    {
        var query = string.Join(' ', Enumerable.Range(0, 1000).Select(i => $"word{i}"));

        var refused = await Assert.ThrowsAsync<RpcException>(() => SearchAsync(query, "en"));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["query"], refused.ViolatedFields());
    }

    [Fact]
    public async Task Bad_language_limit_cursor_and_tags_are_named()
    {
        var missing = await Assert.ThrowsAsync<RpcException>(() => SearchAsync("учения", ""));
        Assert.Equal(["language"], missing.ViolatedFields());

        var tooMany = await Assert.ThrowsAsync<RpcException>(() => SearchAsync("учения", "ru", more: r => r.Limit = 1001));
        Assert.Equal(["limit"], tooMany.ViolatedFields());

        var first = (await SearchAsync("учения", "ru", more: r => r.Limit = 1))[0].Cursor;
        var otherSearch = await Assert.ThrowsAsync<RpcException>(() => SearchAsync("ёлка", "ru", more: r => r.After = first));
        Assert.Equal(["after"], otherSearch.ViolatedFields());
        var garbage = await Assert.ThrowsAsync<RpcException>(() => SearchAsync("ёлка", "ru", more: r => r.After = "not-a-cursor"));
        Assert.Equal(["after"], garbage.ViolatedFields());

        var longTag = await Assert.ThrowsAsync<RpcException>(() => SearchAsync("ёлка", "ru", more: r => r.MarkTags = new MarkTags { Open = new string('x', 65) }));
        Assert.Equal(["mark_tags.open"], longTag.ViolatedFields());
    }
}
