using Grpc.Core;
using Translations.Tests.Infrastructure;
using Translations.V1;

namespace Translations.Tests;

[Trait("Database", "Each")]
public sealed class TranslationTests(TranslationsApp app) : IClassFixture<TranslationsApp>
{
    [Fact]
    public async Task English_variant_is_added_and_each_language_is_read_back()
    {
        var created = await app.CreateAsync(Requests.NewRelease(title: "Саммит"));

        var submitted = await app.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "en", title: "Summit"));

        Assert.Equal(("en", 1L, 1L, 2L), (submitted.Variant.Language, submitted.Variant.Revision, submitted.Variant.SourceRevision, submitted.ReleaseRevision));
        var english = await app.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = created.Id, Language = "en" });
        var russian = await app.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = created.Id, Language = "ru" });
        var all = await app.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = created.Id });
        Assert.Equal(("Summit", "en", false), (Assert.Single(english.Release.Variants).Title, english.ServedLanguage, english.FellBack));
        Assert.Equal(("Саммит", "ru", false), (Assert.Single(russian.Release.Variants).Title, russian.ServedLanguage, russian.FellBack));
        Assert.Equal(["ru", "en"], all.Release.Variants.Select(v => v.Language));
        Assert.Equal(2, all.Release.Revision);
    }

    [Fact]
    public async Task Reader_of_a_missing_language_falls_back_and_is_told_so()
    {
        var created = await app.CreateAsync(Requests.NewRelease(title: "Только по-русски"));

        var response = await app.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = created.Id, Language = "en" });

        Assert.Equal("ru", response.ServedLanguage);
        Assert.True(response.FellBack);
        Assert.Equal("Только по-русски", Assert.Single(response.Release.Variants).Title);
    }

    [Fact]
    public async Task Release_with_no_variant_in_the_fallback_chain_is_not_found()
    {
        await using var isolated = new TranslationsApp()
            .With("Languages:Supported:2", "de")
            .With("Languages:Fallback:de:0", "en");
        await isolated.InitializeAsync();
        var created = await isolated.CreateAsync(Requests.NewRelease(language: "ru"));

        var error = await Requests.FailsAsync(isolated.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = created.Id, Language = "de" }));
        var batch = await isolated.Releases.BatchGetReleasesAsync(new BatchGetReleasesRequest { View = ReleaseView.Draft, Ids = { created.Id }, Language = "de" });

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal([created.Id], batch.MissingIds);
        Assert.Empty(batch.Releases);
    }

    [Fact]
    public async Task Submitting_the_source_language_edits_the_original()
    {
        var created = await app.CreateAsync(Requests.NewRelease(title: "Черновик"));

        var edited = await app.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "ru", title: "Окончательно", expectedRevision: 1, sourceRevision: 7));

        Assert.Equal((2L, 0L, 2L), (edited.Variant.Revision, edited.Variant.SourceRevision, edited.ReleaseRevision));
        var read = await app.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = created.Id, Language = "ru" });
        Assert.Equal("Окончательно", read.Release.Variants[0].Title);
    }

    [Fact]
    public async Task Translation_records_the_source_revision_it_was_made_from()
    {
        var created = await app.CreateAsync(Requests.NewRelease());
        await app.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "ru", title: "Правка", expectedRevision: 1));

        var fromOld = await app.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "en", sourceRevision: 1));
        var beyond = await Requests.FailsAsync(app.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "en", expectedRevision: 1, sourceRevision: 3)));
        var current = await app.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "en", expectedRevision: 1));

        Assert.Equal(1, fromOld.Variant.SourceRevision);
        Assert.Equal(["source_revision"], beyond.ViolatedFields());
        Assert.Equal(2, current.Variant.SourceRevision);
    }

    [Fact]
    public async Task New_variant_that_already_exists_is_aborted_with_its_current_revision()
    {
        var created = await app.CreateAsync(Requests.NewRelease());
        await app.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "en"));

        var error = await Requests.FailsAsync(app.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "en", title: "Other")));

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal("1", error.ErrorInfo().Metadata["current_revision"]);
    }

    [Fact]
    public async Task Submit_names_every_bad_field()
    {
        var error = await Requests.FailsAsync(app.Translation.SubmitVariantAsync(new SubmitVariantRequest
        {
            ReleaseId = "not-an-id",
            Language = "fr",
            Title = "two\nlines",
            Body = "",
            Lead = "tab\tis fine but \u001b is not",
            ExpectedRevision = -1,
            SourceRevision = -2,
        }));

        Assert.Equal(["body", "expected_revision", "language", "lead", "release_id", "source_revision", "title"],
            error.ViolatedFields().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Title_longer_than_300_characters_is_invalid_and_300_is_fine()
    {
        var created = await app.CreateAsync(Requests.NewRelease());
        var emoji = string.Concat(Enumerable.Repeat("😀", 300));   // 300 characters, 600 UTF-16 units

        var ok = await app.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "en", title: emoji));
        var error = await Requests.FailsAsync(app.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "en", title: emoji + "x", expectedRevision: 1)));

        Assert.Equal(emoji, ok.Variant.Title);
        Assert.Equal(["title"], error.ViolatedFields());
    }

    [Fact]
    public async Task Submitting_to_an_unknown_release_is_not_found()
    {
        var error = await Requests.FailsAsync(app.Translation.SubmitVariantAsync(Requests.Variant(Guid.NewGuid().ToString("N"), "en")));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Retried_submission_returns_the_first_result_and_writes_nothing()
    {
        var created = await app.CreateAsync(Requests.NewRelease());
        var request = Requests.Variant(created.Id, "en", requestId: Requests.Unique("submit"));

        var first = await app.Translation.SubmitVariantAsync(request);
        var retried = await app.Translation.SubmitVariantAsync(request);
        var reused = await Requests.FailsAsync(app.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "en", title: "Other", requestId: request.RequestId)));

        Assert.Equal(first, retried);
        Assert.Equal(StatusCode.AlreadyExists, reused.StatusCode);
        var history = await app.Translation.ListVariantRevisions(new ListVariantRevisionsRequest { ReleaseId = created.Id, Language = "en" }).ReadAllAsync();
        Assert.Single(history);
        var release = await app.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = created.Id });
        Assert.Equal(2, release.Release.Revision);
    }

    [Fact]
    public async Task Variant_history_lists_every_revision_newest_first_with_author_and_time()
    {
        var created = await app.CreateAsync(Requests.NewRelease());
        for (var revision = 0; revision < 3; revision++)
        {
            await app.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "en", title: $"Take {revision + 1}", expectedRevision: revision));
        }

        var history = await app.Translation.ListVariantRevisions(new ListVariantRevisionsRequest { ReleaseId = created.Id, Language = "en" }).ReadAllAsync();

        Assert.Equal([3L, 2L, 1L], history.Select(h => h.Variant.Revision));
        Assert.Equal(["Take 3", "Take 2", "Take 1"], history.Select(h => h.Variant.Title));
        Assert.All(history, h => Assert.Equal("editor-1", h.Variant.Author));
        Assert.True(history[0].Variant.UpdateTime.ToDateTimeOffset() >= history[2].Variant.UpdateTime.ToDateTimeOffset());
    }

    [Fact]
    public async Task History_of_a_variant_that_does_not_exist_is_not_found()
    {
        var created = await app.CreateAsync(Requests.NewRelease());

        var error = await Requests.FailsAsync(() => app.Translation.ListVariantRevisions(
            new ListVariantRevisionsRequest { ReleaseId = created.Id, Language = "en" }).ReadAllAsync());

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Of_racing_writers_on_one_variant_exactly_one_wins_and_the_rest_are_aborted()
    {
        var created = await app.CreateAsync(Requests.NewRelease());
        const int writers = 16;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var racers = Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                await app.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "en", title: $"Writer {i}"));
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        })).ToArray();
        start.SetResult();
        var outcomes = await Task.WhenAll(racers);

        Assert.Equal(1, outcomes.Count(o => o == StatusCode.OK));
        Assert.Equal(writers - 1, outcomes.Count(o => o == StatusCode.Aborted));
        var history = await app.Translation.ListVariantRevisions(new ListVariantRevisionsRequest { ReleaseId = created.Id, Language = "en" }).ReadAllAsync();
        var winner = Assert.Single(history);
        var stored = await app.Releases.GetReleaseAsync(new GetReleaseRequest { View = ReleaseView.Draft, Id = created.Id, Language = "en" });
        Assert.Equal(winner.Variant.Title, stored.Release.Variants[0].Title);
        Assert.Equal(2, stored.Release.Revision);
    }

    [Fact]
    public async Task Racing_edits_of_the_original_against_the_same_revision_let_exactly_one_through()
    {
        var created = await app.CreateAsync(Requests.NewRelease());
        const int writers = 8;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
        {
            try
            {
                await app.Translation.SubmitVariantAsync(Requests.Variant(created.Id, "ru", title: $"Правка {i}", expectedRevision: 1));
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        })));

        Assert.Equal(1, outcomes.Count(o => o == StatusCode.OK));
        Assert.All(outcomes.Where(o => o != StatusCode.OK), o => Assert.Equal(StatusCode.Aborted, o));
        var history = await app.Translation.ListVariantRevisions(new ListVariantRevisionsRequest { ReleaseId = created.Id, Language = "ru" }).ReadAllAsync();
        Assert.Equal([2L, 1L], history.Select(h => h.Variant.Revision));
    }
}
