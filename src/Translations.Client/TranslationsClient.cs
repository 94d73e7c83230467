using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Translations.V1;

namespace Translations.Client;

/// <summary>
/// The Translations service for .NET callers. Reads are retried on UNAVAILABLE; queries and watches
/// resume where they broke off; writes that take a request_id get one when the caller gives none and
/// are then retried safely; every failure is a <see cref="TranslationsException"/> subclass. The
/// generated clients stay at hand (<see cref="Releases"/>, <see cref="Editorial"/>,
/// <see cref="Translation"/>) for anything not wrapped here.
/// </summary>
public sealed partial class TranslationsClient(
    ReleaseService.ReleaseServiceClient releases,
    EditorialService.EditorialServiceClient editorial,
    TranslationService.TranslationServiceClient translation,
    BackupService.BackupServiceClient backups,
    ITokenSource tokens,
    IOptions<TranslationsClientOptions> options,
    TimeProvider time) : IDisposable
{
    private readonly TranslationsClientOptions _options = options.Value;
    private ServiceProvider? _owned;

    public ReleaseService.ReleaseServiceClient Releases => releases;

    public EditorialService.EditorialServiceClient Editorial => editorial;

    public TranslationService.TranslationServiceClient Translation => translation;

    public BackupService.BackupServiceClient Backups => backups;

    /// <summary>A client of its own, outside dependency injection (a tool, a script); dispose it when done.</summary>
    public static TranslationsClient Create(Action<TranslationsClientOptions> configure)
    {
        var provider = new ServiceCollection().AddTranslationsClient(configure).BuildServiceProvider();
        var client = provider.GetRequiredService<TranslationsClient>();
        client._owned = provider;
        return client;
    }

    public void Dispose() => _owned?.Dispose();

    // ---- reads

    /// <summary>
    /// One release by id, in the published view unless <paramref name="view"/> says draft; null when there is
    /// none. With <paramref name="language"/>, only the variant in that language (or the next one of the
    /// service's fallback chain); without it, every variant.
    /// </summary>
    public Task<Release?> GetReleaseAsync(string id, string? language = null, ReleaseView view = ReleaseView.Published, CancellationToken cancellationToken = default) =>
        GetAsync(new GetReleaseRequest { Id = id, Language = language ?? "", View = view }, cancellationToken);

    /// <summary>One release by slug; null when there is none.</summary>
    public Task<Release?> GetReleaseBySlugAsync(string slug, string? language = null, ReleaseView view = ReleaseView.Published, CancellationToken cancellationToken = default) =>
        GetAsync(new GetReleaseRequest { Slug = slug, Language = language ?? "", View = view }, cancellationToken);

    private async Task<Release?> GetAsync(GetReleaseRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return (await CallAsync(call => releases.GetReleaseAsync(request, call), cancellationToken, retried: true)).Release;
        }
        catch (ReleaseNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The releases with these ids that exist, in the order asked (each once), in calls of at most 100 ids.</summary>
    public async Task<IReadOnlyList<Release>> GetReleasesAsync(IEnumerable<string> ids, string? language = null, ReleaseView view = ReleaseView.Published,
        CancellationToken cancellationToken = default)
    {
        var found = new List<Release>();
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(100))
        {
            var request = new BatchGetReleasesRequest { Ids = { chunk }, Language = language ?? "", View = view };
            found.AddRange((await CallAsync(call => releases.BatchGetReleasesAsync(request, call), cancellationToken, retried: true)).Releases);
        }
        return found;
    }

    /// <summary>
    /// The releases matching <paramref name="request"/> (every published release when null), streamed in the
    /// request's order. When
    /// the stream breaks (a replica stops, the connection drops), it continues after the last release
    /// received, on any replica: nothing is repeated and nothing skipped.
    /// </summary>
    public async IAsyncEnumerable<Release> QueryReleasesAsync(QueryReleasesRequest? request = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var response in QueryReleaseResponsesAsync(request, cancellationToken))
        {
            yield return response.Release;
        }
    }

    /// <summary>
    /// As <see cref="QueryReleasesAsync"/>, each release with its <see cref="QueryReleasesResponse.Cursor"/>, for
    /// a caller that pages: a later query with that cursor as <see cref="QueryReleasesRequest.After"/> (and the
    /// same order and filter) continues right after it.
    /// </summary>
    public async IAsyncEnumerable<QueryReleasesResponse> QueryReleaseResponsesAsync(QueryReleasesRequest? request = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = request?.Clone() ?? new QueryReleasesRequest();
        var responses = ResumingStreamAsync(call => releases.QueryReleases(next, call), response =>
        {
            next.After = response.Cursor;
            return next.Limit == 0 || --next.Limit > 0;
        }, cancellationToken);
        await foreach (var response in responses)
        {
            yield return response;
        }
    }

    /// <summary>What needs translating into <paramref name="language"/>, oldest release date first.</summary>
    public IAsyncEnumerable<TranslationTask> ListTranslationTasksAsync(string language, CancellationToken cancellationToken = default) =>
        StreamAsync(call => translation.ListTranslationTasks(new ListTranslationTasksRequest { TargetLanguage = language }, call), response => response.Task, cancellationToken);

    /// <summary>The variants waiting for review (in one language, or all when null), oldest release date first.</summary>
    public IAsyncEnumerable<ReviewTask> ListReviewTasksAsync(string? language = null, CancellationToken cancellationToken = default) =>
        StreamAsync(call => editorial.ListReviewTasks(new ListReviewTasksRequest { Language = language ?? "" }, call), response => response.Task, cancellationToken);

    /// <summary>Every stored revision of one variant, newest first.</summary>
    public IAsyncEnumerable<Variant> ListVariantRevisionsAsync(string releaseId, string language, CancellationToken cancellationToken = default) =>
        StreamAsync(call => translation.ListVariantRevisions(new ListVariantRevisionsRequest { ReleaseId = releaseId, Language = language }, call), response => response.Variant, cancellationToken);

    /// <summary>
    /// The change events after <see cref="WatchReleasesRequest.AfterSequence"/> (from now when unset), as
    /// they are committed, for as long as it is enumerated: across dropped connections, replica restarts and
    /// draining replicas it resumes after the last event delivered, so nothing is lost or repeated.
    /// <see cref="ReleaseWatch.LastSequence"/> is where a later watch should continue. Events that expired
    /// while away end it with <see cref="EventsExpiredException"/>: re-sync with a query, then watch again.
    /// </summary>
    public ReleaseWatch Watch(WatchReleasesRequest? request = null) => new(releases, request ?? new WatchReleasesRequest(), _options, time);

    /// <summary>The events of <see cref="Watch"/>, for a caller that keeps the sequences itself.</summary>
    public async IAsyncEnumerable<ReleaseEvent> WatchAsync(WatchReleasesRequest? request = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var change in Watch(request).WithCancellation(cancellationToken))
        {
            yield return change;
        }
    }

    // ---- writes

    /// <summary>Creates a release with its source variant; given a request_id when it has none, and retried safely while the service is unavailable.</summary>
    public async Task<Release> CreateReleaseAsync(CreateReleaseRequest request, CancellationToken cancellationToken = default)
    {
        var sent = WithRequestId(request, r => r.RequestId, (r, id) => r.RequestId = id);
        return (await CallAsync(call => editorial.CreateReleaseAsync(sent, call), cancellationToken, retried: true)).Release;
    }

    /// <summary>
    /// Creates many releases (CreateReleases), in calls of at most 1,000 items, each item given a request_id
    /// when it has none, so a call is retried safely while the service is unavailable. One outcome per
    /// release, in order, its <see cref="CreateReleaseOutcome.Index"/> the release's position in
    /// <paramref name="releases"/>: the created release, or the status that refused it.
    /// </summary>
    public async Task<IReadOnlyList<CreateReleaseOutcome>> CreateReleasesAsync(IEnumerable<CreateReleaseRequest> releases, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<CreateReleaseOutcome>();
        foreach (var chunk in releases.Select(r => WithRequestId(r, x => x.RequestId, (x, id) => x.RequestId = id)).Chunk(BulkItemsPerCall))
        {
            var offset = outcomes.Count;
            var response = await BulkCallAsync(() => editorial.CreateReleases(cancellationToken: cancellationToken),
                chunk.Select(item => new CreateReleasesRequest { Release = item }), cancellationToken);
            foreach (var outcome in response.Outcomes)
            {
                outcome.Index += offset;
                outcomes.Add(outcome);
            }
        }
        return outcomes;
    }

    /// <summary>Adds or replaces many variants (SubmitVariants), as <see cref="CreateReleasesAsync"/> creates releases.</summary>
    public async Task<IReadOnlyList<SubmitVariantOutcome>> SubmitVariantsAsync(IEnumerable<SubmitVariantRequest> variants, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<SubmitVariantOutcome>();
        foreach (var chunk in variants.Select(v => WithRequestId(v, x => x.RequestId, (x, id) => x.RequestId = id)).Chunk(BulkItemsPerCall))
        {
            var offset = outcomes.Count;
            var response = await BulkCallAsync(() => translation.SubmitVariants(cancellationToken: cancellationToken),
                chunk.Select(item => new SubmitVariantsRequest { Variant = item }), cancellationToken);
            foreach (var outcome in response.Outcomes)
            {
                outcome.Index += offset;
                outcomes.Add(outcome);
            }
        }
        return outcomes;
    }

    // ---- backups (admins only)

    /// <summary>
    /// Every release with everything stored about it (ExportReleases), oldest release date first, as the
    /// service reads it from its database page by page: enumerate it as fast as you write it out.
    /// </summary>
    public IAsyncEnumerable<ReleaseBackup> ExportReleasesAsync(CancellationToken cancellationToken = default) =>
        StreamAsync(call => backups.ExportReleases(new ExportReleasesRequest(), call), response => response.Release, cancellationToken);

    /// <summary>
    /// Restores releases as ExportReleasesAsync gave them (RestoreReleases), in calls of at most 1,000 items.
    /// Restoring is safe to repeat (a release already restored is <see cref="RestoreResult.Unchanged"/>), so a
    /// call is sent again while the service is unavailable. One outcome per release, in order.
    /// </summary>
    public async Task<IReadOnlyList<RestoreReleaseOutcome>> RestoreReleasesAsync(IEnumerable<ReleaseBackup> releases, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<RestoreReleaseOutcome>();
        foreach (var chunk in releases.Chunk(BulkItemsPerCall))
        {
            var offset = outcomes.Count;
            var response = await BulkCallAsync(() => backups.RestoreReleases(cancellationToken: cancellationToken),
                chunk.Select(item => new RestoreReleasesRequest { Release = item }), cancellationToken);
            foreach (var outcome in response.Outcomes)
            {
                outcome.Index += offset;
                outcomes.Add(outcome);
            }
        }
        return outcomes;
    }

    /// <summary>Adds or replaces a variant; given a request_id when it has none, and retried safely while the service is unavailable.</summary>
    public Task<SubmitVariantResponse> SubmitVariantAsync(SubmitVariantRequest request, CancellationToken cancellationToken = default)
    {
        var sent = WithRequestId(request, r => r.RequestId, (r, id) => r.RequestId = id);
        return CallAsync(call => translation.SubmitVariantAsync(sent, call), cancellationToken, retried: true);
    }

    /// <summary>Sends a draft or rejected variant to review as it is.</summary>
    public Task<SendVariantToReviewResponse> SendVariantToReviewAsync(SendVariantToReviewRequest request, CancellationToken cancellationToken = default) =>
        CallAsync(call => translation.SendVariantToReviewAsync(request, call), cancellationToken);

    /// <summary>Approves or rejects the revision in review.</summary>
    public Task<ReviewVariantResponse> ReviewVariantAsync(ReviewVariantRequest request, CancellationToken cancellationToken = default) =>
        CallAsync(call => editorial.ReviewVariantAsync(request, call), cancellationToken);

    /// <summary>Publishes languages of a release, now or at <see cref="PublishReleaseRequest.PublishTime"/>.</summary>
    public Task<PublishReleaseResponse> PublishReleaseAsync(PublishReleaseRequest request, CancellationToken cancellationToken = default) =>
        CallAsync(call => editorial.PublishReleaseAsync(request, call), cancellationToken);

    /// <summary>Takes one published language down.</summary>
    public async Task<Release> UnpublishReleaseAsync(string id, string language, CancellationToken cancellationToken = default) =>
        (await CallAsync(call => editorial.UnpublishReleaseAsync(new UnpublishReleaseRequest { Id = id, Language = language }, call), cancellationToken)).Release;

    /// <summary>Changes a release's metadata.</summary>
    public async Task<Release> UpdateReleaseAsync(UpdateReleaseRequest request, CancellationToken cancellationToken = default) =>
        (await CallAsync(call => editorial.UpdateReleaseAsync(request, call), cancellationToken)).Release;

    /// <summary>Deletes a release at its current revision.</summary>
    public async Task DeleteReleaseAsync(string id, long expectedRevision, CancellationToken cancellationToken = default) =>
        await CallAsync(call => editorial.DeleteReleaseAsync(new DeleteReleaseRequest { Id = id, ExpectedRevision = expectedRevision }, call), cancellationToken);
}
