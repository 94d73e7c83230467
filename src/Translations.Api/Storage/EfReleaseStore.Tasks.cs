using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Translations.Releases;

namespace Translations.Storage;

public sealed partial class EfReleaseStore
{
    /// <summary>Keyset pages on (release_date, id), like QueryReleases; a page's earlier source revisions in one more query.</summary>
    public async IAsyncEnumerable<TranslationTask> ListTranslationTasksAsync(string targetLanguage, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ReleaseCursor? after = null;
        while (true)
        {
            List<ReleaseRecord> page;
            List<VariantRevisionRecord> earlierSources;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                var tasks = db.Releases.AsNoTracking().Where(r => r.SourceLanguage != targetLanguage
                    && !r.Variants.Any(v => v.Language == targetLanguage && !v.Outdated && v.State != VariantState.Rejected));
                var ordered = ReleaseQueries.Order(ReleaseQueries.Seek(tasks, ReleaseOrder.ReleaseDateAscending, after), ReleaseOrder.ReleaseDateAscending);
                page = await WithDetails(ordered.Take(PageSize)).ToListAsync(cancellationToken);
                var outdated = page.SelectMany(r => r.Variants.Where(v => v.Language == targetLanguage && v.Outdated)).ToList();
                var ids = outdated.Select(v => v.ReleaseId).ToList();
                var revisions = outdated.Select(v => v.SourceRevision).Distinct().ToList();
                earlierSources = ids.Count == 0 ? [] : await db.VariantRevisions.AsNoTracking()
                    .Where(v => ids.Contains(v.ReleaseId) && revisions.Contains(v.Revision) && v.Language != targetLanguage)
                    .ToListAsync(cancellationToken);
            }
            foreach (var record in page)
            {
                var release = record.ToRelease();
                var translation = release.FindVariant(targetLanguage);
                var reason = TranslationTask.ReasonFor(translation)!.Value;
                var previous = reason == TranslationTaskReason.Outdated
                    ? earlierSources.FirstOrDefault(v => v.ReleaseId == record.Id && v.Language == record.SourceLanguage && v.Revision == translation!.SourceRevision)?.ToVariant()
                    : null;
                yield return new TranslationTask(record.Id, record.ReleaseDate, reason, release.SourceVariant(), previous, translation);
            }
            if (page.Count < PageSize)
            {
                yield break;
            }
            after = new ReleaseCursor(ReleaseOrder.ReleaseDateAscending, page[^1].ReleaseDate, page[^1].Id);
        }
    }

    /// <summary>Keyset pages on (release_date, id) of the releases with a variant in review; each such variant is one task.</summary>
    public async IAsyncEnumerable<ReviewTask> ListReviewTasksAsync(string? language, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ReleaseCursor? after = null;
        while (true)
        {
            List<ReleaseRecord> page;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                var waiting = db.Releases.AsNoTracking()
                    .Where(r => r.Variants.Any(v => v.State == VariantState.InReview && (language == null || v.Language == language)));
                var ordered = ReleaseQueries.Order(ReleaseQueries.Seek(waiting, ReleaseOrder.ReleaseDateAscending, after), ReleaseOrder.ReleaseDateAscending);
                page = await WithDetails(ordered.Take(PageSize)).Include(r => r.PublishedVariants).ToListAsync(cancellationToken);
            }
            foreach (var record in page)
            {
                var release = record.ToRelease();
                var published = record.ToRelease(ReleaseView.Published);
                foreach (var variant in release.Variants.Where(v => v.State == VariantState.InReview && (language is null || v.Language == language)))
                {
                    var source = variant.Language == release.SourceLanguage ? null : release.SourceVariant();
                    yield return new ReviewTask(record.Id, record.ReleaseDate, variant, source, published.FindVariant(variant.Language));
                }
            }
            if (page.Count < PageSize)
            {
                yield break;
            }
            after = new ReleaseCursor(ReleaseOrder.ReleaseDateAscending, page[^1].ReleaseDate, page[^1].Id);
        }
    }
}
