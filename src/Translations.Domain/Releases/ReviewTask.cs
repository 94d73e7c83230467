namespace Translations.Releases;

/// <summary>
/// A variant revision waiting for an editor's review, with what to compare it with: the release's
/// current source variant (for a translation) and the revision readers see now, if any.
/// </summary>
public sealed record ReviewTask(
    string ReleaseId,
    DateOnly ReleaseDate,
    Variant Variant,
    Variant? Source,
    Variant? Published);
