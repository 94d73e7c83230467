using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Translations.Releases;

namespace Translations.Storage;

// The work queues: translation tasks and review tasks, both oldest release date first.
public sealed partial class EfReleaseStore
{
    /// <summary>A page's earlier source revisions (what an outdated translation was made from) in one more query.</summary>
    public IAsyncEnumerable<TranslationTask> ListTranslationTasksAsync(string targetLanguage, CancellationToken cancellationToken) =>
        OldestFirstAsync(
            db => db.Releases.Where(r => r.SourceLanguage != targetLanguage
                && !r.Variants.Any(v => v.Language == targetLanguage && !v.Outdated && v.State != VariantState.Rejected)),
            async (db, page, ct) =>
            {
                var records = await WithDetails(page).ToListAsync(ct);
                var outdated = records.SelectMany(r => r.Variants.Where(v => v.Language == targetLanguage && v.Outdated)).ToList();
                var ids = outdated.Select(v => v.ReleaseId).ToList();
                var revisions = outdated.Select(v => v.SourceRevision).Distinct().ToList();
                var earlierSources = ids.Count == 0 ? [] : await db.VariantRevisions.AsNoTracking()
                    .Where(v => ids.Contains(v.ReleaseId) && revisions.Contains(v.Revision) && v.Language != targetLanguage)
                    .ToListAsync(ct);
                return (records, records.Select(record => TranslationTaskOf(record, targetLanguage, earlierSources)));
            },
            cancellationToken);

    /// <summary>Each variant in review is one task, with the current source and the published revision to compare it with.</summary>
    public IAsyncEnumerable<ReviewTask> ListReviewTasksAsync(string? language, CancellationToken cancellationToken) =>
        OldestFirstAsync(
            db => db.Releases.Where(r => r.Variants.Any(v => v.State == VariantState.InReview && (language == null || v.Language == language))),
            async (db, page, ct) =>
            {
                var records = await WithDetails(page).Include(r => r.PublishedVariants).ToListAsync(ct);
                return (records, records.SelectMany(record => ReviewTasksOf(record, language)));
            },
            cancellationToken);

    private static TranslationTask TranslationTaskOf(ReleaseRecord record, string targetLanguage, List<VariantRevisionRecord> earlierSources)
    {
        var release = record.ToRelease();
        var translation = release.FindVariant(targetLanguage);
        var reason = TranslationTask.ReasonFor(translation)!.Value;
        var previous = reason == TranslationTaskReason.Outdated
            ? earlierSources.FirstOrDefault(v => v.ReleaseId == record.Id && v.Language == record.SourceLanguage && v.Revision == translation!.SourceRevision)?.ToVariant()
            : null;
        return new TranslationTask(record.Id, record.ReleaseDate, reason, release.SourceVariant(), previous, translation);
    }

    private static IEnumerable<ReviewTask> ReviewTasksOf(ReleaseRecord record, string? language)
    {
        var release = record.ToRelease();
        var published = record.ToRelease(ReleaseView.Published);
        return release.Variants
            .Where(v => v.State == VariantState.InReview && (language is null || v.Language == language))
            .Select(v => new ReviewTask(record.Id, record.ReleaseDate, v, v.Language == release.SourceLanguage ? null : release.SourceVariant(), published.FindVariant(v.Language)));
    }

    /// <summary>
    /// The releases <paramref name="matching"/> selects, oldest release date first, in keyset pages on
    /// (release_date, id), each read in its own short context: <paramref name="read"/> loads a page (and
    /// whatever else it needs from that context) and says what to stream for it.
    /// </summary>
    private async IAsyncEnumerable<T> OldestFirstAsync<T>(
        Func<TranslationsDbContext, IQueryable<ReleaseRecord>> matching,
        Func<TranslationsDbContext, IQueryable<ReleaseRecord>, CancellationToken, Task<(List<ReleaseRecord> Page, IEnumerable<T> Items)>> read,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ReleaseCursor? after = null;
        while (true)
        {
            List<ReleaseRecord> page;
            IEnumerable<T> items;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                var ordered = ReleaseQueries.Order(ReleaseQueries.Seek(matching(db).AsNoTracking(), ReleaseOrder.ReleaseDateAscending, after), ReleaseOrder.ReleaseDateAscending);
                (page, items) = await read(db, ordered.Take(PageSize), cancellationToken);
            }
            foreach (var item in items)
            {
                yield return item;
            }
            if (page.Count < PageSize)
            {
                yield break;
            }
            after = new ReleaseCursor(ReleaseOrder.ReleaseDateAscending, page[^1].ReleaseDate, page[^1].Id);
        }
    }
}
