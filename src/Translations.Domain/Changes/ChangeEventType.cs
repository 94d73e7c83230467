namespace Translations.Changes;

/// <summary>What a committed change did; every write appends its change events in the same transaction.</summary>
public enum ChangeEventType
{
    Created,
    VariantSubmitted,
    MetadataUpdated,
    Deleted,
    VariantReviewed,
    VariantPublished,
    VariantUnpublished,
    VariantOutdated,
    VariantSentToReview,
}
