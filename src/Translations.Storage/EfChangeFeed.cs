using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Translations.Changes;

namespace Translations.Storage;

public sealed class EfChangeFeed(IDbContextFactory<TranslationsDbContext> contexts) : IChangeFeed
{
    public async Task<long> GetLastSequenceAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ChangeEvents.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
    }

    /// <summary>Walks back from the newest event in pages; sequence order is commit order, so it can stop at the first older one.</summary>
    public async IAsyncEnumerable<ChangeEvent> ReadRecentChangesAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int page = 1_000;
        var before = long.MaxValue;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var events = await db.ChangeEvents.AsNoTracking()
                .Where(e => e.Sequence < before)
                .OrderByDescending(e => e.Sequence)
                .Take(page)
                .Select(e => new ChangeEvent(e.Sequence, e.ReleaseId, e.Category, e.Language, e.Type, e.Revision, e.Time, e.Actor, e.InPublishedView))
                .ToListAsync(cancellationToken);
            foreach (var change in events)
            {
                if (change.Time < since)
                {
                    yield break;
                }
                yield return change;
            }
            if (events.Count < page)
            {
                yield break;
            }
            before = events[^1].Sequence;
        }
    }

    /// <summary>
    /// Every replica's follower runs this after writes anywhere: compiled once, so that a read skips
    /// EF's per-query work of extracting parameters and finding the query in its cache. One per feed, as a
    /// compiled query serves one model (tests run both databases in one process).
    /// </summary>
    private readonly Func<TranslationsDbContext, long, int, IAsyncEnumerable<ChangeEvent>> _changesAfter = EF.CompileAsyncQuery(
        (TranslationsDbContext db, long afterSequence, int max) => db.ChangeEvents.AsNoTracking()
            .Where(e => e.Sequence > afterSequence)
            .OrderBy(e => e.Sequence)
            .Take(max)
            .Select(e => new ChangeEvent(e.Sequence, e.ReleaseId, e.Category, e.Language, e.Type, e.Revision, e.Time, e.Actor, e.InPublishedView)));

    public async Task<IReadOnlyList<ChangeEvent>> ReadChangesAsync(long afterSequence, int max, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changes = new List<ChangeEvent>();
        await foreach (var change in _changesAfter(db, afterSequence, max).WithCancellation(cancellationToken))
        {
            changes.Add(change);
        }
        return changes;
    }

    /// <summary>
    /// SQLite cannot compare the stored times in SQL, so it reads the oldest events a page at a time and
    /// deletes the expired prefix of each page in its own short statement (writers wait only for that).
    /// Sequence order is commit order, so it can stop at the first event that has not expired.
    /// </summary>
    public async Task<int> DeleteChangesBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        const int page = 1_000;
        var deleted = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var newest = await db.ChangeEvents.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
            var oldest = await db.ChangeEvents.AsNoTracking()
                .Where(e => e.Sequence < newest)
                .OrderBy(e => e.Sequence)
                .Take(page)
                .Select(e => new { e.Sequence, e.Time })
                .ToListAsync(cancellationToken);
            var expired = oldest.TakeWhile(e => e.Time < before).Count();
            if (expired == 0)
            {
                return deleted;
            }
            var upTo = oldest[expired - 1].Sequence;
            deleted += await db.ChangeEvents.Where(e => e.Sequence <= upTo).ExecuteDeleteAsync(cancellationToken);
            if (expired < oldest.Count || oldest.Count < page)
            {
                return deleted;
            }
        }
    }
}
