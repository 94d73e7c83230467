using Google.Rpc;
using Grpc.Core;
using Translations.Tests.Infrastructure;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests;

/// <summary>What translators see to do, and uploading many variants in one call.</summary>
[Trait("Database", "Each")]
public sealed class TranslationTaskTests
{
    private static readonly TokenClaims EnglishTranslator = new("anna", ["translator"], ["en"]);

    [Fact]
    public async Task Tasks_are_the_missing_outdated_and_rejected_translations_oldest_release_first()
    {
        await using var app = new TranslationsApp();
        await app.InitializeAsync();
        var missing = await app.CreateAsync(Requests.NewRelease(date: Requests.Date(2024, 3, 1)));
        var outdated = await app.CreateAsync(Requests.NewRelease(title: "Старый текст", date: Requests.Date(2024, 1, 1)));
        var rejected = await app.CreateAsync(Requests.NewRelease(date: Requests.Date(2024, 2, 1)));
        var done = await app.CreateAsync(Requests.NewRelease(date: Requests.Date(2023, 1, 1)));
        var english = await app.CreateAsync(Requests.NewRelease(language: "en", date: Requests.Date(2022, 1, 1)));
        var translator = app.As(EnglishTranslator);
        await translator.Translation.SubmitVariantAsync(Requests.Variant(done.Id, "en"));
        await translator.Translation.SubmitVariantAsync(Requests.Variant(outdated.Id, "en"));
        await app.Translation.SubmitVariantAsync(Requests.Variant(outdated.Id, "ru", title: "Новый текст", expectedRevision: 1));
        var toReject = (await translator.Translation.SubmitVariantAsync(Requests.Variant(rejected.Id, "en").ForReview())).Variant;
        await app.Editorial.ReviewVariantAsync(new ReviewVariantRequest
        {
            ReleaseId = rejected.Id, Language = "en", ExpectedRevision = toReject.Revision, Decision = ReviewDecision.Reject, Comment = "Too literal",
        });

        var tasks = (await translator.Translation.ListTranslationTasks(new ListTranslationTasksRequest { TargetLanguage = "en" }).ReadAllAsync())
            .Select(t => t.Task).ToList();

        Assert.Equal(
            [(outdated.Id, TranslationTaskReason.Outdated), (rejected.Id, TranslationTaskReason.Rejected), (missing.Id, TranslationTaskReason.Missing)],
            tasks.Select(t => (t.ReleaseId, t.Reason)));
        var outdatedTask = tasks[0];
        Assert.Equal(("Новый текст", "Старый текст"), (outdatedTask.Source.Title, outdatedTask.PreviousSource.Title));
        Assert.True(outdatedTask.Translation.Outdated);
        Assert.Equal("Too literal", tasks[1].Translation.Comment);
        Assert.Null(tasks[2].Translation);
        Assert.DoesNotContain(tasks, t => t.ReleaseId == english.Id || t.ReleaseId == done.Id);
    }

    [Fact]
    public async Task Translator_sees_tasks_only_for_its_languages_and_readers_none()
    {
        await using var app = new TranslationsApp();
        await app.InitializeAsync();

        var otherLanguage = await Assert.ThrowsAsync<RpcException>(() => app.As(EnglishTranslator).Translation
            .ListTranslationTasks(new ListTranslationTasksRequest { TargetLanguage = "ru" }).ReadAllAsync());
        var reader = await Assert.ThrowsAsync<RpcException>(() => app.As(new TokenClaims("site", "reader")).Translation
            .ListTranslationTasks(new ListTranslationTasksRequest { TargetLanguage = "en" }).ReadAllAsync());
        var unknown = await Assert.ThrowsAsync<RpcException>(() => app.Translation
            .ListTranslationTasks(new ListTranslationTasksRequest { TargetLanguage = "xx" }).ReadAllAsync());

        Assert.Equal((StatusCode.PermissionDenied, "ru"), (otherLanguage.StatusCode, otherLanguage.ErrorInfo().Metadata["language"]));
        Assert.Equal(StatusCode.PermissionDenied, reader.StatusCode);
        Assert.Equal(["target_language"], unknown.ViolatedFields());
    }

    [Fact]
    public async Task Bulk_submission_accepts_and_rejects_each_item_on_its_own()
    {
        await using var app = new TranslationsApp();
        await app.InitializeAsync();
        var first = await app.CreateAsync(Requests.NewRelease());
        var second = await app.CreateAsync(Requests.NewRelease());
        var translator = app.As(EnglishTranslator);

        using var call = translator.Translation.SubmitVariants();
        SubmitVariantRequest[] items =
        [
            Requests.Variant(first.Id, "en", title: "First"),
            Requests.Variant(first.Id, "en", title: ""),                       // invalid: empty title
            Requests.Variant(second.Id, "ru", title: "Правка", expectedRevision: 1), // the source: not a translator's
            Requests.Variant(Guid.NewGuid().ToString("N"), "en"),            // no such release
            Requests.Variant(second.Id, "en", title: "Second", expectedRevision: 3), // stale revision
            Requests.Variant(second.Id, "en", title: "Second"),
        ];
        foreach (var item in items)
        {
            await call.RequestStream.WriteAsync(new SubmitVariantsRequest { Variant = item });
        }
        await call.RequestStream.CompleteAsync();
        var outcomes = (await call.ResponseAsync).Outcomes;

        Assert.Equal([0, 1, 2, 3, 4, 5], outcomes.Select(o => o.Index));
        Assert.Equal(
            [Code.Ok, Code.InvalidArgument, Code.PermissionDenied, Code.NotFound, Code.Aborted, Code.Ok],
            outcomes.Select(o => o.ResultCase == SubmitVariantOutcome.ResultOneofCase.Variant ? Code.Ok : (Code)o.Error.Code));
        Assert.Equal("title", Assert.Single(outcomes[1].Error.Details.Single().Unpack<BadRequest>().FieldViolations).Field);
        Assert.Equal(("First", "anna"), (outcomes[0].Variant.Title, outcomes[0].Variant.Author));
        var stored = (await app.Releases.GetReleaseAsync(new GetReleaseRequest { Id = second.Id, View = ReleaseView.Draft })).Release;
        Assert.Equal(["ru", "en"], stored.Variants.Select(v => v.Language));
        Assert.Equal(("Заголовок", "Second"), (stored.Variants[0].Title, stored.Variants[1].Title));
    }
}
