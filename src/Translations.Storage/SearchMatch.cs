namespace Translations.Storage;

/// <summary>A row of <see cref="StorageProvider.SearchSql"/>: a variant that matched a search, with its score.</summary>
public sealed class SearchMatch
{
    public required string ReleaseId { get; init; }
    public required string Language { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    public double Score { get; init; }

    /// <summary>The SELECT list of a search query: these SQL expressions, named as EF Core reads them into a match.</summary>
    public static string Select(ModelSql names, string releaseId, string language, string title, string body, string score) =>
        $"{releaseId} AS {names.ResultColumn<SearchMatch>(nameof(ReleaseId))}, {language} AS {names.ResultColumn<SearchMatch>(nameof(Language))}, " +
        $"{title} AS {names.ResultColumn<SearchMatch>(nameof(Title))}, {body} AS {names.ResultColumn<SearchMatch>(nameof(Body))}, " +
        $"{score} AS {names.ResultColumn<SearchMatch>(nameof(Score))}";
}
