using Translations.Releases;

namespace Translations.Storage.PostgreSql;

/// <summary>
/// Full-text search on PostgreSQL: a stored generated <c>search_vector</c> (tsvector) on <c>variants</c> and
/// on <c>published_variants</c>, the title weighted A, the lead B and the body D, in the text search
/// configuration of the variant's language (see <see cref="Configuration"/>), with a GIN index; queries
/// through <c>websearch_to_tsquery</c> in the same configuration, ranked by <c>ts_rank</c>. Being generated,
/// the vector changes in the statement that changes the text. The columns are created by the migration
/// ReleaseSearch and are not in the EF model, so that no EF query reads or returns them.
/// </summary>
internal static class PostgreSqlSearch
{
    /// <summary>
    /// The configuration of a language, the one the .NET analyser reproduces for SQLite; the generated
    /// columns' expression (migration ReleaseSearch) makes the same choice, by the primary subtag.
    /// </summary>
    public static string Configuration(string language) => Search.SearchTerms.PostgreSqlConfiguration(language);

    public static (string Sql, object[] Parameters) Sql(ModelSql names, ReleaseSearch search)
    {
        var draft = search.View == ReleaseView.Draft;
        var variants = draft ? names.Table<VariantRecord>() : names.Table<PublishedVariantRecord>();
        string Column(string property) =>
            "v." + (draft ? names.Column<VariantRecord>(property) : names.Column<PublishedVariantRecord>(property));
        var language = Column(nameof(VariantRecord.Language));
        var select = SearchMatch.Select(names, Column(nameof(VariantRecord.ReleaseId)), language, Column(nameof(VariantRecord.Title)),
            Column(nameof(VariantRecord.Body)), "ts_rank(v.search_vector, q)::float8");
        var sql =
            $"SELECT {select} FROM {variants} v CROSS JOIN websearch_to_tsquery({{0}}::regconfig, {{1}}) q " +
            $"WHERE {language} = {{2}} AND v.search_vector @@ q";
        return (sql, [Configuration(search.Language), search.Text, search.Language]);
    }
}
