namespace Translations.Releases;

public enum ReleaseOrder
{
    ReleaseDateDescending,
    ReleaseDateAscending,
}

/// <summary>Which releases a query matches. Empty collections and nulls match everything.</summary>
public sealed record ReleaseFilter(
    DateOnly? ReleaseDateFrom = null,
    DateOnly? ReleaseDateTo = null,
    IReadOnlyList<string>? Categories = null,
    IReadOnlyList<string>? Tags = null,
    string? HasLanguage = null,
    string? MissingLanguage = null);

/// <summary>
/// A streamed query: matching releases in order, starting after <see cref="After"/>.
/// <see cref="Limit"/> 0 means no limit.
/// </summary>
public sealed record ReleaseQuery(
    ReleaseFilter Filter,
    ReleaseOrder Order = ReleaseOrder.ReleaseDateDescending,
    int Limit = 0,
    ReleaseCursor? After = null,
    ReleaseView View = ReleaseView.Published);
