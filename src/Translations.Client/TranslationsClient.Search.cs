using System.Runtime.CompilerServices;
using Translations.V1;

namespace Translations.Client;

public sealed partial class TranslationsClient
{
    /// <summary>How many hits the service returns when a search sets no limit.</summary>
    public const int DefaultSearchLimit = 20;

    /// <summary>
    /// The 20 published releases that best match <paramref name="query"/> in <paramref name="language"/>, best
    /// first; see <see cref="SearchReleasesAsync(SearchReleasesRequest, CancellationToken)"/>.
    /// </summary>
    public IAsyncEnumerable<SearchReleasesResponse> SearchReleasesAsync(string query, string language, CancellationToken cancellationToken = default) =>
        SearchReleasesAsync(new SearchReleasesRequest { Query = query, Language = language }, cancellationToken);

    /// <summary>
    /// The releases whose variant in the request's language matches its query, best first, each hit with its
    /// marked title and snippet (<see cref="MarkedTextExtensions.Parts"/> cuts them at the marks) and the
    /// cursor to ask for the hits after it. At most <see cref="SearchReleasesRequest.Limit"/> hits (0 means
    /// <see cref="DefaultSearchLimit"/>). When the stream breaks (a replica stops, the connection drops), it
    /// continues after the last hit received, on any replica, asking only for the hits still missing.
    /// A query the service cannot search is an <see cref="InvalidRequestException"/> naming <c>query</c>.
    /// </summary>
    public async IAsyncEnumerable<SearchReleasesResponse> SearchReleasesAsync(SearchReleasesRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = request.Clone();
        // The continuation must not ask for 0, which would mean the default again.
        var remaining = next.Limit == 0 ? DefaultSearchLimit : next.Limit;
        var responses = ResumingStreamAsync(call => releases.SearchReleases(next, call), response =>
        {
            next.After = response.Cursor;
            next.Limit = --remaining;
            return remaining > 0;
        }, cancellationToken);
        await foreach (var response in responses)
        {
            yield return response;
        }
    }
}
