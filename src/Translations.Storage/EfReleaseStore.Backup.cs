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
    /// The rows of the release as they were, and the change events of a new release: CREATED (draft view)
    /// and VARIANT_PUBLISHED for each published language (which readers see), all at the release's revision.
    /// </summary>
    public Task<RestoreResult> RestoreReleaseAsync(ReleaseBackup backup, WriteContext context, CancellationToken cancellationToken) =>
        WriteAsync(context, async db =>
        {
            var release = backup.Release;
            var stored = await db.Releases.Where(r => r.Id == release.Id).Select(r => (long?)r.Revision).FirstOrDefaultAsync(cancellationToken);
            if (stored is { } revision)
            {
                return revision == release.Revision ? RestoreResult.Unchanged : throw new ReleaseExistsException(release.Id, revision, release.Revision);
            }
            await EnsureSlugIsFreeAsync(db, release.Slug, release.Id, cancellationToken);
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
            return RestoreResult.Created;
        }, cancellationToken);
}
