using Translations.Access;
using Translations.Validation;

namespace Translations.Releases;

/// <summary>How a write turns the stored state into the next one. Pure: the store supplies the state.</summary>
public static class ReleaseRules
{
    public static Release Create(string id, NewRelease draft, string author, DateTimeOffset now)
    {
        var source = new Variant(draft.SourceLanguage, draft.Source.Title, draft.Source.Lead, draft.Source.Body,
            Revision: 1, SourceRevision: 0, author, now, State: draft.SubmitForReview ? VariantState.InReview : VariantState.Draft, Actor: author);
        return new Release(id, draft.Slug, draft.ReleaseDate, draft.Category, draft.Tags, draft.SourceLanguage,
            [source], Revision: 1, CreateTime: now, UpdateTime: now);
    }

    public static Release ApplyMetadata(Release current, ReleaseMetadataChange change, DateTimeOffset now)
    {
        Revisions.Ensure($"Release {current.Id}", change.ExpectedRevision, current.Revision);
        var f = change.Fields;
        return current with
        {
            Slug = f.HasFlag(MetadataFields.Slug) ? change.Slug : current.Slug,
            ReleaseDate = f.HasFlag(MetadataFields.ReleaseDate) ? change.ReleaseDate : current.ReleaseDate,
            Category = f.HasFlag(MetadataFields.Category) ? change.Category : current.Category,
            Tags = f.HasFlag(MetadataFields.Tags) ? change.Tags : current.Tags,
            Revision = current.Revision + 1,
            UpdateTime = now,
        };
    }

    /// <summary>
    /// The next revision of a variant. A translation records the source revision it was made from:
    /// 0 in the submission means "the current one"; a revision the source never had is refused.
    /// The source variant itself always has source revision 0. Who may write which variant is the
    /// caller's to prove (<see cref="Caller.EnsureMayWriteVariant"/>).
    /// </summary>
    public static Variant SubmitVariant(Release release, VariantSubmission submission, Caller caller, DateTimeOffset now)
    {
        caller.EnsureMayWriteVariant(submission.Language, release.SourceLanguage);
        var current = release.FindVariant(submission.Language);
        Revisions.Ensure($"The {submission.Language} variant of release {release.Id}",
            submission.ExpectedRevision, current?.Revision ?? 0);

        long sourceRevision = 0;
        if (submission.Language != release.SourceLanguage)
        {
            var sourceCurrent = release.SourceVariant().Revision;
            sourceRevision = submission.SourceRevision == 0 ? sourceCurrent : submission.SourceRevision;
            if (sourceRevision > sourceCurrent)
            {
                throw new InvalidInputException(new FieldViolation("source_revision",
                    $"The source variant ({release.SourceLanguage}) has no revision {sourceRevision}; its latest is {sourceCurrent}."));
            }
        }

        var text = submission.Text;
        var revision = (current?.Revision ?? 0) + 1;
        var isSource = submission.Language == release.SourceLanguage;
        // The same text sent again (for example to put it into review) is no new text: it keeps its
        // author, and translations need not follow it.
        var sameText = current is not null && current.HasText(text);
        return new Variant(submission.Language, text.Title, text.Lead, text.Body, revision, sourceRevision,
            Author: sameText ? current!.Author : caller.Id, now,
            State: submission.SubmitForReview ? VariantState.InReview : VariantState.Draft,
            // A translation made from an older text of the source than the one translations follow is outdated from the start.
            Outdated: !isSource && sourceRevision < release.SourceVariant().FollowedRevision,
            ContentRevision: current is not null && (sameText || (isSource && submission.Minor)) ? current.FollowedRevision : revision,
            Actor: caller.Id);
    }

    /// <summary>
    /// The published variants as readers see them: a translation is outdated when it was made from an
    /// older text than the published source's (measured against what readers can read, never against
    /// a draft). Without a published source no translation is outdated.
    /// </summary>
    public static IReadOnlyList<Variant> AsPublished(IEnumerable<Variant> published, string sourceLanguage)
    {
        var variants = published.ToArray();
        var source = Array.Find(variants, v => v.Language == sourceLanguage);
        return Array.ConvertAll(variants, v => v.Language == sourceLanguage
            ? v
            : v with { Outdated = source is not null && v.SourceRevision < source.FollowedRevision });
    }
}
