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

    /// <summary>A translator into English, who made the seeded English translations.</summary>
    public static readonly TokenClaims Translator = new("seeding-translator", ["translator"], ["en"]);

    private static int _counter;

    /// <summary>
    /// A number that makes each seeded release's title unique, so that the tests, which share one service
    /// and one database (new for each run), tell their releases apart in the queues.
    /// </summary>
    public static string Tag() => $"№{Interlocked.Increment(ref _counter)}";

    /// <summary>
    /// A release written in Russian and approved, whose English translation (made by <see cref="Translator"/>)
    /// waits for review: a task in the review queue, named by <see cref="TranslatedRelease.EnglishTitle"/>.
    /// </summary>
    public async Task<TranslatedRelease> EnglishInReviewAsync()
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
        var russian = await ApproveAsync(editor, created.Id, "ru");
        var english = (await site.As(Translator).SubmitVariantAsync(new SubmitVariantRequest
        {
            ReleaseId = created.Id, Language = "en", SourceRevision = russian.Revision, SubmitForReview = true,
            Title = $"Forum opens in Moscow {tag}", Lead = "The forum gathered guests.", Body = "The first day was calm.\n\nIn the evening an orchestra played.",
        })).Variant;
        return new TranslatedRelease(created.Id, tag, russian.Title, english.Title);
    }

    /// <summary>As <see cref="EnglishInReviewAsync"/>, with the English approved: ready to publish, and not published.</summary>
    public async Task<TranslatedRelease> EnglishApprovedAsync()
    {
        var release = await EnglishInReviewAsync();
        await ApproveAsync(site.As(Editor), release.Id, "en");
        return release;
    }

    /// <summary>As <see cref="EnglishApprovedAsync"/>, with Russian and English published: readers get both.</summary>
    public async Task<TranslatedRelease> PublishedAsync()
    {
        var release = await EnglishApprovedAsync();
        await site.As(Editor).PublishReleaseAsync(new PublishReleaseRequest { Id = release.Id, Languages = { "ru", "en" } });
        return release;
    }

    /// <summary>
    /// As <see cref="PublishedAsync"/>, after which the Russian source changed (a new word in the title, the
    /// lead and the second paragraph): an outdated translation task for en.
    /// </summary>
    public async Task<OutdatedRelease> OutdatedEnglishAsync()
    {
        var (id, tag, _, _) = await PublishedAsync();
        var editor = site.As(Editor);
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

    /// <summary>The release as the service holds it now (the draft view), read as the seeding editor.</summary>
    public async Task<Release> DraftAsync(string id) =>
        await site.As(Editor).GetReleaseAsync(id, view: ReleaseView.Draft) ?? throw new InvalidOperationException($"Release {id} is gone.");

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

/// <param name="SourceTitle">The Russian source's title, which names the release in the translation queue and on /releases.</param>
/// <param name="EnglishTitle">The English translation's title, which names its task in the review queue.</param>
public sealed record TranslatedRelease(string Id, string Tag, string SourceTitle, string EnglishTitle);

/// <param name="Title">The Russian source's current title, which names the release in the translation queue.</param>
public sealed record OutdatedRelease(string Id, string Tag, string Title);
