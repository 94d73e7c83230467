using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>Variant states, review, per-language publishing, and outdated translations.</summary>
[Trait("Database", "Each")]
public sealed class WorkflowTests(TranslationsApp app) : IClassFixture<TranslationsApp>
{
    private static readonly TokenClaims Translator = new("anna", ["translator"], ["en"]);
    private static readonly TokenClaims Reader = new("site", "reader");

    [Fact]
    public async Task Variant_goes_from_draft_through_review_to_publication_each_step_a_revision()
    {
        var release = await app.CreateAsync(Requests.NewRelease());
        Assert.Equal(VariantState.Draft, release.Variants[0].State);

        var inReview = (await app.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "ru", title: "Заголовок", expectedRevision: 1).ForReview())).Variant;
        var approved = (await app.As(new TokenClaims("chief", "editor")).Editorial.ReviewVariantAsync(new ReviewVariantRequest
        {
            ReleaseId = release.Id, Language = "ru", ExpectedRevision = 2, Decision = ReviewDecision.Approve, Comment = "Хорошо",
        })).Variant;
        var published = (await app.Editorial.PublishReleaseAsync(new PublishReleaseRequest { Id = release.Id, Languages = { "ru" } })).Release;

        Assert.Equal((VariantState.InReview, 2L), (inReview.State, inReview.Revision));
        Assert.Equal((VariantState.Approved, 3L, "chief", "Хорошо"), (approved.State, approved.Revision, approved.Actor, approved.Comment));
        Assert.Equal((VariantState.Published, 4L), (published.Variants[0].State, published.Variants[0].Revision));
        var history = await app.Translation.ListVariantRevisions(new ListVariantRevisionsRequest { ReleaseId = release.Id, Language = "ru" }).ReadAllAsync();
        Assert.Equal(
            [(4L, VariantState.Published, "editor-1"), (3L, VariantState.Approved, "chief"), (2L, VariantState.InReview, "editor-1"), (1L, VariantState.Draft, "editor-1")],
            history.Select(h => (h.Variant.Revision, h.Variant.State, h.Variant.Actor)));
        Assert.All(history, h => Assert.Equal("editor-1", h.Variant.Author));
        var read = await app.As(Reader).Releases.GetReleaseAsync(new GetReleaseRequest { Id = release.Id });
        Assert.Equal(("Заголовок", VariantState.Published), (read.Release.Variants[0].Title, read.Release.Variants[0].State));
    }

    [Fact]
    public async Task Steps_the_state_does_not_allow_are_failed_precondition_naming_the_variant()
    {
        var release = await app.CreateAsync(Requests.NewRelease());

        var reviewDraft = await Requests.FailsAsync(app.Editorial.ReviewVariantAsync(new ReviewVariantRequest
        {
            ReleaseId = release.Id, Language = "ru", ExpectedRevision = 1, Decision = ReviewDecision.Approve,
        }));
        var publishDraft = await Requests.FailsAsync(app.Editorial.PublishReleaseAsync(new PublishReleaseRequest { Id = release.Id, Languages = { "ru" } }));
        var unpublishUnpublished = await Requests.FailsAsync(app.Editorial.UnpublishReleaseAsync(new UnpublishReleaseRequest { Id = release.Id, Language = "ru" }));
        var publishMissing = await Requests.FailsAsync(app.Editorial.PublishReleaseAsync(new PublishReleaseRequest { Id = release.Id, Languages = { "en" } }));

        Assert.All([reviewDraft, publishDraft, unpublishUnpublished], error =>
        {
            Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
            var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<PreconditionFailure>()!.Violations);
            Assert.Equal(("VARIANT_STATE", "variants/ru"), (violation.Type, violation.Subject));
        });
        Assert.Equal(StatusCode.FailedPrecondition, publishMissing.StatusCode);
        Assert.Equal(1, (await ReadDraftAsync(release.Id)).Revision);
    }

    [Fact]
    public async Task Review_of_a_stale_revision_is_aborted_and_a_rejection_needs_a_comment()
    {
        var release = await app.CreateAsync(Requests.NewRelease().ForReview());

        var stale = await Requests.FailsAsync(app.Editorial.ReviewVariantAsync(new ReviewVariantRequest
        {
            ReleaseId = release.Id, Language = "ru", ExpectedRevision = 7, Decision = ReviewDecision.Approve,
        }));
        var silentRejection = await Requests.FailsAsync(app.Editorial.ReviewVariantAsync(new ReviewVariantRequest
        {
            ReleaseId = release.Id, Language = "ru", ExpectedRevision = 1, Decision = ReviewDecision.Reject,
        }));
        var noDecision = await Requests.FailsAsync(app.Editorial.ReviewVariantAsync(new ReviewVariantRequest { ReleaseId = release.Id, Language = "ru", ExpectedRevision = 1 }));

        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal(["comment"], silentRejection.ViolatedFields());
        Assert.Equal(["decision"], noDecision.ViolatedFields());
    }

    [Fact]
    public async Task Rejected_translation_goes_back_to_the_translator_with_the_comment()
    {
        var release = await app.CreatePublishedAsync(Requests.NewRelease());
        var translator = app.As(Translator);
        var submitted = (await translator.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en").ForReview())).Variant;

        await app.Editorial.ReviewVariantAsync(new ReviewVariantRequest
        {
            ReleaseId = release.Id, Language = "en", ExpectedRevision = submitted.Revision, Decision = ReviewDecision.Reject, Comment = "Title is too literal",
        });
        var seen = (await translator.Releases.GetReleaseAsync(new GetReleaseRequest { Id = release.Id, Language = "en", View = ReleaseView.Draft })).Release.Variants[0];
        var again = (await translator.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en", title: "Better title", expectedRevision: seen.Revision).ForReview())).Variant;

        Assert.Equal((VariantState.Rejected, "Title is too literal"), (seen.State, seen.Comment));
        Assert.Equal((VariantState.InReview, ""), (again.State, again.Comment));
        var forbidden = await Requests.FailsAsync(translator.Editorial.ReviewVariantAsync(new ReviewVariantRequest
        {
            ReleaseId = release.Id, Language = "en", ExpectedRevision = again.Revision, Decision = ReviewDecision.Approve,
        }));
        Assert.Equal(StatusCode.PermissionDenied, forbidden.StatusCode);
    }

    [Fact]
    public async Task Publishing_several_languages_is_all_or_none()
    {
        var release = await app.CreateAsync(Requests.NewRelease().ForReview());
        await app.Editorial.ReviewVariantAsync(new ReviewVariantRequest { ReleaseId = release.Id, Language = "ru", ExpectedRevision = 1, Decision = ReviewDecision.Approve });
        await app.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en"));

        var error = await Requests.FailsAsync(app.Editorial.PublishReleaseAsync(new PublishReleaseRequest { Id = release.Id, Languages = { "ru", "en" } }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("variants/en", Assert.Single(error.GetRpcStatus()!.GetDetail<PreconditionFailure>()!.Violations).Subject);
        var notPublished = await Requests.FailsAsync(app.As(Reader).Releases.GetReleaseAsync(new GetReleaseRequest { Id = release.Id }));
        Assert.Equal(StatusCode.NotFound, notPublished.StatusCode);
        Assert.Equal(VariantState.Approved, (await ReadDraftAsync(release.Id)).Variants.Single(v => v.Language == "ru").State);
    }

    [Fact]
    public async Task Publishing_or_unpublishing_one_language_never_changes_another()
    {
        var release = await app.CreatePublishedAsync(Requests.NewRelease());
        await app.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en"));
        await app.PublishAsync(release.Id, "en");
        var before = (await ReadDraftAsync(release.Id)).Variants.Single(v => v.Language == "ru");

        await app.Editorial.UnpublishReleaseAsync(new UnpublishReleaseRequest { Id = release.Id, Language = "en" });

        var after = await ReadDraftAsync(release.Id);
        Assert.Equal(before, after.Variants.Single(v => v.Language == "ru"));
        Assert.Equal(VariantState.Approved, after.Variants.Single(v => v.Language == "en").State);
        var reader = app.As(Reader);
        var english = await reader.Releases.GetReleaseAsync(new GetReleaseRequest { Id = release.Id, Language = "en" });
        Assert.Equal(("ru", true), (english.ServedLanguage, english.FellBack));
        Assert.Equal(["ru"], (await reader.Releases.GetReleaseAsync(new GetReleaseRequest { Id = release.Id })).Release.Variants.Select(v => v.Language));

        await app.Editorial.PublishReleaseAsync(new PublishReleaseRequest { Id = release.Id, Languages = { "en" } });
        Assert.Equal(before, (await ReadDraftAsync(release.Id)).Variants.Single(v => v.Language == "ru"));
        Assert.Equal("en", (await reader.Releases.GetReleaseAsync(new GetReleaseRequest { Id = release.Id, Language = "en" })).ServedLanguage);
    }

    [Fact]
    public async Task Readers_keep_the_published_revision_while_a_new_draft_is_worked_on()
    {
        var release = await app.CreatePublishedAsync(Requests.NewRelease(title: "Опубликовано"));
        var current = await ReadDraftAsync(release.Id);
        await app.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "ru", title: "Черновик", expectedRevision: current.Variants[0].Revision));
        var reader = app.As(Reader);

        var published = (await reader.Releases.GetReleaseAsync(new GetReleaseRequest { Id = release.Id })).Release.Variants[0];
        var draft = (await ReadDraftAsync(release.Id)).Variants[0];
        var queried = await reader.Releases.QueryReleases(new QueryReleasesRequest { Filter = new() { HasLanguage = "ru" } }).ReadAllAsync();

        Assert.Equal(("Опубликовано", VariantState.Published), (published.Title, published.State));
        Assert.Equal(("Черновик", VariantState.Draft), (draft.Title, draft.State));
        Assert.Contains(queried, r => r.Release.Id == release.Id && r.Release.Variants[0].Title == "Опубликовано");

        await app.PublishAsync(release.Id, "ru");
        Assert.Equal("Черновик", (await reader.Releases.GetReleaseAsync(new GetReleaseRequest { Id = release.Id })).Release.Variants[0].Title);
    }

    [Fact]
    public async Task Readers_do_not_see_a_release_until_a_language_is_published()
    {
        var draft = await app.CreateAsync(Requests.NewRelease(category: "unpublished-only"));
        var reader = app.As(Reader);

        var get = await Requests.FailsAsync(reader.Releases.GetReleaseAsync(new GetReleaseRequest { Id = draft.Id }));
        var batch = await reader.Releases.BatchGetReleasesAsync(new BatchGetReleasesRequest { Ids = { draft.Id } });
        var query = await reader.Releases.QueryReleases(new QueryReleasesRequest { Filter = new() { Categories = { "unpublished-only" } } }).ReadAllAsync();

        Assert.Equal(StatusCode.NotFound, get.StatusCode);
        Assert.Equal([draft.Id], batch.MissingIds);
        Assert.Empty(query);
    }

    [Fact]
    public async Task New_source_text_marks_translations_outdated_in_the_draft_view_and_a_translation_of_it_clears_the_mark()
    {
        var release = await app.CreatePublishedAsync(Requests.NewRelease());
        var english = (await app.As(Translator).Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en"))).Variant;
        await app.PublishAsync(release.Id, "en");
        var source = (await ReadDraftAsync(release.Id)).Variants.Single(v => v.Language == "ru");

        var edited = await app.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "ru", title: "Новый заголовок", expectedRevision: source.Revision));

        var draftEnglish = (await ReadDraftAsync(release.Id)).Variants.Single(v => v.Language == "en");
        Assert.Equal((true, VariantState.Published), (draftEnglish.Outdated, draftEnglish.State));
        Assert.False(edited.Variant.Outdated);

        var retranslated = (await app.As(Translator).Translation.SubmitVariantAsync(
            Requests.Variant(release.Id, "en", title: "New title", expectedRevision: draftEnglish.Revision))).Variant;
        Assert.Equal((false, edited.Variant.Revision), (retranslated.Outdated, retranslated.SourceRevision));
        Assert.True(english.SourceRevision < retranslated.SourceRevision);
    }

    [Fact]
    public async Task Minor_source_edit_leaves_translations_current()
    {
        var release = await app.CreateAsync(Requests.NewRelease());
        var english = (await app.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en"))).Variant;

        await app.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "ru", title: "Заголовок с опечаткой исправлен", expectedRevision: 1).AsMinor());
        var late = (await app.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en", title: "From the old text", expectedRevision: english.Revision, sourceRevision: 1))).Variant;

        Assert.False((await ReadDraftAsync(release.Id)).Variants.Single(v => v.Language == "en").Outdated);
        Assert.False(late.Outdated);
    }

    [Fact]
    public async Task Translation_made_from_a_source_text_that_has_since_changed_is_outdated_at_once()
    {
        var release = await app.CreateAsync(Requests.NewRelease());
        await app.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "ru", title: "Новый текст", expectedRevision: 1));

        var late = (await app.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en", sourceRevision: 1))).Variant;

        Assert.True(late.Outdated);
    }

    [Fact]
    public async Task Every_workflow_step_appends_its_change_event_in_order()
    {
        var release = await app.CreatePublishedAsync(Requests.NewRelease());
        await app.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en"));
        await app.PublishAsync(release.Id, "en");
        var source = (await ReadDraftAsync(release.Id)).Variants.Single(v => v.Language == "ru");
        await app.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "ru", title: "Правка", expectedRevision: source.Revision));
        await app.Editorial.UnpublishReleaseAsync(new UnpublishReleaseRequest { Id = release.Id, Language = "en" });

        await using var db = await app.DatabaseAsync();
        var events = await db.ChangeEvents.Where(e => e.ReleaseId == release.Id).OrderBy(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Type, e.Language })
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(
        [
            ("Created", "ru"), ("VariantSubmitted", "ru"), ("VariantReviewed", "ru"), ("VariantPublished", "ru"),
            ("VariantSubmitted", "en"), ("VariantSubmitted", "en"), ("VariantReviewed", "en"), ("VariantPublished", "en"),
            ("VariantSubmitted", "ru"), ("VariantOutdated", "en"), ("VariantUnpublished", "en"),
        ], events.Select(e => (e.Type.ToString(), e.Language)));
        Assert.All(events.Zip(events.Skip(1)), pair => Assert.True(pair.Second.Sequence > pair.First.Sequence));
    }

    private async Task<Release> ReadDraftAsync(string id) =>
        (await app.Releases.GetReleaseAsync(new GetReleaseRequest { Id = id, View = ReleaseView.Draft })).Release;
}
