using Translations.Client;
using Translations.V1;

namespace Translations.Workbench.Releases;

/// <summary>One page of the release list: releases in the draft view, newest release date first, and the cursor after them.</summary>
/// <param name="Next">The cursor that continues after this page; null when it is the last.</param>
public sealed record ReleaseListPage(IReadOnlyList<Release> Releases, string? Next)
{
    /// <summary>The <paramref name="size"/> releases after <paramref name="after"/> (from the newest when null).</summary>
    public static async Task<ReleaseListPage> ReadAsync(TranslationsClient client, string? after, int size, CancellationToken cancellationToken)
    {
        // One more than the page shows: whether a next page exists, without a "Next page" link to an empty one.
        var request = new QueryReleasesRequest { View = ReleaseView.Draft, Order = ReleaseOrder.ReleaseDateDescending, Limit = size + 1, After = after ?? "" };
        var releases = new List<Release>();
        string? cursor = null;
        await foreach (var response in client.QueryReleaseResponsesAsync(request, cancellationToken))
        {
            if (releases.Count == size)
            {
                return new ReleaseListPage(releases, cursor);
            }
            releases.Add(response.Release);
            cursor = response.Cursor;
        }
        return new ReleaseListPage(releases, null);
    }
}
