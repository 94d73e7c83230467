using System.Runtime.CompilerServices;
using Translations.Releases;
using Translations.Storage;

namespace Translations.Tests.Infrastructure;

/// <summary>
/// Wraps the real store to observe, from the server's side, how far a streamed query has read:
/// how many releases it pulled from storage, and whether the read has ended.
/// </summary>
public sealed class CountingReleaseStore(IReleaseStore inner) : IReleaseStore
{
    private long _queried;
    private int _openQueries;

    public long ReleasesQueried => Interlocked.Read(ref _queried);

    public int OpenQueries => Volatile.Read(ref _openQueries);

    public async IAsyncEnumerable<Release> QueryReleasesAsync(ReleaseQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _openQueries);
        try
        {
            await foreach (var release in inner.QueryReleasesAsync(query, cancellationToken))
            {
                Interlocked.Increment(ref _queried);
                yield return release;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _openQueries);
        }
    }

    public Task<Release?> GetReleaseAsync(string id, CancellationToken cancellationToken) => inner.GetReleaseAsync(id, cancellationToken);

    public Task<string?> FindReleaseIdBySlugAsync(string slug, CancellationToken cancellationToken) => inner.FindReleaseIdBySlugAsync(slug, cancellationToken);

    public Task<IReadOnlyList<Release>> GetReleasesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => inner.GetReleasesAsync(ids, cancellationToken);

    public IAsyncEnumerable<Variant> ListVariantRevisionsAsync(string releaseId, string language, CancellationToken cancellationToken) =>
        inner.ListVariantRevisionsAsync(releaseId, language, cancellationToken);

    public Task<Release> CreateReleaseAsync(NewRelease release, WriteContext context, CancellationToken cancellationToken) =>
        inner.CreateReleaseAsync(release, context, cancellationToken);

    public Task<Release> UpdateReleaseAsync(ReleaseMetadataChange change, WriteContext context, CancellationToken cancellationToken) =>
        inner.UpdateReleaseAsync(change, context, cancellationToken);

    public Task DeleteReleaseAsync(string id, long expectedRevision, WriteContext context, CancellationToken cancellationToken) =>
        inner.DeleteReleaseAsync(id, expectedRevision, context, cancellationToken);

    public Task<SubmittedVariant> SubmitVariantAsync(VariantSubmission submission, WriteContext context, CancellationToken cancellationToken) =>
        inner.SubmitVariantAsync(submission, context, cancellationToken);
}
