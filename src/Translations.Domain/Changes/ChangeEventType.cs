namespace Translations.Changes;

/// <summary>What a committed change did; every write appends exactly one change event.</summary>
public enum ChangeEventType
{
    Created,
    VariantSubmitted,
    MetadataUpdated,
    Deleted,
}
