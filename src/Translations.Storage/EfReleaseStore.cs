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
public sealed partial class EfReleaseStore(
    IDbContextFactory<TranslationsDbContext> contexts, StorageProvider provider, TimeProvider time, LanguageSettings languages, IChangeNotifier? notifier = null)
    : IReleaseStore, IAsyncDisposable
{
    /// <summary>Rows per keyset page of a streamed query: small enough to stream, large enough to amortise the round trip.</summary>
    internal const int PageSize = 256;

    /// <summary>Pages of a streamed query whose text loads at once ahead of the caller (each on a connection of its own).</summary>
    private const int PagesAhead = 2;

    private const int MaxWriteAttempts = 3;

    /// <summary>Built once from the model (no database access), so that one instance owns the read connections it keeps.</summary>
    private readonly Lazy<ReleaseSql> _releaseSql = new(() =>
    {
        using var db = contexts.CreateDbContext();
        return new ReleaseSql(db);
    });

    private WriteSql? _writeSql;

    /// <summary>A variant's columns besides its key: a new revision of a variant replaces all of them.</summary>
    private static readonly string[] VariantValues =
        [nameof(VariantRecord.Title), nameof(VariantRecord.Lead), nameof(VariantRecord.Body), nameof(VariantRecord.Revision),
         nameof(VariantRecord.SourceRevision), nameof(VariantRecord.Author), nameof(VariantRecord.Actor), nameof(VariantRecord.UpdateTime),
         nameof(VariantRecord.State), nameof(VariantRecord.Outdated), nameof(VariantRecord.Comment), nameof(VariantRecord.ContentRevision)];

    /// <summary>A published variant's columns besides its key: publishing a newer revision replaces all of them.</summary>
    private static readonly string[] PublishedVariantValues =
        [nameof(PublishedVariantRecord.Title), nameof(PublishedVariantRecord.Lead), nameof(PublishedVariantRecord.Body),
         nameof(PublishedVariantRecord.Revision), nameof(PublishedVariantRecord.SourceRevision), nameof(PublishedVariantRecord.Author),
         nameof(PublishedVariantRecord.Actor), nameof(PublishedVariantRecord.UpdateTime), nameof(PublishedVariantRecord.ContentRevision)];

    private static readonly string[] ReleaseRevisionValues = [nameof(ReleaseRecord.Revision), nameof(ReleaseRecord.UpdateTime)];

    private static readonly string[] ReleaseMetadataValues =
        [nameof(ReleaseRecord.Slug), nameof(ReleaseRecord.ReleaseDate), nameof(ReleaseRecord.Category), .. ReleaseRevisionValues];

    /// <summary>
    /// The stored outcome of an idempotent request, looked up by every write that carries a request id:
    /// compiled once per store, as a compiled query serves one model (tests run both databases in one process).
    /// </summary>
    private readonly Func<TranslationsDbContext, string, string, CancellationToken, Task<RequestRecord?>> _firstOutcome = EF.CompileAsyncQuery(
        (TranslationsDbContext db, string operation, string requestId, CancellationToken _) =>
            db.Requests.AsNoTracking().FirstOrDefault(r => r.Operation == operation && r.RequestId == requestId));

    public async Task<Release?> GetReleaseAsync(string id, string? language, ReleaseView view, CancellationToken cancellationToken)
    {
        using var activity = StorageActivities.Start("GetRelease", provider);
        try
        {
            var record = await _releaseSql.Value.ReadAsync(provider, id, view, cancellationToken);
            return record is null ? null : InLanguage(record.ToRelease(view), language);
        }
        catch (Exception e) when (activity is not null)
        {
            StorageActivities.Failed(activity, e);
            throw;
        }
    }

    /// <summary>Closes the read connections kept prepared.</summary>
    public ValueTask DisposeAsync() => _releaseSql.IsValueCreated ? _releaseSql.Value.DisposeAsync() : ValueTask.CompletedTask;

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
        using var activity = StorageActivities.Start("GetReleases", provider);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await WithDetails(db.Releases.AsNoTracking(), view).Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken);
        return records.Select(r => InLanguage(r.ToRelease(view), language)).OfType<Release>().ToArray();
    }

    /// <summary>
    /// Keyset pages, each read in short-lived contexts (no read transaction spans the stream). A page is
    /// read in two steps: its releases (one short query, which gives the next page's cursor), then their
    /// tags and variants (the text, most of the work). The releases of the next pages are read while
    /// earlier pages' text is still loading, up to <see cref="PagesAhead"/> pages ahead of the caller,
    /// so the database, this process and the caller work side by side.
    /// </summary>
    public async IAsyncEnumerable<Release> QueryReleasesAsync(ReleaseQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var remaining = query.Limit == 0 ? long.MaxValue : query.Limit;
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pages = new Queue<Task<List<ReleaseRecord>>>();
        var size = (int)Math.Min(PageSize, remaining);
        Task<List<ReleaseRecord>>? releases = ReadReleasesAsync(query, query.After, size, abandon.Token);
        try
        {
            while (true)
            {
                while (releases is not null && pages.Count < PagesAhead)
                {
                    var page = await releases;
                    releases = null;
                    remaining -= page.Count;
                    pages.Enqueue(LoadDetailsAsync(page, query.View, abandon.Token));
                    if (page.Count == size && remaining > 0)
                    {
                        size = (int)Math.Min(PageSize, remaining);
                        releases = ReadReleasesAsync(query, new ReleaseCursor(query.Order, page[^1].ReleaseDate, page[^1].Id), size, abandon.Token);
                    }
                }
                if (!pages.TryDequeue(out var next))
                {
                    yield break;
                }
                foreach (var record in await next)
                {
                    var release = record.ToRelease(query.View);
                    // Unpublished or deleted between the page's statements: not in the published view.
                    if (query.View == ReleaseView.Draft || release.Variants.Count > 0)
                    {
                        yield return release;
                    }
                }
            }
        }
        finally
        {
            if (releases is not null || pages.Count > 0)
            {
                // The caller stopped early: the pages read ahead are not wanted.
                await abandon.CancelAsync();
                foreach (var unwanted in releases is null ? pages : pages.Append(releases))
                {
                    try
                    {
                        await unwanted;
                    }
                    catch (Exception) when (abandon.IsCancellationRequested)
                    {
                    }
                }
            }
        }
    }

    /// <summary>
    /// Reads on a thread of their own: SQLite's driver does its "asynchronous" reads synchronously, so a
    /// read started from the stream's own thread would finish before the stream went on.
    /// </summary>
    private Task<List<ReleaseRecord>> ReadReleasesAsync(ReleaseQuery query, ReleaseCursor? after, int size, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var matching = ReleaseQueries.Seek(ReleaseQueries.Filter(db.Releases.AsNoTracking(), query.Filter, query.View), query.Order, after);
            return await ReleaseQueries.Order(matching, query.Order).Take(size).ToListAsync(cancellationToken);
        }, cancellationToken);

    private Task<List<ReleaseRecord>> LoadDetailsAsync(List<ReleaseRecord> page, ReleaseView view, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await LoadDetailsAsync(db, page, view, cancellationToken);
            return page;
        }, cancellationToken);

    /// <summary>
    /// The tags and the variants of the view of <paramref name="releases"/>, one query each for all of them:
    /// plain rows, not one Include per release and no repeat of the releases' own query.
    /// </summary>
    private static async Task LoadDetailsAsync(TranslationsDbContext db, List<ReleaseRecord> releases, ReleaseView view, CancellationToken cancellationToken)
    {
        if (releases.Count == 0)
        {
            return;
        }
        var byId = releases.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var ids = byId.Keys.ToArray();
        await foreach (var tag in db.ReleaseTags.AsNoTracking().Where(t => ids.Contains(t.ReleaseId)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            byId[tag.ReleaseId].Tags.Add(tag);
        }
        if (view == ReleaseView.Draft)
        {
            await foreach (var variant in db.Variants.AsNoTracking().Where(v => ids.Contains(v.ReleaseId)).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                byId[variant.ReleaseId].Variants.Add(variant);
            }
        }
        else
        {
            await foreach (var variant in db.PublishedVariants.AsNoTracking().Where(v => ids.Contains(v.ReleaseId)).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                byId[variant.ReleaseId].PublishedVariants.Add(variant);
            }
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
            var created = ReleaseRules.Create(ReleaseId.New(), release, context.Author, Now());
            await EnsureSlugIsFreeAsync(db, created.Slug, created.Id, cancellationToken);
            var source = created.Variants[0];
            db.PendingRows.Add(PendingRow.Insert(new ReleaseRecord
            {
                Id = created.Id, Slug = created.Slug, ReleaseDate = created.ReleaseDate, Category = created.Category,
                SourceLanguage = created.SourceLanguage, Revision = created.Revision,
                CreateTime = created.CreateTime, UpdateTime = created.UpdateTime,
            }));
            db.PendingRows.AddRange(RecordMapping.ToTagRecords(created.Id, created.Tags).Select(PendingRow.Insert));
            db.PendingRows.Add(PendingRow.Insert(source.ToRecord(created.Id)));
            db.PendingRows.Add(PendingRow.Insert(source.ToRevisionRecord(created.Id)));
            AppendChangeEvent(db, created.Id, created.Category, source.Language, ChangeEventType.Created, created.Revision, context);
            return created;
        }, cancellationToken);

    public Task<Release> UpdateReleaseAsync(ReleaseMetadataChange change, WriteContext context, CancellationToken cancellationToken) =>
        WriteAsync(context, async db =>
        {
            var record = await ReadForWriteAsync(db, change.ReleaseId, cancellationToken, withPublished: true);
            var updated = ReleaseRules.ApplyMetadata(record.ToRelease(), change, Now());
            if (updated.Slug != record.Slug)
            {
                await EnsureSlugIsFreeAsync(db, updated.Slug, updated.Id, cancellationToken);
            }
            var read = record.Revision;
            record.Slug = updated.Slug;
            record.ReleaseDate = updated.ReleaseDate;
            record.Category = updated.Category;
            record.Revision = updated.Revision;
            record.UpdateTime = updated.UpdateTime;
            db.PendingRows.Add(PendingRow.Update(record, ReleaseMetadataValues, read));
            if (!record.Tags.Select(t => t.Tag).SequenceEqual(updated.Tags))
            {
                db.PendingRows.AddRange(record.Tags.Select(PendingRow.Delete));
                db.PendingRows.AddRange(RecordMapping.ToTagRecords(record.Id, updated.Tags).Select(PendingRow.Insert));
            }
            AppendChangeEvent(db, record.Id, updated.Category, null, ChangeEventType.MetadataUpdated, updated.Revision, context,
                releaseHadPublishedVariant: record.PublishedVariants.Count > 0);
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
            AppendChangeEvent(db, id, category, null, ChangeEventType.Deleted, current + 1, context,
                releaseHadPublishedVariant: wasPublished);
            return current + 1;
        }, cancellationToken);

    public Task<SubmittedVariant> SubmitVariantAsync(VariantSubmission submission, WriteContext context, CancellationToken cancellationToken) =>
        WriteAsync(context, async db =>
        {
            var record = await ReadForWriteAsync(db, submission.ReleaseId, cancellationToken);
            var now = Now();
            var variant = ReleaseRules.SubmitVariant(record.ToRelease(), submission, context.Caller, now);
            WriteNextRevision(db, record, now);
            WriteRevision(db, record, variant);
            AppendChangeEvent(db, record.Id, record.Category, variant.Language, ChangeEventType.VariantSubmitted, record.Revision, context);
            if (variant.Language == record.SourceLanguage && variant.ContentRevision == variant.Revision && variant.Revision > 1)
            {
                MarkTranslationsOutdated(db, record, context);
            }
            return new SubmittedVariant(variant, record.Revision);
        }, cancellationToken);

    /// <summary>
    /// The clock to whole microseconds, the finest time PostgreSQL stores: a time the store hands out
    /// is the time it reads back later, on every database.
    /// </summary>
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    /// <summary>In the published view a release without a published variant does not exist.</summary>
    private Release? InLanguage(Release release, string? language) =>
        release.Variants.Count == 0 ? null : language is null ? release : languages.Serve(release, language)?.Release;

    private static IQueryable<ReleaseRecord> WithDetails(IQueryable<ReleaseRecord> releases, ReleaseView view = ReleaseView.Draft) =>
        view == ReleaseView.Draft
            ? releases.Include(r => r.Tags).Include(r => r.Variants).AsSplitQuery()
            : releases.Include(r => r.Tags).Include(r => r.PublishedVariants).AsSplitQuery();

    /// <summary>
    /// The release a write changes, with its tags and draft variants (and its published ones when
    /// <paramref name="withPublished"/>), read in the write's transaction and not tracked: the write
    /// lists the rows it changes (<see cref="TranslationsDbContext.PendingRows"/>).
    /// </summary>
    private async Task<ReleaseRecord> ReadForWriteAsync(TranslationsDbContext db, string id, CancellationToken cancellationToken, bool withPublished = false) =>
        await _releaseSql.Value.ReadForWriteAsync(db, id, withPublished, cancellationToken) ?? throw new ReleaseNotFoundException($"Release {id}");

    /// <summary>
    /// The release's next revision, saved only where the release is still at the revision the write read:
    /// of two writers that read the same revision one commits and the other is retried. Listed before the
    /// write's other rows, so that on PostgreSQL a second writer waits here for the first.
    /// </summary>
    private static void WriteNextRevision(TranslationsDbContext db, ReleaseRecord record, DateTimeOffset now)
    {
        var read = record.Revision;
        record.Revision++;
        record.UpdateTime = now;
        db.PendingRows.Add(PendingRow.Update(record, ReleaseRevisionValues, read));
    }

    /// <summary>A new revision of a variant becomes its current revision and joins its history.</summary>
    private static void WriteRevision(TranslationsDbContext db, ReleaseRecord record, Variant variant)
    {
        if (record.Variants.FirstOrDefault(v => v.Language == variant.Language) is { } current)
        {
            variant.CopyTo(current);
            db.PendingRows.Add(PendingRow.Update(current, VariantValues));
        }
        else
        {
            var added = variant.ToRecord(record.Id);
            record.Variants.Add(added);
            db.PendingRows.Add(PendingRow.Insert(added));
        }
        db.PendingRows.Add(PendingRow.Insert(variant.ToRevisionRecord(record.Id)));
    }

    private static async Task EnsureSlugIsFreeAsync(TranslationsDbContext db, string? slug, string releaseId, CancellationToken cancellationToken)
    {
        if (slug is not null && await db.Releases.AnyAsync(r => r.Slug == slug && r.Id != releaseId, cancellationToken))
        {
            throw new SlugTakenException(slug);
        }
    }

    /// <summary>
    /// Adds a change event to the write; it takes its sequence when the write's other rows are saved
    /// (<see cref="SaveWithChangeEventsAsync"/>). <paramref name="releaseHadPublishedVariant"/> decides
    /// whether readers see a metadata change or a deletion.
    /// </summary>
    private void AppendChangeEvent(TranslationsDbContext db, string releaseId, string category, string? language, ChangeEventType type,
        long revision, WriteContext context, bool releaseHadPublishedVariant = false) =>
        db.PendingChangeEvents.Add(new ChangeEventRecord
        {
            ReleaseId = releaseId, Category = category, Language = language, Type = type,
            Revision = revision, Time = Now(), Actor = context.Author,
            InPublishedView = ChangeVisibility.InPublishedView(type, releaseHadPublishedVariant),
        });

    /// <summary>
    /// Saves the write, then appends its change events with the next sequences: the last one plus one,
    /// read after <see cref="StorageProvider.ChangeSequenceLockSql"/>, which no other writer gets past
    /// until this transaction ends. So sequences stay dense and commit in their own order, which
    /// followers rely on when they read "after sequence N". On SQLite the write transaction already
    /// holds the database's one write lock. On PostgreSQL, where writers run side by side, the lock is
    /// taken only here, after everything else is saved, in the same round trip as the events
    /// (<see cref="WriteSql"/>), so writers queue only for that round trip and their commit. That
    /// caps writes at the serialised commit rate (1,800-2,900 one-row commits/s with fsync on the 2-core
    /// machine of docs/benchmarks.md, where 16 writers on 2 replicas made 770-990 CreateRelease/s with
    /// both cores busy: bound by CPU rather than by the lock).
    /// </summary>
    private async Task SaveWithChangeEventsAsync(TranslationsDbContext db, CancellationToken cancellationToken)
    {
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        _writeSql ??= new WriteSql(db);
        await _writeSql.SaveAsync(db, provider.ChangeSequenceLockSql, cancellationToken);
    }

    /// <summary>
    /// Runs one write in one transaction. A retry of an idempotent request returns the stored first
    /// outcome without writing; a conflict detected only at commit (another writer got there first)
    /// re-runs the write, which then sees the new state and reports it.
    /// </summary>
    private async Task<T> WriteAsync<T>(WriteContext context, Func<TranslationsDbContext, Task<T>> write, CancellationToken cancellationToken,
        [System.Runtime.CompilerServices.CallerMemberName] string operation = "")
    {
        using var activity = StorageActivities.Start(operation.EndsWith("Async", StringComparison.Ordinal) ? operation[..^5] : operation, provider);
        try
        {
            return await WriteAttemptsAsync(context, write, activity, cancellationToken);
        }
        catch (Exception e) when (activity is not null)
        {
            StorageActivities.Failed(activity, e);
            throw;
        }
    }

    private async Task<T> WriteAttemptsAsync<T>(WriteContext context, Func<TranslationsDbContext, Task<T>> write, System.Diagnostics.Activity? activity, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.PendingChangeEvents.Clear();
            db.PendingRows.Clear();
            // A failed save fails the whole write, which is then retried from the start: a savepoint
            // to roll back to would only cost two more statements for every SaveChanges.
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await provider.BeginWriteAsync(db, cancellationToken);
            try
            {
                if (context.Request is { } key && await _firstOutcome(db, key.Operation, key.RequestId, cancellationToken) is { } first)
                {
                    return key.Matches(first.Fingerprint)
                        ? JsonSerializer.Deserialize<T>(first.Result)!
                        : throw new RequestIdReusedException(key.RequestId);
                }
                var result = await write(db);
                if (context.Request is { } request)
                {
                    db.PendingRows.Add(PendingRow.Insert(new RequestRecord
                    {
                        Operation = request.Operation, RequestId = request.RequestId, Fingerprint = request.Fingerprint,
                        Result = JsonSerializer.Serialize(result), CreateTime = Now(),
                    }));
                }
                await SaveWithChangeEventsAsync(db, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                if (db.PendingChangeEvents.Count > 0)
                {
                    notifier?.Committed(db.PendingChangeEvents[^1].Sequence);
                }
                return result;
            }
            catch (DbUpdateException) when (attempt < MaxWriteAttempts)
            {
                // Lost a race (revision, slug, request id or sequence); the next attempt sees the winner's state.
                activity?.AddEvent(new System.Diagnostics.ActivityEvent("retry after a conflict"));
            }
        }
    }
}
