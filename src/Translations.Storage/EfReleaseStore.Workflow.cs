using Microsoft.EntityFrameworkCore;
using Translations.Changes;
using Translations.Releases;

namespace Translations.Storage;

// The workflow's writes: review, publishing, unpublishing, outdated marking. Same transaction rules as every write.
public sealed partial class EfReleaseStore
{
    public Task<SubmittedVariant> ReviewVariantAsync(VariantReview review, WriteContext context, CancellationToken cancellationToken) =>
        ChangeStateAsync(review.ReleaseId, ChangeEventType.VariantReviewed, (release, now) => WorkflowRules.Review(release, review, context.Caller, now),
            context, cancellationToken);

    public Task<SubmittedVariant> SendToReviewAsync(VariantToReview request, WriteContext context, CancellationToken cancellationToken) =>
        ChangeStateAsync(request.ReleaseId, ChangeEventType.VariantSentToReview, (release, now) => WorkflowRules.SendToReview(release, request, context.Caller, now),
            context, cancellationToken);

    /// <summary>One variant's next state as <paramref name="step"/> decides it: a new revision of the same text, and its change event.</summary>
    private Task<SubmittedVariant> ChangeStateAsync(string releaseId, ChangeEventType type, Func<Release, DateTimeOffset, Variant> step,
        WriteContext context, CancellationToken cancellationToken) =>
        WriteAsync(context, async db =>
        {
            var record = await ReadForWriteAsync(db, releaseId, cancellationToken);
            var now = Now();
            var changed = step(record.ToRelease(), now);
            WriteNextRevision(db, record, now);
            WriteRevision(db, record, changed);
            AppendChangeEvent(db, record.Id, record.Category, changed.Language, type, record.Revision, context);
            return new SubmittedVariant(changed, record.Revision);
        }, cancellationToken);

    /// <summary>A future publish time is checked like a publication now, then stored for <see cref="PublishNextDueAsync"/>.</summary>
    public Task<PublicationResult> PublishAsync(Publication publication, WriteContext context, CancellationToken cancellationToken) =>
        WriteAsync(context, async db =>
        {
            var record = await ReadForWriteAsync(db, publication.ReleaseId, cancellationToken, withPublished: true);
            var now = Now();
            var published = WorkflowRules.Publish(record.ToRelease(), publication.Languages, context.Caller, now);
            if (publication.PublishTime is { } at && at > now)
            {
                db.ScheduledPublications.Add(new ScheduledPublicationRecord
                {
                    ReleaseId = record.Id, Languages = string.Join(',', publication.Languages), PublishTime = at.UtcDateTime,
                    Actor = context.Author, CreateTime = now,
                });
                return new PublicationResult(record.ToRelease(), Scheduled: true);
            }
            ApplyPublication(db, record, published, context, now);
            return new PublicationResult(record.ToRelease(), Scheduled: false);
        }, cancellationToken);

    /// <summary>
    /// The schedule row is deleted in the publication's own transaction, so exactly one replica
    /// carries it out. It is carried out with the rights its editor had when scheduling; when the
    /// languages are no longer approved (or the release is gone) nothing is published and it is dropped.
    /// </summary>
    public async Task<DuePublication?> PublishNextDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        while (true)
        {
            ScheduledPublicationRecord? due;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                var cutoff = now.UtcDateTime;
                due = await db.ScheduledPublications.AsNoTracking().Where(s => s.PublishTime <= cutoff)
                    .OrderBy(s => s.PublishTime).ThenBy(s => s.Id).FirstOrDefaultAsync(cancellationToken);
            }
            if (due is null)
            {
                return null;
            }
            var languages = due.Languages.Split(',');
            var context = new WriteContext(new Access.Caller(due.Actor, new HashSet<string> { Access.Roles.Editor }, new HashSet<string>()), null);
            try
            {
                var published = await WriteAsync(context, async db =>
                {
                    if (await db.ScheduledPublications.Where(s => s.Id == due.Id).ExecuteDeleteAsync(cancellationToken) == 0)
                    {
                        return null; // another replica carried it out
                    }
                    var record = await ReadForWriteAsync(db, due.ReleaseId, cancellationToken, withPublished: true);
                    var at = Now();
                    ApplyPublication(db, record, WorkflowRules.Publish(record.ToRelease(), languages, context.Caller, at), context, at);
                    return record.ToRelease();
                }, cancellationToken);
                if (published is not null)
                {
                    return new DuePublication(due.ReleaseId, languages, due.Actor, published, null);
                }
            }
            catch (ReleaseException e) when (e is WorkflowException or ReleaseNotFoundException)
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                await db.ScheduledPublications.Where(s => s.Id == due.Id).ExecuteDeleteAsync(cancellationToken);
                return new DuePublication(due.ReleaseId, languages, due.Actor, null, e.Message);
            }
        }
    }

    public async Task<ScheduledCounts> CountScheduledPublicationsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cutoff = now.UtcDateTime;
        var counts = await db.ScheduledPublications.GroupBy(_ => 1)
            .Select(all => new { Pending = all.Count(), Overdue = all.Count(s => s.PublishTime <= cutoff) })
            .FirstOrDefaultAsync(cancellationToken);
        return new ScheduledCounts(counts?.Pending ?? 0, counts?.Overdue ?? 0);
    }

    private void ApplyPublication(TranslationsDbContext db, ReleaseRecord record, IReadOnlyList<Variant> published, WriteContext context, DateTimeOffset now)
    {
        if (published.Count == 0)
        {
            return; // every named language was already published: nothing to write
        }
        WriteNextRevision(db, record, now);
        foreach (var variant in published)
        {
            WriteRevision(db, record, variant);
            if (record.PublishedVariants.FirstOrDefault(p => p.Language == variant.Language) is { } previous)
            {
                variant.CopyTo(previous);
                db.PendingRows.Add(PendingRow.Update(previous, PublishedVariantValues));
            }
            else
            {
                var added = variant.ToPublishedRecord(record.Id);
                record.PublishedVariants.Add(added);
                db.PendingRows.Add(PendingRow.Insert(added));
            }
            AppendChangeEvent(db, record.Id, record.Category, variant.Language, ChangeEventType.VariantPublished, record.Revision, context);
        }
    }

    public Task<Release> UnpublishAsync(string releaseId, string language, WriteContext context, CancellationToken cancellationToken) =>
        WriteAsync(context, async db =>
        {
            var record = await ReadForWriteAsync(db, releaseId, cancellationToken, withPublished: true);
            var now = Now();
            var published = record.PublishedVariants.FirstOrDefault(p => p.Language == language);
            var unpublished = WorkflowRules.Unpublish(record.ToRelease(), language, published is not null, context.Caller, now);
            WriteNextRevision(db, record, now);
            if (unpublished is not null)
            {
                WriteRevision(db, record, unpublished);
            }
            record.PublishedVariants.Remove(published!);
            db.PendingRows.Add(PendingRow.Delete(published!));
            AppendChangeEvent(db, record.Id, record.Category, language, ChangeEventType.VariantUnpublished, record.Revision, context);
            return record.ToRelease();
        }, cancellationToken);

    /// <summary>
    /// The source text changed: every translation not yet outdated becomes outdated, keeping its state
    /// and publication. (Readers measure published translations against the published source instead.)
    /// </summary>
    private void MarkTranslationsOutdated(TranslationsDbContext db, ReleaseRecord record, WriteContext context)
    {
        foreach (var translation in record.Variants.Where(v => v.Language != record.SourceLanguage && !v.Outdated).OrderBy(v => v.Language, StringComparer.Ordinal))
        {
            translation.Outdated = true;
            db.PendingRows.Add(PendingRow.Update(translation, [nameof(VariantRecord.Outdated)]));
            AppendChangeEvent(db, record.Id, record.Category, translation.Language, ChangeEventType.VariantOutdated, record.Revision, context);
        }
    }
}
