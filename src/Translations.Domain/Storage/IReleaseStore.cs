using Translations.Releases;

namespace Translations.Storage;

/// <summary>
/// Where releases live, in the domain's words. Every write is one transaction that checks the
/// expected revision, honours the idempotency key, and appends a change event with the next sequence.
/// Implemented once per database provider where they differ; a cache can wrap it as a decorator.
/// </summary>
public interface IReleaseStore
{
    /// <summary>
    /// The release with all its variants, or, given a <paramref name="language"/>, reduced to the one
    /// variant a reader of that language gets (the configured fallback applied); null when the release
    /// does not exist or has no acceptable variant. In the <see cref="ReleaseView.Published"/> view only published variants exist.
    /// </summary>
    Task<Release?> GetReleaseAsync(string id, string? language, ReleaseView view, CancellationToken cancellationToken);

    Task<string?> FindReleaseIdBySlugAsync(string slug, CancellationToken cancellationToken);

    /// <summary>As <see cref="GetReleaseAsync"/> for many ids in one round trip: those found, in no particular order.</summary>
    Task<IReadOnlyList<Release>> GetReleasesAsync(IReadOnlyCollection<string> ids, string? language, ReleaseView view, CancellationToken cancellationToken);

    /// <summary>Streams matching releases in keyset-paginated batches; nothing is read ahead of the consumer.</summary>
    IAsyncEnumerable<Release> QueryReleasesAsync(ReleaseQuery query, CancellationToken cancellationToken);

    /// <summary>Every stored revision of one variant, newest first; empty when the variant does not exist.</summary>
    IAsyncEnumerable<Variant> ListVariantRevisionsAsync(string releaseId, string language, CancellationToken cancellationToken);

    Task<Release> CreateReleaseAsync(NewRelease release, WriteContext context, CancellationToken cancellationToken);

    Task<Release> UpdateReleaseAsync(ReleaseMetadataChange change, WriteContext context, CancellationToken cancellationToken);

    /// <summary>Deletes the release; returns the revision its deletion was recorded at in the change feed.</summary>
    Task<long> DeleteReleaseAsync(string id, long expectedRevision, WriteContext context, CancellationToken cancellationToken);

    /// <summary>A new revision of one variant; a new text of the source makes every translation outdated unless it is minor.</summary>
    Task<SubmittedVariant> SubmitVariantAsync(VariantSubmission submission, WriteContext context, CancellationToken cancellationToken);

    /// <summary>Releases whose variant in <paramref name="targetLanguage"/> is missing, outdated or rejected, oldest release date first.</summary>
    IAsyncEnumerable<TranslationTask> ListTranslationTasksAsync(string targetLanguage, CancellationToken cancellationToken);

    /// <summary>Variants in review (in <paramref name="language"/>, or in every language when null), oldest release date first.</summary>
    IAsyncEnumerable<ReviewTask> ListReviewTasksAsync(string? language, CancellationToken cancellationToken);

    /// <summary>Sends a draft or rejected variant to review as it is: a new revision with the same text.</summary>
    Task<SubmittedVariant> SendToReviewAsync(VariantToReview request, WriteContext context, CancellationToken cancellationToken);

    /// <summary>Approves or rejects the variant revision in review.</summary>
    Task<SubmittedVariant> ReviewVariantAsync(VariantReview review, WriteContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes the named languages together, or none of them, now or, with a future publish time,
    /// stores the publication for <see cref="PublishNextDueAsync"/>; returns the release in the draft view.
    /// </summary>
    Task<PublicationResult> PublishAsync(Publication publication, WriteContext context, CancellationToken cancellationToken);

    /// <summary>Carries out the earliest scheduled publication due at <paramref name="now"/>; null when none is due.</summary>
    Task<DuePublication?> PublishNextDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Scheduled publications not yet carried out, and how many of them fell due at or before <paramref name="now"/>.</summary>
    Task<ScheduledCounts> CountScheduledPublicationsAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Takes one language down; the others keep their state.</summary>
    Task<Release> UnpublishAsync(string releaseId, string language, WriteContext context, CancellationToken cancellationToken);
}
