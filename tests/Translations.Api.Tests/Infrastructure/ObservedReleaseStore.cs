using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using System.Runtime.CompilerServices;
using Translations.Releases;
using Translations.Storage;

namespace Translations.Tests.Infrastructure;

/// <summary>
/// Wraps the real store to observe it from the server's side: how far a streamed query has read,
/// whether it has ended, and, on request, to hold one read of a release after it has read the
/// database (a slow read), until the test lets it go.
/// </summary>
public sealed class ObservedReleaseStore(IReleaseStore inner) : IReleaseStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HeldRead> _held = new();

    private long _queried;
    private int _openQueries;

    public long ReleasesQueried => Interlocked.Read(ref _queried);

    public int OpenQueries => Volatile.Read(ref _openQueries);

    private int _breakAfter = -1;

    /// <summary>
    /// The next streamed query fails after <paramref name="releases"/> releases, as when the database
    /// file stays locked mid-stream (SQLITE_BUSY, which the service reports as UNAVAILABLE).
    /// </summary>
    public void BreakNextQueryAfter(int releases) => Volatile.Write(ref _breakAfter, releases);

    public async IAsyncEnumerable<Release> QueryReleasesAsync(ReleaseQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _openQueries);
        var breakAfter = Interlocked.Exchange(ref _breakAfter, -1);
        try
        {
            var read = 0;
            await foreach (var release in inner.QueryReleasesAsync(query, cancellationToken))
            {
                if (read++ == breakAfter)
                {
                    throw new Microsoft.Data.Sqlite.SqliteException("database is locked", 5);
                }
                Interlocked.Increment(ref _queried);
                yield return release;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _openQueries);
        }
    }

    /// <summary>The next read of <paramref name="id"/> reads the database, then waits for <see cref="HeldRead.Release"/>.</summary>
    public HeldRead HoldNextRead(string id) => _held[id] = new HeldRead();

    public async Task<Release?> GetReleaseAsync(string id, string? language, ReleaseView view, CancellationToken cancellationToken)
    {
        var release = await inner.GetReleaseAsync(id, language, view, cancellationToken);
        if (_held.TryRemove(id, out var held))
        {
            held.Reached.TrySetResult(release);
            await held.Gate.Task;
        }
        return release;
    }

    public Task<string?> FindReleaseIdBySlugAsync(string slug, CancellationToken cancellationToken) => inner.FindReleaseIdBySlugAsync(slug, cancellationToken);

    public Task<IReadOnlyList<Release>> GetReleasesAsync(IReadOnlyCollection<string> ids, string? language, ReleaseView view, CancellationToken cancellationToken) =>
        inner.GetReleasesAsync(ids, language, view, cancellationToken);

    public IAsyncEnumerable<TranslationTask> ListTranslationTasksAsync(string targetLanguage, CancellationToken cancellationToken) =>
        inner.ListTranslationTasksAsync(targetLanguage, cancellationToken);

    public IAsyncEnumerable<Variant> ListVariantRevisionsAsync(string releaseId, string language, CancellationToken cancellationToken) =>
        inner.ListVariantRevisionsAsync(releaseId, language, cancellationToken);

    public Task<Release> CreateReleaseAsync(NewRelease release, WriteContext context, CancellationToken cancellationToken) =>
        inner.CreateReleaseAsync(release, context, cancellationToken);

    public Task<Release> UpdateReleaseAsync(ReleaseMetadataChange change, WriteContext context, CancellationToken cancellationToken) =>
        inner.UpdateReleaseAsync(change, context, cancellationToken);

    public Task<long> DeleteReleaseAsync(string id, long expectedRevision, WriteContext context, CancellationToken cancellationToken) =>
        inner.DeleteReleaseAsync(id, expectedRevision, context, cancellationToken);

    public Task<SubmittedVariant> SubmitVariantAsync(VariantSubmission submission, WriteContext context, CancellationToken cancellationToken) =>
        inner.SubmitVariantAsync(submission, context, cancellationToken);

    public IAsyncEnumerable<ReviewTask> ListReviewTasksAsync(string? language, CancellationToken cancellationToken) =>
        inner.ListReviewTasksAsync(language, cancellationToken);

    public Task<SubmittedVariant> SendToReviewAsync(VariantToReview request, WriteContext context, CancellationToken cancellationToken) =>
        inner.SendToReviewAsync(request, context, cancellationToken);

    public Task<SubmittedVariant> ReviewVariantAsync(VariantReview review, WriteContext context, CancellationToken cancellationToken) =>
        inner.ReviewVariantAsync(review, context, cancellationToken);

    public Task<PublicationResult> PublishAsync(Publication publication, WriteContext context, CancellationToken cancellationToken) =>
        inner.PublishAsync(publication, context, cancellationToken);

    public Task<ScheduledCounts> CountScheduledPublicationsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.CountScheduledPublicationsAsync(now, cancellationToken);

    public Task<DuePublication?> PublishNextDueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.PublishNextDueAsync(now, cancellationToken);

    public Task<Release> UnpublishAsync(string releaseId, string language, WriteContext context, CancellationToken cancellationToken) =>
        inner.UnpublishAsync(releaseId, language, context, cancellationToken);
}

public sealed class HeldRead
{
    public TaskCompletionSource<Release?> Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => Gate.TrySetResult();
}

public static class ObservedStoreExtensions
{
    /// <summary>Puts an <see cref="ObservedReleaseStore"/> between the cache and the database store.</summary>
    public static TranslationsApp WithObservedStore(this TranslationsApp app) => app.WithServices(services =>
    {
        services.AddSingleton(sp => new ObservedReleaseStore(ActivatorUtilities.CreateInstance<EfReleaseStore>(sp)));
        services.AddKeyedSingleton<IReleaseStore>(StorageServiceCollectionExtensions.StoreKey, (sp, _) => sp.GetRequiredService<ObservedReleaseStore>());
    });

    public static ObservedReleaseStore ObservedStore(this TranslationsApp app) => app.Services.GetRequiredService<ObservedReleaseStore>();
}
