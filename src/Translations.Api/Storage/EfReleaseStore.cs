using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Translations.Changes;
using Translations.Languages;
using Translations.Releases;

namespace Translations.Storage;

/// <summary>
/// The release store on EF Core. Reads use short-lived, untracked contexts; every write is one
/// transaction that honours the idempotency key, checks the expected revision, and appends a change
/// event with the next sequence, so the change and its event commit together or not at all.
/// </summary>
public sealed partial class EfReleaseStore(IDbContextFactory<TranslationsDbContext> contexts, TimeProvider time, LanguageSettings languages) : IReleaseStore
{
    /// <summary>Rows per keyset page of a streamed query: small enough to stream, large enough to amortise the round trip.</summary>
    internal const int PageSize = 256;

    private const int MaxWriteAttempts = 3;

    public async Task<Release?> GetReleaseAsync(string id, string? language, ReleaseView view, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await WithDetails(db.Releases.AsNoTracking(), view).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return record is null ? null : InLanguage(record.ToRelease(view), language);
    }

    public async Task<string?> FindReleaseIdBySlugAsync(string slug, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Releases.Where(r => r.Slug == slug).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Release>> GetReleasesAsync(IReadOnlyCollection<string> ids, string? language, ReleaseView view, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await WithDetails(db.Releases.AsNoTracking(), view).Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken);
        return records.Select(r => InLanguage(r.ToRelease(view), language)).OfType<Release>().ToArray();
    }

    public async IAsyncEnumerable<Release> QueryReleasesAsync(ReleaseQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = query.After;
        long remaining = query.Limit == 0 ? long.MaxValue : query.Limit;
        while (remaining > 0)
        {
            var pageSize = (int)Math.Min(PageSize, remaining);
            List<ReleaseRecord> page;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                var matching = ReleaseQueries.Seek(ReleaseQueries.Filter(db.Releases.AsNoTracking(), query.Filter, query.View), query.Order, after);
                page = await WithDetails(ReleaseQueries.Order(matching, query.Order).Take(pageSize), query.View).ToListAsync(cancellationToken);
            }
            foreach (var record in page)
            {
                yield return record.ToRelease(query.View);
            }
            if (page.Count < pageSize)
            {
                yield break;
            }
            remaining -= page.Count;
            after = new ReleaseCursor(query.Order, page[^1].ReleaseDate, page[^1].Id);
        }
    }

    public async IAsyncEnumerable<Variant> ListVariantRevisionsAsync(string releaseId, string language, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var revisions = db.VariantRevisions.AsNoTracking()
            .Where(v => v.ReleaseId == releaseId && v.Language == language)
            .OrderByDescending(v => v.Revision)
            .AsAsyncEnumerable();
        await foreach (var revision in revisions.WithCancellation(cancellationToken))
        {
            yield return revision.ToVariant();
        }
    }

    public Task<Release> CreateReleaseAsync(NewRelease release, WriteContext context, CancellationToken cancellationToken) =>
        WriteAsync(context, async db =>
        {
            var created = ReleaseRules.Create(ReleaseId.New(), release, context.Author, time.GetUtcNow());
            await EnsureSlugIsFreeAsync(db, created.Slug, created.Id, cancellationToken);
            var source = created.Variants[0];
            db.Releases.Add(new ReleaseRecord
            {
                Id = created.Id, Slug = created.Slug, ReleaseDate = created.ReleaseDate, Category = created.Category,
                SourceLanguage = created.SourceLanguage, Revision = created.Revision,
                CreateTime = created.CreateTime, UpdateTime = created.UpdateTime,
                Tags = RecordMapping.ToTagRecords(created.Id, created.Tags),
                Variants = [source.ToRecord(created.Id)],
            });
            db.VariantRevisions.Add(source.ToRevisionRecord(created.Id));
            await AppendChangeEventAsync(db, created.Id, created.Category, source.Language, ChangeEventType.Created, created.Revision, context, cancellationToken);
            return created;
        }, cancellationToken);

    public Task<Release> UpdateReleaseAsync(ReleaseMetadataChange change, WriteContext context, CancellationToken cancellationToken) =>
        WriteAsync(context, async db =>
        {
            var record = await LoadForWriteAsync(db, change.ReleaseId, cancellationToken);
            var updated = ReleaseRules.ApplyMetadata(record.ToRelease(), change, time.GetUtcNow());
            if (updated.Slug != record.Slug)
            {
                await EnsureSlugIsFreeAsync(db, updated.Slug, updated.Id, cancellationToken);
            }
            record.Slug = updated.Slug;
            record.ReleaseDate = updated.ReleaseDate;
            record.Category = updated.Category;
            if (!record.Tags.Select(t => t.Tag).SequenceEqual(updated.Tags))
            {
                db.ReleaseTags.RemoveRange(record.Tags);
                await db.SaveChangesAsync(cancellationToken);
                record.Tags = RecordMapping.ToTagRecords(record.Id, updated.Tags);
            }
            record.Revision = updated.Revision;
            record.UpdateTime = updated.UpdateTime;
            await AppendChangeEventAsync(db, record.Id, updated.Category, null, ChangeEventType.MetadataUpdated, updated.Revision, context, cancellationToken,
                releaseHadPublishedVariant: await db.PublishedVariants.AnyAsync(p => p.ReleaseId == record.Id, cancellationToken));
            return updated;
        }, cancellationToken);

    public Task<long> DeleteReleaseAsync(string id, long expectedRevision, WriteContext context, CancellationToken cancellationToken) =>
        WriteAsync(context, async db =>
        {
            var (current, category) = await db.Releases.Where(r => r.Id == id).Select(r => new { r.Revision, r.Category })
                .FirstOrDefaultAsync(cancellationToken) is { } found ? (found.Revision, found.Category) : throw new ReleaseNotFoundException($"Release {id}");
            Revisions.Ensure($"Release {id}", expectedRevision, current);
            var wasPublished = await db.PublishedVariants.AnyAsync(p => p.ReleaseId == id, cancellationToken);
            var deleted = await db.Releases.Where(r => r.Id == id && r.Revision == current).ExecuteDeleteAsync(cancellationToken);
            if (deleted == 0)
            {
                throw new DbUpdateConcurrencyException($"Release {id} changed while it was being deleted.");
            }
            await AppendChangeEventAsync(db, id, category, null, ChangeEventType.Deleted, current + 1, context, cancellationToken,
                releaseHadPublishedVariant: wasPublished);
            return current + 1;
        }, cancellationToken);

    public Task<SubmittedVariant> SubmitVariantAsync(VariantSubmission submission, WriteContext context, CancellationToken cancellationToken) =>
        WriteAsync(context, async db =>
        {
            var record = await LoadForWriteAsync(db, submission.ReleaseId, cancellationToken);
            var now = time.GetUtcNow();
            var variant = ReleaseRules.SubmitVariant(record.ToRelease(), submission, context.Caller, now);
            StoreRevision(db, record, variant);
            record.Revision++;
            record.UpdateTime = now;
            await AppendChangeEventAsync(db, record.Id, record.Category, variant.Language, ChangeEventType.VariantSubmitted, record.Revision, context, cancellationToken);
            if (variant.Language == record.SourceLanguage && variant.ContentRevision == variant.Revision && variant.Revision > 1)
            {
                await MarkTranslationsOutdatedAsync(db, record, context, cancellationToken);
            }
            return new SubmittedVariant(variant, record.Revision);
        }, cancellationToken);

    /// <summary>In the published view a release without a published variant does not exist.</summary>
    private Release? InLanguage(Release release, string? language) =>
        release.Variants.Count == 0 ? null : language is null ? release : languages.Serve(release, language)?.Release;

    private static IQueryable<ReleaseRecord> WithDetails(IQueryable<ReleaseRecord> releases, ReleaseView view = ReleaseView.Draft) =>
        view == ReleaseView.Draft
            ? releases.Include(r => r.Tags).Include(r => r.Variants).AsSplitQuery()
            : releases.Include(r => r.Tags).Include(r => r.PublishedVariants).AsSplitQuery();

    private static async Task<ReleaseRecord> LoadForWriteAsync(TranslationsDbContext db, string id, CancellationToken cancellationToken, bool withPublished = false) =>
        await (withPublished ? WithDetails(db.Releases).Include(r => r.PublishedVariants) : WithDetails(db.Releases))
            .FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
        ?? throw new ReleaseNotFoundException($"Release {id}");

    private static async Task EnsureSlugIsFreeAsync(TranslationsDbContext db, string? slug, string releaseId, CancellationToken cancellationToken)
    {
        if (slug is not null && await db.Releases.AnyAsync(r => r.Slug == slug && r.Id != releaseId, cancellationToken))
        {
            throw new SlugTakenException(slug);
        }
    }

    /// <summary>
    /// The next sequence is the last one plus one, computed inside the write transaction: on SQLite the
    /// transaction holds the database's write lock, so sequences are gap-free and in commit order.
    /// A concurrent writer on a server database collides on the primary key and is retried.
    /// <paramref name="releaseHadPublishedVariant"/> decides whether readers see a metadata change or a deletion.
    /// </summary>
    private async Task AppendChangeEventAsync(TranslationsDbContext db, string releaseId, string category, string? language, ChangeEventType type,
        long revision, WriteContext context, CancellationToken cancellationToken, bool releaseHadPublishedVariant = false)
    {
        // A write may append several events: after its first, the last sequence is the one it added.
        var last = db.ChangeEvents.Local.Count > 0
            ? db.ChangeEvents.Local.Max(e => e.Sequence)
            : await db.ChangeEvents.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        db.ChangeEvents.Add(new ChangeEventRecord
        {
            Sequence = last + 1, ReleaseId = releaseId, Category = category, Language = language, Type = type,
            Revision = revision, Time = time.GetUtcNow(), Actor = context.Author,
            InPublishedView = ChangeVisibility.InPublishedView(type, releaseHadPublishedVariant),
        });
    }

    /// <summary>
    /// Runs one write in one transaction. A retry of an idempotent request returns the stored first
    /// outcome without writing; a conflict detected only at commit (another writer got there first)
    /// re-runs the write, which then sees the new state and reports it.
    /// </summary>
    private async Task<T> WriteAsync<T>(WriteContext context, Func<TranslationsDbContext, Task<T>> write, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                if (context.Request is { } key
                    && await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Operation == key.Operation && r.RequestId == key.RequestId, cancellationToken) is { } first)
                {
                    return first.Fingerprint == key.Fingerprint
                        ? JsonSerializer.Deserialize<T>(first.Result)!
                        : throw new RequestIdReusedException(key.RequestId);
                }
                var result = await write(db);
                if (context.Request is { } request)
                {
                    db.Requests.Add(new RequestRecord
                    {
                        Operation = request.Operation, RequestId = request.RequestId, Fingerprint = request.Fingerprint,
                        Result = JsonSerializer.Serialize(result), CreateTime = time.GetUtcNow(),
                    });
                }
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (DbUpdateException) when (attempt < MaxWriteAttempts)
            {
                // Lost a race (revision, slug, request id or sequence); the next attempt sees the winner's state.
            }
        }
    }
}
