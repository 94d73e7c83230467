namespace Translations.Changes;

/// <summary>One committed change, in the order of its gap-free <see cref="Sequence"/>.</summary>
public sealed record ChangeEvent(
    long Sequence,
    string ReleaseId,
    string? Language,
    ChangeEventType Type,
    long Revision,
    DateTimeOffset Time,
    string Actor);
