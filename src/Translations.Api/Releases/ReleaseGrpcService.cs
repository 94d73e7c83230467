using System.Globalization;
using System.Runtime.CompilerServices;
using Grpc.Core;
using Translations.Access;
using Translations.Changes;
using Translations.Hosting;
using Translations.Languages;
using Translations.Storage;
using Translations.V1;

namespace Translations.Releases;

/// <summary>ReleaseService: reads for the services that publish releases.</summary>
[RequiresRight(Right.ReadReleases)]
public sealed class ReleaseGrpcService(
    IReleaseStore store, IReleaseSearch search, LanguageSettings languages, ReleaseRequests requests, ReleaseWatch watch)
    : ReleaseService.ReleaseServiceBase
{
    /// <summary>The response header that tells the client the sequence a watch starts after.</summary>
    public const string AfterSequenceHeader = ErrorReasons.AfterSequenceHeader;

    public override async Task<GetReleaseResponse> GetRelease(GetReleaseRequest request, ServerCallContext context)
    {
        var (id, slug, language, view) = requests.ReadGet(request);
        context.EnsureMayRead(view);
        // A refusal names the release as the caller asked for it, the same whether it does not exist or
        // the caller may not see it: it never reveals the id, or the existence, of an unpublished release.
        var named = id is null ? $"A release with slug '{slug}'" : $"Release {id}";
        var wanted = language is null ? named : $"{named} in {string.Join(" or ", languages.ChainFor(language))}";
        id ??= await store.FindReleaseIdBySlugAsync(slug!, context.CancellationToken) ?? throw new ReleaseNotFoundException(wanted);
        var release = await store.GetReleaseAsync(id, language, view, context.CancellationToken) ?? throw new ReleaseNotFoundException(wanted);
        if (language is null)
        {
            return new GetReleaseResponse { Release = release.ToSharedMessage() };
        }
        var served = release.Variants[0].Language;
        return new GetReleaseResponse { Release = release.ToSharedMessage(), ServedLanguage = served, FellBack = served != language };
    }

    public override async Task<BatchGetReleasesResponse> BatchGetReleases(BatchGetReleasesRequest request, ServerCallContext context)
    {
        var (ids, language, view) = requests.ReadBatchGet(request);
        context.EnsureMayRead(view);
        var found = (await store.GetReleasesAsync(ids, language, view, context.CancellationToken)).ToDictionary(r => r.Id);
        var response = new BatchGetReleasesResponse();
        foreach (var id in ids)
        {
            if (found.TryGetValue(id, out var release))
            {
                response.Releases.Add(release.ToSharedMessage());
            }
            else
            {
                response.MissingIds.Add(id);
            }
        }
        return response;
    }

    public override async Task QueryReleases(QueryReleasesRequest request, IServerStreamWriter<QueryReleasesResponse> responseStream, ServerCallContext context)
    {
        var (query, language) = requests.ReadQuery(request);
        context.EnsureMayRead(query.View);
        await responseStream.WriteAllAsync(Responses(query, language, context.CancellationToken), context);
    }

    private async IAsyncEnumerable<QueryReleasesResponse> Responses(ReleaseQuery query, string? language, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // With a language, releases without an acceptable variant are skipped, so the limit is counted here.
        var remaining = query.Limit == 0 ? long.MaxValue : query.Limit;
        var storeQuery = language is null ? query : query with { Limit = 0 };
        await foreach (var release in store.QueryReleasesAsync(storeQuery, cancellationToken))
        {
            var response = new QueryReleasesResponse { Cursor = ReleaseCursor.After(release, query.Order).Encode() };
            if (language is null)
            {
                response.Release = release.ToMessage();
            }
            else if (languages.Serve(release, language) is { } served)
            {
                response.Release = served.Release.ToMessage();
                response.ServedLanguage = served.Language;
                response.FellBack = served.FellBack;
            }
            else
            {
                continue;
            }
            yield return response;
            if (--remaining == 0)
            {
                yield break;
            }
        }
    }

    public override async Task SearchReleases(SearchReleasesRequest request, IServerStreamWriter<SearchReleasesResponse> responseStream, ServerCallContext context)
    {
        var (wanted, tags) = requests.ReadSearch(request);
        context.EnsureMayRead(wanted.View);
        await responseStream.WriteAllAsync(Hits(wanted, tags, context.CancellationToken), context);
    }

    private async IAsyncEnumerable<SearchReleasesResponse> Hits(ReleaseSearch wanted, MarkTags? tags, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var hit in search.SearchReleasesAsync(wanted, cancellationToken))
        {
            yield return hit.ToResponse(wanted, tags);
        }
    }

    public override async Task WatchReleases(WatchReleasesRequest request, IServerStreamWriter<WatchReleasesResponse> responseStream, ServerCallContext context)
    {
        var query = requests.ReadWatch(request);
        context.EnsureMayRead(query.View);
        var after = await watch.StartAsync(query, context.CancellationToken);
        await context.WriteResponseHeadersAsync(new Metadata { { AfterSequenceHeader, after.ToString(CultureInfo.InvariantCulture) } });
        // Events come in batches (one per read of the feed): each batch goes out in one flush.
        await responseStream.WriteAllAsync(Events(query, after, context.CancellationToken), context);
    }

    private async IAsyncEnumerable<WatchReleasesResponse> Events(WatchQuery query, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var change in watch.WatchAsync(query, after, cancellationToken))
        {
            yield return new WatchReleasesResponse { Event = change.ToMessage() };
        }
    }
}
