using System.Collections.Concurrent;

namespace Translations.Caching;

/// <summary>
/// For each recently changed release, the lowest revision a reader may still be given. Raised by
/// this replica's own writes and by the change events of every replica; a cached entry below it is
/// stale and is never served. That is what stops a slow read, begun before a write, from putting
/// the old revision back: it may land in a cache, but it is refused on the way out and evicted.
/// </summary>
public sealed class RevisionWatermarks(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (long Revision, DateTimeOffset Raised)> _watermarks = new();

    public long MinimumRevision(string releaseId) => _watermarks.TryGetValue(releaseId, out var w) ? w.Revision : 0;

    public void Raise(string releaseId, long revision)
    {
        var now = time.GetUtcNow();
        _watermarks.AddOrUpdate(releaseId, (revision, now), (_, current) => (Math.Max(current.Revision, revision), now));
    }

    /// <summary>Forgets watermarks older than any cache entry can be: nothing stale can outlive its expiration.</summary>
    public void Prune(TimeSpan olderThan)
    {
        var cutoff = time.GetUtcNow() - olderThan;
        foreach (var (id, watermark) in _watermarks)
        {
            if (watermark.Raised < cutoff)
            {
                _watermarks.TryRemove(new KeyValuePair<string, (long, DateTimeOffset)>(id, watermark));
            }
        }
    }

    public bool IsStale(ReleaseEntry entry, string releaseId) =>
        entry.Release is { } release && release.Revision < MinimumRevision(releaseId);
}
