using Translations.Releases;

namespace Translations.Storage;

/// <summary>
/// Full-text search of the variants, by an index the database keeps in the same transaction as every write
/// of their text. Beside <see cref="IReleaseStore"/>, not through its cache: hits come from the index.
/// </summary>
public interface IReleaseSearch
{
    /// <summary>The hits of <paramref name="search"/>, best first (ties: newest release date, then id descending).</summary>
    IAsyncEnumerable<SearchHit> SearchReleasesAsync(ReleaseSearch search, CancellationToken cancellationToken);
}
