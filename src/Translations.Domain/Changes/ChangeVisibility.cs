namespace Translations.Changes;

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
