using Translations.Releases;

namespace Translations.Storage;

/// <summary>The filter, order and keyset seek of QueryReleases, as LINQ that SQLite and PostgreSQL both translate.</summary>
internal static class ReleaseQueries
{
    /// <summary>In the published view, language filters look at published variants, and a release without any is not there.</summary>
    public static IQueryable<ReleaseRecord> Filter(IQueryable<ReleaseRecord> releases, ReleaseFilter filter, ReleaseView view)
    {
        var published = view == ReleaseView.Published;
        if (published)
        {
            releases = releases.Where(r => r.PublishedVariants.Any());
        }
        if (filter.ReleaseDateFrom is { } from)
        {
            releases = releases.Where(r => r.ReleaseDate >= from);
        }
        if (filter.ReleaseDateTo is { } to)
        {
            releases = releases.Where(r => r.ReleaseDate <= to);
        }
        if (filter.Categories is { Count: > 0 } categories)
        {
            releases = releases.Where(r => categories.Contains(r.Category));
        }
        if (filter.Tags is { Count: > 0 } tags)
        {
            releases = releases.Where(r => r.Tags.Any(t => tags.Contains(t.Tag)));
        }
        if (!string.IsNullOrEmpty(filter.HasLanguage))
        {
            var language = filter.HasLanguage;
            releases = published
                ? releases.Where(r => r.PublishedVariants.Any(v => v.Language == language))
                : releases.Where(r => r.Variants.Any(v => v.Language == language));
        }
        if (!string.IsNullOrEmpty(filter.MissingLanguage))
        {
            var language = filter.MissingLanguage;
            releases = published
                ? releases.Where(r => !r.PublishedVariants.Any(v => v.Language == language))
                : releases.Where(r => !r.Variants.Any(v => v.Language == language));
        }
        return releases;
    }

    /// <summary>
    /// Only the releases strictly after the cursor in the given order. The date bound comes first, on
    /// its own: PostgreSQL starts the index walk at the cursor only for a plain range on the index's
    /// first column; with the disjunction alone it walks from the first release and filters, so every
    /// page cost as much as all the pages before it.
    /// </summary>
    public static IQueryable<ReleaseRecord> Seek(IQueryable<ReleaseRecord> releases, ReleaseOrder order, ReleaseCursor? after)
    {
        if (after is null)
        {
            return releases;
        }
        var (date, id) = (after.ReleaseDate, after.ReleaseId);
        return order == ReleaseOrder.ReleaseDateAscending
            ? releases.Where(r => r.ReleaseDate >= date && (r.ReleaseDate > date || string.Compare(r.Id, id) > 0))
            : releases.Where(r => r.ReleaseDate <= date && (r.ReleaseDate < date || string.Compare(r.Id, id) < 0));
    }

    /// <summary>Release date, ties broken by id, both in the same direction so one index serves the walk.</summary>
    public static IQueryable<ReleaseRecord> Order(IQueryable<ReleaseRecord> releases, ReleaseOrder order) =>
        order == ReleaseOrder.ReleaseDateAscending
            ? releases.OrderBy(r => r.ReleaseDate).ThenBy(r => r.Id)
            : releases.OrderByDescending(r => r.ReleaseDate).ThenByDescending(r => r.Id);
}
