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

