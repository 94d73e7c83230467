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

    public async Task<IReadOnlyList<ChangeEvent>> ReadChangesAsync(long afterSequence, int max, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ChangeEvents.AsNoTracking()
            .Where(e => e.Sequence > afterSequence)
            .OrderBy(e => e.Sequence)
            .Take(max)
            .Select(e => new ChangeEvent(e.Sequence, e.ReleaseId, e.Language, e.Type, e.Revision, e.Time, e.Actor))
            .ToListAsync(cancellationToken);
    }
}
