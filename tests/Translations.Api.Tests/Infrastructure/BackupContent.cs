using Translations.Tokens;
using Translations.V1;

namespace Translations.Tests.Infrastructure;

/// <summary>
/// Releases with every kind of history a backup must keep: published and unpublished languages, a
/// published revision older than the current one, an outdated translation, a minor edit of the source,
/// a rejection with its comment, metadata changes, tags in their order, a deleted release, and two
/// releases on one date.
/// </summary>
public static class BackupContent
{
    public static readonly TokenClaims Admin = new("root", "admin");
    private static readonly TokenClaims Translator = new("translator-en", ["translator"], ["en", "ru"]);

    /// <summary>Fills the host's database through its public calls; returns the ids of the releases that exist.</summary>
    public static async Task<IReadOnlyList<string>> FillAsync(TranslationsApp app)
    {
        var translator = app.As(Translator);

        // Published in both languages, then the source changed: a minor fix (translations stay current),
        // then a real change (the English becomes outdated) now in review, while readers keep the published texts.
        var published = await app.CreateAsync(Requests.NewRelease(title: "Опубликованный релиз", lead: "Вводка", slug: Requests.Unique("published"),
            tags: ["экономика", "video"], date: Requests.Date(2021, 3, 5)));
        await translator.Translation.SubmitVariantAsync(Requests.Variant(published.Id, "en", "Published release", sourceRevision: 1));
        await app.PublishAsync(published.Id, "ru", "en");
        var ru = (await app.Releases.GetReleaseAsync(new GetReleaseRequest { Id = published.Id, View = ReleaseView.Draft })).Release.Variants[0];
        var fixedTypo = (await app.Translation.SubmitVariantAsync(new SubmitVariantRequest
        {
            ReleaseId = published.Id, Language = "ru", Title = "Опубликованный релиз", Lead = "Вводка.", Body = ru.Body, ExpectedRevision = ru.Revision, Minor = true,
        })).Variant;
        await app.Translation.SubmitVariantAsync(new SubmitVariantRequest
        {
            ReleaseId = published.Id, Language = "ru", Title = "Опубликованный релиз", Lead = "Вводка.", Body = ru.Body + "\n\nНовый абзац.",
            ExpectedRevision = fixedTypo.Revision, SubmitForReview = true,
        });

        // A draft with a line break inside a paragraph and changed metadata; a second release on the same date.
        var draft = await app.CreateAsync(Requests.NewRelease(title: "Черновик", body: "Строка один\nстрока два.\n\nАбзац.", date: Requests.Date(2021, 3, 5),
            category: "press", tags: ["b", "a"]));
        await app.Editorial.UpdateReleaseAsync(new UpdateReleaseRequest
        {
            Release = new Release { Id = draft.Id, Category = "news", Tags = { "c", "b", "a" } },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "category", "tags" } },
            ExpectedRevision = draft.Revision,
        });

        // Written in English, its Russian translation rejected with a comment.
        var english = await app.CreateAsync(Requests.NewRelease(language: "en", title: "Written in English", body: "One.\n\nTwo.", date: Requests.Date(2019, 12, 31)));
        var russian = (await translator.Translation.SubmitVariantAsync(Requests.Variant(english.Id, "ru", "Написано по-английски", "Один.\n\nДва.", sourceRevision: 1).ForReview())).Variant;
        await app.Editorial.ReviewVariantAsync(new ReviewVariantRequest
        {
            ReleaseId = english.Id, Language = "ru", ExpectedRevision = russian.Revision, Decision = ReviewDecision.Reject, Comment = "«Два» — не то слово.",
        });

        // Published, then taken down in one language.
        var unpublished = await app.CreateAsync(Requests.NewRelease(title: "Снятый с публикации", date: Requests.Date(2022, 1, 1)));
        await translator.Translation.SubmitVariantAsync(Requests.Variant(unpublished.Id, "en", "Taken down", sourceRevision: 1));
        await app.PublishAsync(unpublished.Id, "ru", "en");
        await app.Editorial.UnpublishReleaseAsync(new UnpublishReleaseRequest { Id = unpublished.Id, Language = "en" });

        // Deleted: not in a backup.
        var deleted = await app.CreateAsync(Requests.NewRelease(title: "Удалённый"));
        await app.Editorial.DeleteReleaseAsync(new DeleteReleaseRequest { Id = deleted.Id, ExpectedRevision = deleted.Revision });

        return [published.Id, draft.Id, english.Id, unpublished.Id];
    }
}
