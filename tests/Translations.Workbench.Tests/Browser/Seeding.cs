using Translations.Client;
using Translations.Tokens;
using Translations.V1;

namespace Translations.Workbench.Tests.Browser;

/// <summary>
/// Releases put in place through the service's gRPC API with the typed client, as an editor whose token is
/// minted with the shared key: what the people in a browser test then find in their queues.
/// </summary>
public sealed class Seeding(WorkbenchSite site)
{
    public static readonly TokenClaims Editor = new("seeding-editor", ["editor"]);

    public static readonly TokenClaims Reader = new("public-site", ["reader"]);

    private static int _counter;

    /// <summary>
    /// A number that makes each seeded release's title unique, so that the tests, which share one service
    /// and one database (new for each run), tell their releases apart in the queues.
    /// </summary>
    public static string Tag() => $"№{Interlocked.Increment(ref _counter)}";

    /// <summary>
    /// A release written in Russian whose English translation was published, after which the Russian source
    /// changed (a new word in the title, the lead and the second paragraph): an outdated translation task for en.
    /// </summary>
    public async Task<OutdatedRelease> OutdatedEnglishAsync()
    {
        var tag = Tag();
        var editor = site.As(Editor);
        var created = await editor.CreateReleaseAsync(new CreateReleaseRequest
        {
            SubmitForReview = true,
            Release = new Release
            {
                ReleaseDate = new Google.Type.Date { Year = 2026, Month = 11, Day = 27 },
                Category = "news",
                SourceLanguage = "ru",
                Variants = { new Variant { Language = "ru", Title = $"Форум открылся в Москве {tag}", Lead = "Форум собрал гостей.", Body = "Первый день прошёл спокойно.\n\nВечером выступил оркестр." } },
            },
        });
        var id = created.Id;
        var russian = await ApproveAsync(editor, id, "ru");
        var english = (await editor.SubmitVariantAsync(new SubmitVariantRequest
        {
            ReleaseId = id, Language = "en", SourceRevision = russian.Revision, SubmitForReview = true,
            Title = $"Forum opens in Moscow {tag}", Lead = "The forum gathered guests.", Body = "The first day was calm.\n\nIn the evening an orchestra played.",
        })).Variant;
        await editor.ReviewVariantAsync(new ReviewVariantRequest { ReleaseId = id, Language = "en", ExpectedRevision = english.Revision, Decision = ReviewDecision.Approve });
        await editor.PublishReleaseAsync(new PublishReleaseRequest { Id = id, Languages = { "ru", "en" } });

        var published = await editor.GetReleaseAsync(id, "ru", ReleaseView.Draft) ?? throw new InvalidOperationException($"Release {id} is gone.");
        var source = published.Variants.Single(variant => variant.Language == "ru");
        var changed = (await editor.SubmitVariantAsync(new SubmitVariantRequest
        {
            ReleaseId = id, Language = "ru", ExpectedRevision = source.Revision,
            Title = $"Форум открылся в Казани {tag}", Lead = "Форум собрал гостей со всей страны.", Body = "Первый день прошёл спокойно.\n\nВечером выступил хор.",
        })).Variant;
        return new OutdatedRelease(id, tag, changed.Title);
    }

    /// <summary>A release written in Russian and approved, with no English yet: a missing translation task for en.</summary>
    public async Task<(string Id, string Title)> WithoutEnglishAsync()
    {
        var title = $"Выставка закрылась {Tag()}";
        var release = await site.As(Editor).CreateReleaseAsync(new CreateReleaseRequest
        {
            Release = new Release
            {
                ReleaseDate = new Google.Type.Date { Year = 2026, Month = 11, Day = 28 },
                Category = "news",
                SourceLanguage = "ru",
                Variants = { new Variant { Language = "ru", Title = title, Body = "Выставку посетили тысячи людей.\n\nОна вернётся через год." } },
            },
        });
        return (release.Id, title);
    }

    private static async Task<Variant> ApproveAsync(TranslationsClient editor, string id, string language)
    {
        var release = await editor.GetReleaseAsync(id, language, ReleaseView.Draft) ?? throw new InvalidOperationException($"Release {id} is gone.");
        var variant = release.Variants.Single(v => v.Language == language);
        return (await editor.ReviewVariantAsync(new ReviewVariantRequest
        {
            ReleaseId = id, Language = language, ExpectedRevision = variant.Revision, Decision = ReviewDecision.Approve,
        })).Variant;
    }
}

/// <param name="Title">The Russian source's current title, which names the release in the translation queue.</param>
public sealed record OutdatedRelease(string Id, string Tag, string Title);
