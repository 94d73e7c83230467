using Google.Rpc;
using Grpc.Core;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>Getting a variant into review without resending it, and the editors' review queue.</summary>
[Trait("Database", "Each")]
public sealed class ReviewTests(TranslationsApp app) : IClassFixture<TranslationsApp>
{
    private static readonly TokenClaims Translator = new("anna", ["translator"], ["en"]);
    private static readonly TokenClaims Reader = new("site", "reader");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sending_the_source_to_review_again_with_the_same_text_does_not_outdate_translations()
    {
        var release = await app.CreateAsync(Requests.NewRelease());
        var english = (await app.As(Translator).Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en"), cancellationToken: Ct)).Variant;
        var start = await app.LastSequenceAsync();

        var resent = (await app.Translation.SubmitVariantAsync(new SubmitVariantRequest
        {
            ReleaseId = release.Id, Language = "ru", Title = " Заголовок ", Body = release.Variants[0].Body, ExpectedRevision = 1, SubmitForReview = true,
        }, cancellationToken: Ct)).Variant;

        var draft = await ReadDraftAsync(release.Id);
        Assert.Equal((VariantState.InReview, 2L), (resent.State, resent.Revision));
        Assert.False(draft.Variants.Single(v => v.Language == "en").Outdated);
        Assert.DoesNotContain(await app.StoredChangesAsync(start), e => e.Type == Changes.ChangeEventType.VariantOutdated);
        Assert.Equal(english.Revision, draft.Variants.Single(v => v.Language == "en").Revision);
    }

    [Fact]
    public async Task Draft_goes_to_review_without_its_text_being_sent_again()
    {
        var release = await app.CreateAsync(Requests.NewRelease());
        var translator = app.As(Translator);
        var draft = (await translator.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en", title: "Summit opens"), cancellationToken: Ct)).Variant;

        var sent = await translator.Translation.SendVariantToReviewAsync(new SendVariantToReviewRequest
        {
            ReleaseId = release.Id, Language = "en", ExpectedRevision = draft.Revision,
        }, cancellationToken: Ct);

        Assert.Equal((VariantState.InReview, draft.Revision + 1, "Summit opens", draft.Body), (sent.Variant.State, sent.Variant.Revision, sent.Variant.Title, sent.Variant.Body));
        Assert.Equal(("anna", "anna", draft.SourceRevision), (sent.Variant.Author, sent.Variant.Actor, sent.Variant.SourceRevision));
        Assert.Equal(release.Revision + 2, sent.ReleaseRevision);
        var events = await app.StoredChangesAsync(await app.LastSequenceAsync() - 1);
        Assert.Equal((Changes.ChangeEventType.VariantSentToReview, "en", "anna"), (events[0].Type, events[0].Language, events[0].Actor));
    }

    [Fact]
    public async Task Sending_the_source_to_review_leaves_translations_current_and_a_rejected_variant_may_be_sent_again()
    {
        var release = await app.CreateAsync(Requests.NewRelease());
        await app.As(Translator).Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en"), cancellationToken: Ct);

        var inReview = (await app.Translation.SendVariantToReviewAsync(new SendVariantToReviewRequest { ReleaseId = release.Id, Language = "ru", ExpectedRevision = 1 }, cancellationToken: Ct)).Variant;
        var rejected = (await app.Editorial.ReviewVariantAsync(new ReviewVariantRequest
        {
            ReleaseId = release.Id, Language = "ru", ExpectedRevision = inReview.Revision, Decision = ReviewDecision.Reject, Comment = "Уточните дату",
        }, cancellationToken: Ct)).Variant;
        var again = (await app.Translation.SendVariantToReviewAsync(new SendVariantToReviewRequest { ReleaseId = release.Id, Language = "ru", ExpectedRevision = rejected.Revision }, cancellationToken: Ct)).Variant;

        Assert.Equal((VariantState.InReview, 4L, ""), (again.State, again.Revision, again.Comment));
        Assert.False((await ReadDraftAsync(release.Id)).Variants.Single(v => v.Language == "en").Outdated);
    }

    [Fact]
    public async Task Sending_to_review_is_refused_for_other_states_stale_revisions_and_callers_who_may_not_write_the_variant()
    {
        var release = await app.CreateAsync(Requests.NewRelease().ForReview());
        await app.As(Translator).Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en"), cancellationToken: Ct);
        SendVariantToReviewRequest Send(string language, long revision) => new() { ReleaseId = release.Id, Language = language, ExpectedRevision = revision };

        var alreadyInReview = await Requests.FailsAsync(app.Translation.SendVariantToReviewAsync(Send("ru", 1), cancellationToken: Ct));
        var stale = await Requests.FailsAsync(app.Translation.SendVariantToReviewAsync(Send("en", 7), cancellationToken: Ct));
        var theSource = await Requests.FailsAsync(app.As(Translator).Translation.SendVariantToReviewAsync(Send("ru", 1), cancellationToken: Ct));
        var reader = await Requests.FailsAsync(app.As(Reader).Translation.SendVariantToReviewAsync(Send("en", 1), cancellationToken: Ct));
        var missing = await Requests.FailsAsync(app.Translation.SendVariantToReviewAsync(new SendVariantToReviewRequest { ReleaseId = release.Id, Language = "en" }, cancellationToken: Ct));

        Assert.Equal(StatusCode.FailedPrecondition, alreadyInReview.StatusCode);
        Assert.Equal("variants/ru", Assert.Single(alreadyInReview.GetRpcStatus()!.GetDetail<PreconditionFailure>()!.Violations).Subject);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal((StatusCode.PermissionDenied, StatusCode.PermissionDenied), (theSource.StatusCode, reader.StatusCode));
        Assert.Equal(["expected_revision"], missing.ViolatedFields());
        Assert.Equal(release.Revision + 1, (await ReadDraftAsync(release.Id)).Revision);
    }

    [Fact]
    public async Task Review_queue_lists_variants_in_review_oldest_release_date_first_with_what_to_compare_them_with()
    {
        // Dates before any other test's releases, so that this test's tasks come first.
        var older = await app.CreatePublishedAsync(Requests.NewRelease(date: Requests.Date(1901, 1, 2)));
        await app.As(Translator).Translation.SubmitVariantAsync(Requests.Variant(older.Id, "en").ForReview(), cancellationToken: Ct);
        var oldest = await app.CreateAsync(Requests.NewRelease(date: Requests.Date(1901, 1, 1)).ForReview());
        var notInReview = await app.CreateAsync(Requests.NewRelease(date: Requests.Date(1901, 1, 1)));
        var source = (await ReadDraftAsync(older.Id)).Variants.Single(v => v.Language == "ru");
        var rewritten = (await app.Translation.SubmitVariantAsync(Requests.Variant(older.Id, "ru", title: "Новый заголовок", expectedRevision: source.Revision).ForReview(), cancellationToken: Ct)).Variant;

        var all = (await app.Editorial.ListReviewTasks(new ListReviewTasksRequest(), cancellationToken: Ct).ReadAllAsync(Ct)).Select(r => r.Task).ToList();
        var english = (await app.Editorial.ListReviewTasks(new ListReviewTasksRequest { Language = "en" }, cancellationToken: Ct).ReadAllAsync(Ct)).Select(r => r.Task).ToList();

        // Within a release, the source first, then the translations by language.
        Assert.Equal([(oldest.Id, "ru"), (older.Id, "ru"), (older.Id, "en")], all.Take(3).Select(t => (t.ReleaseId, t.Variant.Language)));
        Assert.DoesNotContain(all, t => t.ReleaseId == notInReview.Id);
        Assert.Equal((older.Id, "en"), (english[0].ReleaseId, english[0].Variant.Language));
        Assert.All(english, t => Assert.Equal("en", t.Variant.Language));
        var translation = all[2];
        Assert.Equal((VariantState.InReview, "anna", rewritten.Revision), (translation.Variant.State, translation.Variant.Author, translation.Source.Revision));
        Assert.Null(translation.Published);
        var sourceTask = all[1];
        Assert.Null(sourceTask.Source);
        Assert.Equal(("Заголовок", VariantState.Published), (sourceTask.Published.Title, sourceTask.Published.State));
        Assert.Equal(Requests.Date(1901, 1, 1), all[0].ReleaseDate);
    }

    [Fact]
    public async Task Review_queue_is_for_editors()
    {
        var translator = await Assert.ThrowsAsync<RpcException>(() => app.As(Translator).Editorial.ListReviewTasks(new ListReviewTasksRequest(), cancellationToken: Ct).ReadAllAsync(Ct));
        var badLanguage = await Assert.ThrowsAsync<RpcException>(() => app.Editorial.ListReviewTasks(new ListReviewTasksRequest { Language = "EN" }, cancellationToken: Ct).ReadAllAsync(Ct));

        Assert.Equal((StatusCode.PermissionDenied, "releases.edit"), (translator.StatusCode, translator.ErrorInfo().Metadata["right"]));
        Assert.Equal(["language"], badLanguage.ViolatedFields());
    }

    [Fact]
    public async Task Publishing_several_languages_that_are_not_ready_says_so_once_naming_each()
    {
        var release = await app.CreateAsync(Requests.NewRelease().ForReview());
        await app.Translation.SubmitVariantAsync(Requests.Variant(release.Id, "en"), cancellationToken: Ct);

        var error = await Requests.FailsAsync(app.Editorial.PublishReleaseAsync(new PublishReleaseRequest { Id = release.Id, Languages = { "ru", "en" } }, cancellationToken: Ct));

        Assert.Equal("Only approved variants can be published, and nothing was published: the ru variant is in review; the en variant is draft.", error.Status.Detail);
        Assert.Equal(["variants/ru", "variants/en"], error.GetRpcStatus()!.GetDetail<PreconditionFailure>()!.Violations.Select(v => v.Subject));
    }

    private async Task<Release> ReadDraftAsync(string id) =>
        (await app.Releases.GetReleaseAsync(new GetReleaseRequest { Id = id, View = ReleaseView.Draft }, cancellationToken: Ct)).Release;
}
