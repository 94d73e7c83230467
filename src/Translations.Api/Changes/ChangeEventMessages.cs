using Google.Protobuf.WellKnownTypes;
using Translations.Releases;
using Translations.V1;

namespace Translations.Changes;

/// <summary>Maps change events to and from the messages of translations.v1.</summary>
internal static class ChangeEventMessages
{
    public static ReleaseEvent ToMessage(this WatchedChange watched)
    {
        var change = watched.Event;
        return new ReleaseEvent
        {
            Sequence = change.Sequence,
            ReleaseId = change.ReleaseId,
            Language = change.Language ?? "",
            Category = change.Category,
            Type = change.Type.ToMessage(),
            Revision = change.Revision,
            Time = Timestamp.FromDateTimeOffset(change.Time),
            Actor = change.Actor,
            Release = watched.Release?.ToMessage(),
        };
    }

    public static ReleaseEventType ToMessage(this ChangeEventType type) => type switch
    {
        ChangeEventType.Created => ReleaseEventType.Created,
        ChangeEventType.VariantSubmitted => ReleaseEventType.VariantSubmitted,
        ChangeEventType.VariantReviewed => ReleaseEventType.VariantReviewed,
        ChangeEventType.VariantSentToReview => ReleaseEventType.VariantSentToReview,
        ChangeEventType.VariantPublished => ReleaseEventType.VariantPublished,
        ChangeEventType.VariantUnpublished => ReleaseEventType.VariantUnpublished,
        ChangeEventType.VariantOutdated => ReleaseEventType.VariantOutdated,
        ChangeEventType.MetadataUpdated => ReleaseEventType.MetadataUpdated,
        ChangeEventType.Deleted => ReleaseEventType.Deleted,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "A change event type without a ReleaseEventType."),
    };

    /// <summary>Null for UNSPECIFIED and for numbers this version does not know.</summary>
    public static ChangeEventType? ToDomain(this ReleaseEventType type) => type switch
    {
        ReleaseEventType.Created => ChangeEventType.Created,
        ReleaseEventType.VariantSubmitted => ChangeEventType.VariantSubmitted,
        ReleaseEventType.VariantReviewed => ChangeEventType.VariantReviewed,
        ReleaseEventType.VariantSentToReview => ChangeEventType.VariantSentToReview,
        ReleaseEventType.VariantPublished => ChangeEventType.VariantPublished,
        ReleaseEventType.VariantUnpublished => ChangeEventType.VariantUnpublished,
        ReleaseEventType.VariantOutdated => ChangeEventType.VariantOutdated,
        ReleaseEventType.MetadataUpdated => ChangeEventType.MetadataUpdated,
        ReleaseEventType.Deleted => ChangeEventType.Deleted,
        _ => null,
    };
}
