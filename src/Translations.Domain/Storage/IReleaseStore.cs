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
    /// does not exist or has no acceptable variant.
    /// </summary>
    Task<Release?> GetReleaseAsync(string id, string? language, CancellationToken cancellationToken);

    Task<string?> FindReleaseIdBySlugAsync(string slug, CancellationToken cancellationToken);

    /// <summary>As <see cref="GetReleaseAsync"/> for many ids in one round trip: those found, in no particular order.</summary>
    Task<IReadOnlyList<Release>> GetReleasesAsync(IReadOnlyCollection<string> ids, string? language, CancellationToken cancellationToken);

    /// <summary>Streams matching releases in keyset-paginated batches; nothing is read ahead of the consumer.</summary>
    IAsyncEnumerable<Release> QueryReleasesAsync(ReleaseQuery query, CancellationToken cancellationToken);

    /// <summary>Every stored revision of one variant, newest first; empty when the variant does not exist.</summary>
    IAsyncEnumerable<Variant> ListVariantRevisionsAsync(string releaseId, string language, CancellationToken cancellationToken);

    Task<Release> CreateReleaseAsync(NewRelease release, WriteContext context, CancellationToken cancellationToken);

    Task<Release> UpdateReleaseAsync(ReleaseMetadataChange change, WriteContext context, CancellationToken cancellationToken);

    /// <summary>Deletes the release; returns the revision its deletion was recorded at in the change feed.</summary>
    Task<long> DeleteReleaseAsync(string id, long expectedRevision, WriteContext context, CancellationToken cancellationToken);

    Task<SubmittedVariant> SubmitVariantAsync(VariantSubmission submission, WriteContext context, CancellationToken cancellationToken);
}
