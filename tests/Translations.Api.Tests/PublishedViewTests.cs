using Grpc.Core;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>
/// Readers see only what is published: their watch delivers only changes to what they can read, no
/// refusal names a release they cannot see, and what they read is measured against what is published.
/// </summary>
[Trait("Database", "Each")]
public sealed class PublishedViewTests(TranslationsApp app) : IClassFixture<TranslationsApp>
{
    private static readonly TokenClaims Reader = new("site", "reader");
    private static readonly TokenClaims Translator = new("anna", ["translator"], ["en"]);
    private static readonly TokenClaims Chief = new("olga", "editor");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reader_watching_gets_only_changes_to_what_is_published_and_never_hears_of_unpublished_releases()
    {
        var start = await app.LastSequenceAsync();
        using var readerWatch = app.As(Reader).Releases.Watch(after: start, r => { r.View = ReleaseView.Published; r.IncludeRelease = true; }, Ct);

        var secret = await app.CreateAsync(Requests.NewRelease(category: "internal", slug: Requests.Unique("secret")));
        await app.Editorial.UpdateReleaseAsync(new UpdateReleaseRequest
        {
            Release = new Release { Id = secret.Id, Tags = { "embargo" } }, UpdateMask = new() { Paths = { "tags" } }, ExpectedRevision = 1,
        }, cancellationToken: Ct);
        await app.Translation.SubmitVariantAsync(Requests.Variant(secret.Id, "en").ForReview(), cancellationToken: Ct);
        await app.Editorial.DeleteReleaseAsync(new DeleteReleaseRequest { Id = secret.Id, ExpectedRevision = 3 }, cancellationToken: Ct);

        var open = await app.CreatePublishedAsync(Requests.NewRelease(category: "news"));
        var retagged = (await app.Editorial.UpdateReleaseAsync(new UpdateReleaseRequest
        {
            Release = new Release { Id = open.Id, Tags = { "summit" } }, UpdateMask = new() { Paths = { "tags" } }, ExpectedRevision = open.Revision,
        }, cancellationToken: Ct)).Release;
        await app.Translation.SubmitVariantAsync(Requests.Variant(open.Id, "en"), cancellationToken: Ct);
        var unpublished = (await app.Editorial.UnpublishReleaseAsync(new UnpublishReleaseRequest { Id = open.Id, Language = "ru" }, cancellationToken: Ct)).Release;
        await app.Editorial.UpdateReleaseAsync(new UpdateReleaseRequest
        {
            Release = new Release { Id = open.Id, Category = "archive" }, UpdateMask = new() { Paths = { "category" } }, ExpectedRevision = unpublished.Revision,
        }, cancellationToken: Ct);
        var republished = await app.PublishAsync(open.Id, "ru");
        await app.Editorial.DeleteReleaseAsync(new DeleteReleaseRequest { Id = open.Id, ExpectedRevision = republished.Revision }, cancellationToken: Ct);
        var last = await app.LastSequenceAsync();

        var seen = await readerWatch.ReadThroughAsync(last);
        var everything = await app.StoredChangesAsync(start);

        Assert.Equal(
            [ReleaseEventType.VariantPublished, ReleaseEventType.MetadataUpdated, ReleaseEventType.VariantUnpublished, ReleaseEventType.VariantPublished, ReleaseEventType.Deleted],
            seen.Select(e => e.Type));
        Assert.All(seen, e => Assert.Equal(open.Id, e.ReleaseId));
        Assert.Equal(retagged.Revision, seen[1].Revision);
        Assert.Equal(last, seen[^1].Sequence);
        Assert.True(seen.Zip(seen.Skip(1)).All(pair => pair.First.Sequence < pair.Second.Sequence));
        Assert.All(seen.Where(e => e.Release is not null).SelectMany(e => e.Release.Variants), v => Assert.Equal(VariantState.Published, v.State));
        // Those who see everything still get a gap-free feed.
        Assert.Equal(Enumerable.Range(1, (int)(last - start)).Select(i => start + i), everything.Select(e => e.Sequence));
        Assert.Contains(everything, e => e.ReleaseId == secret.Id);
    }

    [Fact]
    public async Task Reader_resuming_after_a_sequence_it_never_saw_continues_with_the_next_published_change()
    {
        var start = await app.LastSequenceAsync();
        var draft = await app.CreateAsync(Requests.NewRelease());
        var skipped = await app.LastSequenceAsync();
        var published = await app.CreatePublishedAsync(Requests.NewRelease());
        await app.Translation.SubmitVariantAsync(Requests.Variant(draft.Id, "en"), cancellationToken: Ct);
        var last = await app.LastSequenceAsync();

        using var resumed = app.As(Reader).Releases.Watch(after: skipped, r => r.View = ReleaseView.Published, Ct);
        var events = await resumed.ReadEventsAsync(1);
        using var fromStart = app.As(Reader).Releases.Watch(after: start, r => r.View = ReleaseView.Published, Ct);
        var sameEvents = await fromStart.ReadEventsAsync(1);

        Assert.Equal((published.Id, ReleaseEventType.VariantPublished), (events[0].ReleaseId, events[0].Type));
        Assert.Equal(events[0].Sequence, sameEvents[0].Sequence);
        Assert.True(events[0].Sequence < last);
    }

    [Fact]
    public async Task Reader_asking_for_an_unpublished_slug_is_not_told_its_id()
    {
        var slug = Requests.Unique("embargoed");
        var draft = await app.CreateAsync(Requests.NewRelease(slug: slug));
        var reader = app.As(Reader).Releases;

        var bySlug = await Requests.FailsAsync(reader.GetReleaseAsync(new GetReleaseRequest { Slug = slug }, cancellationToken: Ct));
        var bySlugInEnglish = await Requests.FailsAsync(reader.GetReleaseAsync(new GetReleaseRequest { Slug = slug, Language = "en" }, cancellationToken: Ct));
        var nothing = Requests.Unique("nothing");
        var unknownSlug = await Requests.FailsAsync(reader.GetReleaseAsync(new GetReleaseRequest { Slug = nothing }, cancellationToken: Ct));
        var unknownSlugInEnglish = await Requests.FailsAsync(reader.GetReleaseAsync(new GetReleaseRequest { Slug = nothing, Language = "en" }, cancellationToken: Ct));

        Assert.All([bySlug, bySlugInEnglish, unknownSlug], error =>
        {
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
            Assert.DoesNotContain(draft.Id, error.Status.Detail);
            Assert.Empty(error.GetRpcStatus()?.Details ?? []);
        });
        // Told exactly what a slug nobody uses is told.
        Assert.Equal($"A release with slug '{slug}' was not found.", bySlug.Status.Detail);
        Assert.Equal($"A release with slug '{nothing}' was not found.", unknownSlug.Status.Detail);
        Assert.Equal($"A release with slug '{slug}' in en or ru was not found.", bySlugInEnglish.Status.Detail);
        Assert.Equal($"A release with slug '{nothing}' in en or ru was not found.", unknownSlugInEnglish.Status.Detail);
    }

    [Fact]
    public async Task Review_and_publication_keep_the_translator_as_author_and_record_the_editor_as_actor()
    {
        var release = await app.CreatePublishedAsync(Requests.NewRelease());
        var submitted = (await app.As(Translator).Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en").ForReview(), cancellationToken: Ct)).Variant;
        var chief = app.As(Chief);
        await chief.Editorial.ReviewVariantAsync(new ReviewVariantRequest
        {
            ReleaseId = release.Id, Language = "en", ExpectedRevision = submitted.Revision, Decision = ReviewDecision.Approve,
        }, cancellationToken: Ct);
        await chief.Editorial.PublishReleaseAsync(new PublishReleaseRequest { Id = release.Id, Languages = { "en" } }, cancellationToken: Ct);

        var read = (await app.As(Reader).Releases.GetReleaseAsync(new GetReleaseRequest { Id = release.Id, Language = "en" }, cancellationToken: Ct)).Release.Variants[0];
        var history = await app.Translation.ListVariantRevisions(new ListVariantRevisionsRequest { ReleaseId = release.Id, Language = "en" }, cancellationToken: Ct).ReadAllAsync(Ct);

        Assert.Equal(("anna", "olga"), (read.Author, read.Actor));
        Assert.Equal(
            [(VariantState.Published, "anna", "olga"), (VariantState.Approved, "anna", "olga"), (VariantState.InReview, "anna", "anna")],
            history.Select(h => (h.Variant.State, h.Variant.Author, h.Variant.Actor)));
    }

    [Fact]
    public async Task Published_translation_is_outdated_for_readers_only_once_the_new_source_is_published()
    {
        var release = await app.CreatePublishedAsync(Requests.NewRelease());
        await app.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en"), cancellationToken: Ct);
        var bothPublished = await app.PublishAsync(release.Id, "en");
        var source = bothPublished.Variants.Single(v => v.Language == "ru");

        await app.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "ru", title: "Новый заголовок", expectedRevision: source.Revision), cancellationToken: Ct);
        var draftEnglish = await EnglishAsync(ReleaseView.Draft);
        var readersEnglishMeanwhile = await EnglishAsync(ReleaseView.Published);
        await app.PublishAsync(release.Id, "ru");
        var readersEnglishAfter = await EnglishAsync(ReleaseView.Published);

        Assert.True(draftEnglish.Outdated);
        Assert.False(readersEnglishMeanwhile.Outdated);
        Assert.True(readersEnglishAfter.Outdated);

        async Task<Variant> EnglishAsync(ReleaseView view) =>
            (await app.As(view == ReleaseView.Draft ? Translator : Reader).Releases.GetReleaseAsync(
                new GetReleaseRequest { Id = release.Id, Language = "en", View = view }, cancellationToken: Ct)).Release.Variants[0];
    }
}
