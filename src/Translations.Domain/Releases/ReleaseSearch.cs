using Translations.Search;

namespace Translations.Releases;

/// <summary>
/// A full-text search of the variants in one <see cref="Language"/>, best first, at most <see cref="Limit"/>
/// hits after <see cref="After"/>. <see cref="Text"/> is the query as typed (PostgreSQL reads it itself);
/// <see cref="Query"/> is the same read in .NET (SQLite's index, snippets).
/// </summary>
public sealed record ReleaseSearch(
    string Text,
    SearchQuery Query,
    string Language,
    ReleaseFilter Filter,
    ReleaseView View = ReleaseView.Published,
    int Limit = ReleaseSearch.DefaultLimit,
    SearchCursor? After = null)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 1000;

    /// <summary>What a cursor must have been returned for: the same words in the same language and view.</summary>
    public string Key => SearchCursor.KeyOf(Text, Language, View);
}

/// <summary>A release found: its variant in the language searched, the title whole and the body as an extract, both marked.</summary>
public sealed record SearchHit(string ReleaseId, string Language, DateOnly ReleaseDate, Snippet Title, Snippet Snippet, double Score)
{
    public SearchCursor Cursor(ReleaseSearch search) => new(search.Key, Score, ReleaseDate, ReleaseId);
}
