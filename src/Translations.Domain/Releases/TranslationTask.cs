namespace Translations.Releases;

public enum TranslationTaskReason
{
    Missing,
    Outdated,
    Rejected,
}

/// <summary>
/// A release that needs a translation into one language: its current source variant, and for an
/// outdated translation the source revision it was made from, so the translator sees what changed.
/// </summary>
public sealed record TranslationTask(
    string ReleaseId,
    DateOnly ReleaseDate,
    TranslationTaskReason Reason,
    Variant Source,
    Variant? PreviousSource,
    Variant? Translation)
{
    public static TranslationTaskReason? ReasonFor(Variant? translation) => translation switch
    {
        null => TranslationTaskReason.Missing,
        { State: VariantState.Rejected } => TranslationTaskReason.Rejected,
        { Outdated: true } => TranslationTaskReason.Outdated,
        _ => null,
    };
}

