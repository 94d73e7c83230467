using Translations.Changes;
using Translations.Languages;
using Translations.Search;
using Translations.V1;
using Translations.Validation;

namespace Translations.Releases;

/// <summary>Reads the requests of ReleaseService into domain terms, naming every bad field.</summary>
public sealed class ReleaseRequests(LanguageSettings languages)
{
    public const int MaxBatchSize = 100;

    public (string? Id, string? Slug, string? Language, ReleaseView View) ReadGet(GetReleaseRequest request)
    {
        var violations = new Violations();
        string? id = null, slug = null;
        switch (request.KeyCase)
        {
            case GetReleaseRequest.KeyOneofCase.Id:
                id = ReleaseMessages.ReadId(request.Id, "id", violations);
                break;
            case GetReleaseRequest.KeyOneofCase.Slug:
                slug = ContentRules.Slug(request.Slug, "slug", violations);
                if (slug is null)
                {
                    violations.Add("slug", "is required when reading by slug");
                }
                break;
            default:
                violations.Add("id", "give the release's id or its slug");
                break;
        }
        var language = ReadLanguage(request.Language, "language", violations);
        var view = ReadView(request.View, violations);
        violations.ThrowIfAny();
        return (id, slug, language, view);
    }

    public (IReadOnlyList<string> Ids, string? Language, ReleaseView View) ReadBatchGet(BatchGetReleasesRequest request)
    {
        var violations = new Violations();
        if (request.Ids.Count > MaxBatchSize)
        {
            violations.Add("ids", $"at most {MaxBatchSize} ids per call, got {request.Ids.Count}");
        }
        else
        {
            for (var i = 0; i < request.Ids.Count; i++)
            {
                ReleaseMessages.ReadId(request.Ids[i], $"ids[{i}]", violations);
            }
        }
        var language = ReadLanguage(request.Language, "language", violations);
        var view = ReadView(request.View, violations);
        violations.ThrowIfAny();
        return (request.Ids.Distinct().ToArray(), language, view);
    }

    public (ReleaseQuery Query, string? Language) ReadQuery(QueryReleasesRequest request)
    {
        var violations = new Violations();
        var filter = ReadFilter(request.Filter ?? new V1.ReleaseFilter(), "filter", violations);
        var order = request.Order switch
        {
            V1.ReleaseOrder.Unspecified or V1.ReleaseOrder.ReleaseDateDescending => ReleaseOrder.ReleaseDateDescending,
            V1.ReleaseOrder.ReleaseDateAscending => ReleaseOrder.ReleaseDateAscending,
            _ => Invalid(violations, "order", $"{(int)request.Order} is not a ReleaseOrder value"),
        };
        if (request.Limit < 0)
        {
            violations.Add("limit", "must be 0 (no limit) or positive");
        }
        ReleaseCursor? after = null;
        if (request.After.Length > 0)
        {
            if (!ReleaseCursor.TryDecode(request.After, out after))
            {
                violations.Add("after", "is not a cursor returned by QueryReleases");
            }
            else if (after!.Order != order)
            {
                violations.Add("after", "was returned for the other order; use it with the order it came from");
            }
        }
        var language = ReadLanguage(request.Language, "language", violations);
        var view = ReadView(request.View, violations);
        violations.ThrowIfAny();
        return (new ReleaseQuery(filter, order, request.Limit, after, view), language);
    }

    /// <summary>The longest query read: far more than 64 words take.</summary>
    public const int MaxQueryLength = 2000;

    /// <summary>The longest mark tag a caller may ask for.</summary>
    public const int MaxMarkTagLength = 64;

    public (ReleaseSearch Search, MarkTags? Tags) ReadSearch(SearchReleasesRequest request)
    {
        var violations = new Violations();
        var language = languages.Check(request.Language, "language", violations);
        SearchQuery? query = null;
        // Stored texts are NFC (ContentRules): a query typed with combining marks (и + ◌̆) must find them on PostgreSQL too.
        var text = ContentRules.Normalize(request.Query);
        if (request.Query.Length > MaxQueryLength)
        {
            violations.Add("query", $"is {request.Query.Length} characters long; at most {MaxQueryLength}: shorten it");
        }
        else if (request.Query.Any(c => char.IsControl(c) && c is not '\t' and not '\n'))
        {
            violations.Add("query", "contains control characters; send words, \"phrases\", -words and OR only");
        }
        else if (language.Length > 0)
        {
            query = SearchQuery.Parse(text, language, out var problem);
            if (problem is not null)
            {
                violations.Add("query", problem);
            }
        }
        var filter = ReadFilter(request.Filter ?? new V1.ReleaseFilter(), "filter", violations);
        var view = ReadView(request.View, violations);
        if (request.Limit is < 0 or > ReleaseSearch.MaxLimit)
        {
            violations.Add("limit", $"must be between 1 and {ReleaseSearch.MaxLimit}, or 0 for {ReleaseSearch.DefaultLimit}");
        }
        SearchCursor? after = null;
        if (request.After.Length > 0)
        {
            if (!SearchCursor.TryDecode(request.After, out after))
            {
                violations.Add("after", "is not a cursor returned by SearchReleases");
            }
            else if (after!.SearchKey != SearchCursor.KeyOf(text, language, view))
            {
                violations.Add("after", "was returned for another search; use it with the same query, language and view");
            }
        }
        if (request.MarkTags is { } tags)
        {
            if (tags.Open.Length > MaxMarkTagLength)
            {
                violations.Add("mark_tags.open", $"is longer than {MaxMarkTagLength} characters");
            }
            if (tags.Close.Length > MaxMarkTagLength)
            {
                violations.Add("mark_tags.close", $"is longer than {MaxMarkTagLength} characters");
            }
        }
        violations.ThrowIfAny();
        var limit = request.Limit == 0 ? ReleaseSearch.DefaultLimit : request.Limit;
        return (new ReleaseSearch(text, query!, language, filter, view, limit, after), request.MarkTags);
    }

    public ReleaseFilter ReadFilter(V1.ReleaseFilter filter, string field, Violations violations)
    {
        var from = ReleaseMessages.ReadDate(filter.ReleaseDateFrom, $"{field}.release_date_from", violations);
        var to = ReleaseMessages.ReadDate(filter.ReleaseDateTo, $"{field}.release_date_to", violations);
        if (from > to)
        {
            violations.Add($"{field}.release_date_to", "is before release_date_from");
        }
        for (var i = 0; i < filter.Categories.Count; i++)
        {
            ContentRules.Category(filter.Categories[i], $"{field}.categories[{i}]", violations);
        }
        return new ReleaseFilter(
            from, to,
            filter.Categories.Distinct().ToArray(),
            filter.Tags.Select(ContentRules.Normalize).Distinct().ToArray(),
            ReadLanguage(filter.HasLanguage, $"{field}.has_language", violations),
            ReadLanguage(filter.MissingLanguage, $"{field}.missing_language", violations));
    }

    public WatchQuery ReadWatch(WatchReleasesRequest request)
    {
        var violations = new Violations();
        if (request.HasAfterSequence && request.AfterSequence < 0)
        {
            violations.Add("after_sequence", "must be 0 or the sequence of an event; leave it unset to watch from now");
        }
        var watchedLanguages = new HashSet<string>();
        for (var i = 0; i < request.Languages.Count; i++)
        {
            watchedLanguages.Add(languages.Check(request.Languages[i], $"languages[{i}]", violations));
        }
        var categories = new HashSet<string>();
        for (var i = 0; i < request.Categories.Count; i++)
        {
            categories.Add(ContentRules.Category(request.Categories[i], $"categories[{i}]", violations));
        }
        var types = new HashSet<Changes.ChangeEventType>();
        for (var i = 0; i < request.EventTypes.Count; i++)
        {
            if (request.EventTypes[i].ToDomain() is { } type)
            {
                types.Add(type);
            }
            else
            {
                violations.Add($"event_types[{i}]", $"{(int)request.EventTypes[i]} is not a ReleaseEventType value other than UNSPECIFIED");
            }
        }
        var view = ReadView(request.View, violations);
        violations.ThrowIfAny();
        return new WatchQuery(request.HasAfterSequence ? request.AfterSequence : null, new WatchFilter(watchedLanguages, categories, types), request.IncludeRelease, view);
    }

    private string? ReadLanguage(string raw, string field, Violations violations)
    {
        var language = languages.Check(raw, field, violations, optional: true);
        return language.Length == 0 ? null : language;
    }

    private static ReleaseView ReadView(V1.ReleaseView view, Violations violations)
    {
        switch (view)
        {
            case V1.ReleaseView.Unspecified or V1.ReleaseView.Published:
                return ReleaseView.Published;
            case V1.ReleaseView.Draft:
                return ReleaseView.Draft;
            default:
                violations.Add("view", $"{(int)view} is not a ReleaseView value");
                return default;
        }
    }

    private static ReleaseOrder Invalid(Violations violations, string field, string description)
    {
        violations.Add(field, description);
        return default;
    }
}
