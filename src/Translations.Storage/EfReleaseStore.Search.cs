using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Translations.Releases;
using Translations.Search;

namespace Translations.Storage;

public sealed partial class EfReleaseStore : IReleaseSearch
{
    /// <summary>
    /// One query: the database's full-text match (<see cref="StorageProvider.SearchSql"/>) joined to the
    /// releases for the filter, best first, past the cursor, at most the limit (1,000). Snippets and marks
    /// are made here, in .NET, from the stored text, so that every database gives the same ones.
    /// </summary>
    public async IAsyncEnumerable<SearchHit> SearchReleasesAsync(ReleaseSearch search, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<SearchRow> rows;
        using (var activity = StorageActivities.Start("SearchReleases", provider))
        {
            try
            {
                rows = await ReadHitsAsync(search, cancellationToken);
            }
            catch (Exception e) when (activity is not null)
            {
                StorageActivities.Failed(activity, e);
                throw;
            }
        }
        foreach (var row in rows)
        {
            var title = Snippet.Of(row.Title, search.Query, row.Language, maxLength: int.MaxValue);
            var body = Snippet.Of(row.Body, search.Query, row.Language);
            yield return new SearchHit(row.ReleaseId, row.Language, row.ReleaseDate, title, body, row.Score);
        }
    }

    private async Task<List<SearchRow>> ReadHitsAsync(ReleaseSearch search, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (sql, parameters) = provider.SearchSql(new ModelSql(db), search);
        var matches = db.Set<SearchMatch>().FromSqlRaw(sql, parameters);
        var releases = ReleaseQueries.Filter(db.Releases.AsNoTracking(), search.Filter, search.View);
        var hits = from m in matches
                   join r in releases on m.ReleaseId equals r.Id
                   select new { ReleaseId = r.Id, m.Language, r.ReleaseDate, m.Title, m.Body, m.Score };
        if (search.After is { } after)
        {
            var (score, date, id) = (after.Score, after.ReleaseDate, after.ReleaseId);
            hits = hits.Where(h => h.Score < score
                || (h.Score == score && (h.ReleaseDate < date || (h.ReleaseDate == date && string.Compare(h.ReleaseId, id) < 0))));
        }
        return await hits
            .OrderByDescending(h => h.Score).ThenByDescending(h => h.ReleaseDate).ThenByDescending(h => h.ReleaseId)
            .Take(search.Limit)
            .Select(h => new SearchRow(h.ReleaseId, h.Language, h.ReleaseDate, h.Title, h.Body, h.Score))
            .ToListAsync(cancellationToken);
    }

    private sealed record SearchRow(string ReleaseId, string Language, DateOnly ReleaseDate, string Title, string Body, double Score);
}
