using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Translations.Changes;
using Translations.Releases;

namespace Translations.Storage;

/// <summary>Backups: every release read whole, page by page, and written back as it was.</summary>
public sealed partial class EfReleaseStore : IReleaseBackups
{
    /// <summary>
    /// Keyset pages in the ascending order of QueryReleases, each read in a short-lived context: its
    /// releases, then their tags, current and published variants and revisions, one query each.
    /// Only one page is held at a time, so memory does not grow with the number of releases.
    /// </summary>
    public async IAsyncEnumerable<ReleaseBackup> ExportReleasesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ReleaseCursor? after = null;
        while (true)
        {
            var (page, revisions) = await ReadBackupPageAsync(after, cancellationToken);
            foreach (var record in page)
            {
                yield return new ReleaseBackup(
                    record.ToRelease(),
                    record.PublishedVariants.Select(RecordMapping.ToVariant).OrderBy(v => v.Language == record.SourceLanguage ? 0 : 1)
                        .ThenBy(v => v.Language, StringComparer.Ordinal).ToArray(),
                    revisions.TryGetValue(record.Id, out var history) ? history : []);
            }
            if (page.Count < PageSize)
            {
                yield break;
            }
            after = new ReleaseCursor(ReleaseOrder.ReleaseDateAscending, page[^1].ReleaseDate, page[^1].Id);
        }
    }

    private Task<(List<ReleaseRecord> Page, Dictionary<string, Variant[]> Revisions)> ReadBackupPageAsync(ReleaseCursor? after, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var page = await ReleaseQueries.Order(ReleaseQueries.Seek(db.Releases.AsNoTracking(), ReleaseOrder.ReleaseDateAscending, after), ReleaseOrder.ReleaseDateAscending)
                .Take(PageSize).ToListAsync(cancellationToken);
            await LoadDetailsAsync(db, page, ReleaseView.Draft, cancellationToken);
            var byId = page.ToDictionary(r => r.Id, StringComparer.Ordinal);
            var ids = byId.Keys.ToArray();
            await foreach (var published in db.PublishedVariants.AsNoTracking().Where(v => ids.Contains(v.ReleaseId)).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                byId[published.ReleaseId].PublishedVariants.Add(published);
            }
            var revisions = (await db.VariantRevisions.AsNoTracking().Where(v => ids.Contains(v.ReleaseId)).ToListAsync(cancellationToken))
                .GroupBy(v => v.ReleaseId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.OrderBy(v => v.Language == byId[g.Key].SourceLanguage ? 0 : 1).ThenBy(v => v.Language, StringComparer.Ordinal)
                    .ThenBy(v => v.Revision).Select(RecordMapping.ToVariant).ToArray(), StringComparer.Ordinal);
            return (page, revisions);
        }, cancellationToken);

    /// <summary>
    /// The rows of the releases as they were, and the change events of new releases: CREATED (draft view) and
    /// VARIANT_PUBLISHED for each published language (which readers see), all at the release's revision. One
    /// transaction for the batch: a restore writes many small releases, and a commit each would bound it by the
    /// database's durable commits per second. Whether an id or a slug is taken is read first, for the whole batch.
    /// </summary>
    public Task<IReadOnlyList<RestoreOutcome>> RestoreReleasesAsync(IReadOnlyList<ReleaseBackup> backups, WriteContext context, CancellationToken cancellationToken) =>
        WriteAsync<IReadOnlyList<RestoreOutcome>>(context, async db =>
        {
            var ids = backups.Select(b => b.Release.Id).Distinct().ToArray();
            var revisions = await db.Releases.Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.Revision })
                .ToDictionaryAsync(r => r.Id, r => r.Revision, StringComparer.Ordinal, cancellationToken);
            var slugs = backups.Select(b => b.Release.Slug).OfType<string>().Distinct().ToArray();
            var slugOwners = await db.Releases.Where(r => r.Slug != null && slugs.Contains(r.Slug)).Select(r => new { Slug = r.Slug!, r.Id })
                .ToDictionaryAsync(r => r.Slug, r => r.Id, StringComparer.Ordinal, cancellationToken);
            var outcomes = new List<RestoreOutcome>(backups.Count);
            foreach (var backup in backups)
            {
                var release = backup.Release;
                if (revisions.TryGetValue(release.Id, out var stored))
                {
                    outcomes.Add(stored == release.Revision ? new RestoreOutcome(RestoreResult.Unchanged) : new RestoreOutcome(null, new ReleaseExistsException(release.Id, stored, release.Revision)));
                    continue;
                }
                if (release.Slug is { } slug && slugOwners.TryGetValue(slug, out var owner) && owner != release.Id)
                {
                    outcomes.Add(new RestoreOutcome(null, new SlugTakenException(slug)));
                    continue;
                }
                await SaveRestoredAsync(db, cancellationToken);
                Insert(db, backup, context);
                revisions[release.Id] = release.Revision;
                if (release.Slug is { } claimed)
                {
                    slugOwners[claimed] = release.Id;
                }
                outcomes.Add(new RestoreOutcome(RestoreResult.Created));
            }
            return outcomes;
        }, cancellationToken);

    /// <summary>
    /// Saves the release inserted before, in a command of its own, in the batch's transaction. One command for
    /// the whole batch would cost far more: SQLite's driver binds every parameter of a command to each of its
    /// statements, so that cost grows with the square of the batch. The last release stays pending for the
    /// write to save and announce when it commits.
    /// </summary>
    private async Task SaveRestoredAsync(TranslationsDbContext db, CancellationToken cancellationToken)
    {
        if (db.PendingRows.Count > 0)
        {
            await SaveWithChangeEventsAsync(db, cancellationToken);
            db.PendingRows.Clear();
            db.PendingChangeEvents.Clear();
        }
    }

    private void Insert(TranslationsDbContext db, ReleaseBackup backup, WriteContext context)
    {
        var release = backup.Release;
        db.PendingRows.Add(PendingRow.Insert(new ReleaseRecord
        {
            Id = release.Id, Slug = release.Slug, ReleaseDate = release.ReleaseDate, Category = release.Category,
            SourceLanguage = release.SourceLanguage, Revision = release.Revision,
            CreateTime = release.CreateTime, UpdateTime = release.UpdateTime,
        }));
        db.PendingRows.AddRange(RecordMapping.ToTagRecords(release.Id, release.Tags).Select(PendingRow.Insert));
        db.PendingRows.AddRange(release.Variants.Select(v => PendingRow.Insert(v.ToRecord(release.Id))));
        db.PendingRows.AddRange(backup.Published.Select(v => PendingRow.Insert(v.ToPublishedRecord(release.Id))));
        db.PendingRows.AddRange(backup.Revisions.Select(v => PendingRow.Insert(v.ToRevisionRecord(release.Id))));
        AppendChangeEvent(db, release.Id, release.Category, release.SourceLanguage, ChangeEventType.Created, release.Revision, context);
        foreach (var published in backup.Published)
        {
            AppendChangeEvent(db, release.Id, release.Category, published.Language, ChangeEventType.VariantPublished, release.Revision, context);
        }
    }
}
