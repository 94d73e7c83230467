namespace Translations.Changes;

/// <summary>
/// One committed change, in the order of its gap-free <see cref="Sequence"/>. <see cref="Category"/> is the
/// release's category when the change was made; <see cref="Language"/> is null for release-wide changes.
/// <see cref="InPublishedView"/>: readers may learn of it (<see cref="ChangeVisibility"/>).
/// </summary>
public sealed record ChangeEvent(
    long Sequence,
    string ReleaseId,
    string Category,
    string? Language,
    ChangeEventType Type,
    long Revision,
    DateTimeOffset Time,
    string Actor,
    bool InPublishedView = false);

/// <summary>
/// Readers see only what is published, so the published view of the change feed holds only the
/// changes readers can see: publications and unpublications, and metadata changes and deletions of
/// releases that had a published variant at the time. Everything else (drafts, reviews, releases that
/// were never published) exists only in the draft view.
/// </summary>
public static class ChangeVisibility
{
    public static bool InPublishedView(ChangeEventType type, bool releaseHadPublishedVariant) => type switch
    {
        ChangeEventType.VariantPublished or ChangeEventType.VariantUnpublished => true,
        ChangeEventType.MetadataUpdated or ChangeEventType.Deleted => releaseHadPublishedVariant,
        _ => false,
    };
}
