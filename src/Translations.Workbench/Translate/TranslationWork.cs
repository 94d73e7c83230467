using Translations.Client;
using Translations.V1;

namespace Translations.Workbench.Translate;

/// <summary>
/// Everything the editor shows for one translation: the release in the draft view, its source variant,
/// the current translation (any state) if there is one, and for an outdated translation the source as it
/// was when translated. Read from the release itself rather than from the queue, so a saved draft (which
/// leaves the queue) opens the same way.
/// </summary>
public sealed record TranslationWork(Release Release, Variant Source, Variant? Translation, Variant? PreviousSource)
{
    /// <summary>The work, or null when the release does not exist (or is not visible to this person).</summary>
    public static async Task<TranslationWork?> LoadAsync(TranslationsClient service, string releaseId, string language, CancellationToken cancellationToken)
    {
        var release = await service.GetReleaseAsync(releaseId, view: ReleaseView.Draft, cancellationToken: cancellationToken);
        if (release?.Variants.FirstOrDefault(variant => variant.Language == release.SourceLanguage) is not { } source)
        {
            return null;
        }
        var translation = release.Variants.FirstOrDefault(variant => variant.Language == language);
        Variant? previous = null;
        if (translation is { Outdated: true, SourceRevision: > 0 } && language != release.SourceLanguage)
        {
            await foreach (var revision in service.ListVariantRevisionsAsync(releaseId, release.SourceLanguage, cancellationToken))
            {
                if (revision.Revision == translation.SourceRevision)
                {
                    previous = revision;
                    break;
                }
            }
        }
        return new TranslationWork(release, source, translation, previous);
    }

    public bool IsOutdated => Translation?.Outdated == true && PreviousSource is not null;

    /// <summary>The reviewer's comment when the current translation was rejected with one.</summary>
    public string? ReviewersComment => Translation is { State: VariantState.Rejected, Comment.Length: > 0 } ? Translation.Comment : null;
}

/// <summary>The translation being typed, and the revisions it is based on.</summary>
public sealed class TranslationDraft
{
    public string Title { get; set; } = "";

    public string Lead { get; set; } = "";

    /// <summary>One per source paragraph.</summary>
    public List<string> Paragraphs { get; init; } = [];

    /// <summary>The translation's revision this text replaces; 0 when there is none yet.</summary>
    public long ExpectedRevision { get; set; }

    /// <summary>The source revision shown beside it, which this text translates.</summary>
    public long SourceRevision { get; set; }

    /// <summary>The stored translation (or empty boxes), laid out against the source's paragraphs.</summary>
    public static TranslationDraft From(TranslationWork work) => new()
    {
        Title = work.Translation?.Title ?? "",
        Lead = work.Translation?.Lead ?? "",
        Paragraphs = Translate.Paragraphs.Fit(Translate.Paragraphs.Split(work.Translation?.Body), Translate.Paragraphs.Split(work.Source.Body).Count),
        ExpectedRevision = work.Translation?.Revision ?? 0,
        SourceRevision = work.Source.Revision,
    };

    public SubmitVariantRequest ToRequest(string releaseId, string language, bool submitForReview) => new()
    {
        ReleaseId = releaseId,
        Language = language,
        Title = Title.Trim(),
        Lead = Lead.Trim(),
        Body = Translate.Paragraphs.Join(Paragraphs),
        SourceRevision = SourceRevision,
        ExpectedRevision = ExpectedRevision,
        SubmitForReview = submitForReview,
    };
}
