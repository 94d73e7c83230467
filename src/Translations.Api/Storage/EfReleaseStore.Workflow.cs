using Microsoft.EntityFrameworkCore;
using Translations.Changes;
using Translations.Releases;

namespace Translations.Storage;

// The workflow's writes: review, publishing, unpublishing, outdated marking. Same transaction rules as every write.
public sealed partial class EfReleaseStore
{
    public Task<SubmittedVariant> ReviewVariantAsync(VariantReview review, WriteContext context, CancellationToken cancellationToken) =>
        WriteAsync(context, async db =>
        {
            var record = await LoadForWriteAsync(db, review.ReleaseId, cancellationToken);
            var now = time.GetUtcNow();
            var reviewed = WorkflowRules.Review(record.ToRelease(), review, context.Caller, now);
            StoreRevision(db, record, reviewed);
            record.Revision++;
            record.UpdateTime = now;
            await AppendChangeEventAsync(db, record.Id, record.Category, review.Language, ChangeEventType.VariantReviewed, record.Revision, context, cancellationToken);
            return new SubmittedVariant(reviewed, record.Revision);
        }, cancellationToken);

    public Task<Release> PublishAsync(Publication publication, WriteContext context, CancellationToken cancellationToken) =>
        WriteAsync(context, async db =>
        {
            var record = await LoadForWriteAsync(db, publication.ReleaseId, cancellationToken, withPublished: true);
            var now = time.GetUtcNow();
            var published = WorkflowRules.Publish(record.ToRelease(), publication.Languages, context.Caller, now);
            if (published.Count == 0)
            {
                return record.ToRelease(); // every named language was already published: nothing to write
            }
            record.Revision++;
            record.UpdateTime = now;
            foreach (var variant in published)
            {
                StoreRevision(db, record, variant);
                if (record.PublishedVariants.FirstOrDefault(p => p.Language == variant.Language) is { } previous)
                {
                    record.PublishedVariants.Remove(previous);
                    db.PublishedVariants.Remove(previous);
                    await db.SaveChangesAsync(cancellationToken);
                }
                record.PublishedVariants.Add(variant.ToPublishedRecord(record.Id));
                await AppendChangeEventAsync(db, record.Id, record.Category, variant.Language, ChangeEventType.VariantPublished, record.Revision, context, cancellationToken);
            }
            return record.ToRelease();
        }, cancellationToken);

    public Task<Release> UnpublishAsync(string releaseId, string language, WriteContext context, CancellationToken cancellationToken) =>
        WriteAsync(context, async db =>
        {
            var record = await LoadForWriteAsync(db, releaseId, cancellationToken, withPublished: true);
            var now = time.GetUtcNow();
            var published = record.PublishedVariants.FirstOrDefault(p => p.Language == language);
            var unpublished = WorkflowRules.Unpublish(record.ToRelease(), language, published is not null, context.Caller, now);
            if (unpublished is not null)
            {
                StoreRevision(db, record, unpublished);
            }
            db.PublishedVariants.Remove(published!);
            record.Revision++;
            record.UpdateTime = now;
            await AppendChangeEventAsync(db, record.Id, record.Category, language, ChangeEventType.VariantUnpublished, record.Revision, context, cancellationToken);
            return record.ToRelease();
        }, cancellationToken);

    /// <summary>The source text changed: every translation not yet outdated becomes outdated, keeping its state and publication.</summary>
    private async Task MarkTranslationsOutdatedAsync(TranslationsDbContext db, ReleaseRecord record, WriteContext context, CancellationToken cancellationToken)
    {
        var published = await db.PublishedVariants.Where(p => p.ReleaseId == record.Id).ToListAsync(cancellationToken);
        foreach (var translation in record.Variants.Where(v => v.Language != record.SourceLanguage && !v.Outdated).OrderBy(v => v.Language, StringComparer.Ordinal))
        {
            translation.Outdated = true;
            if (published.FirstOrDefault(p => p.Language == translation.Language) is { } live)
            {
                live.Outdated = true;
            }
            await AppendChangeEventAsync(db, record.Id, record.Category, translation.Language, ChangeEventType.VariantOutdated, record.Revision, context, cancellationToken);
        }
    }

    /// <summary>A new revision of a variant becomes its current revision and joins its history.</summary>
    private static void StoreRevision(TranslationsDbContext db, ReleaseRecord record, Variant variant)
    {
        if (record.Variants.FirstOrDefault(v => v.Language == variant.Language) is { } current)
        {
            variant.CopyTo(current);
        }
        else
        {
            record.Variants.Add(variant.ToRecord(record.Id));
        }
        db.VariantRevisions.Add(variant.ToRevisionRecord(record.Id));
    }
}
