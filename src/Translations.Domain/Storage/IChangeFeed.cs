using Translations.Changes;

namespace Translations.Storage;

/// <summary>The change events every write appends, read back in sequence order.</summary>
public interface IChangeFeed
{
    /// <summary>The sequence of the newest change event, 0 when there is none.</summary>
    Task<long> GetLastSequenceAsync(CancellationToken cancellationToken);

    /// <summary>The events committed at or after <paramref name="since"/>, newest first.</summary>
    IAsyncEnumerable<ChangeEvent> ReadRecentChangesAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> events with a sequence greater than <paramref name="afterSequence"/>, oldest first.</summary>
    Task<IReadOnlyList<ChangeEvent>> ReadChangesAsync(long afterSequence, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the events committed before <paramref name="before"/>, oldest first, but never the newest
    /// event, whose sequence the next write continues from. Returns how many were deleted.
    /// </summary>
    Task<int> DeleteChangesBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
