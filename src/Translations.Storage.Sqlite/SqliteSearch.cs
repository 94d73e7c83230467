using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Translations.Releases;
using Translations.Search;

namespace Translations.Storage.Sqlite;

/// <summary>
/// Full-text search on SQLite: an FTS5 table per view (<c>variant_search</c> for the current variants,
/// <c>published_variant_search</c> for the published ones) with a column each for the title, the lead and
/// the body, holding the terms .NET makes of them (<see cref="Fts5.IndexText"/>: the Snowball stems and
/// ё→е folding PostgreSQL's configurations apply), so that a query finds the same releases as on
/// PostgreSQL. Triggers on the variant tables keep it in step, in the transaction of the write, through
/// the SQL function <c>search_text(language, text)</c> that every EF Core connection gets when it opens.
/// A key table (<c>…_keys</c>, an INTEGER PRIMARY KEY that VACUUM keeps) ties an FTS row to its variant.
/// A later migration that makes EF Core rebuild a variant table (copy, drop, rename) drops its triggers
/// with it, and must create them again as migration ReleaseSearch does (the tests would find no hits).
/// </summary>
internal static class SqliteSearch
{
    public const string IndexFunction = "search_text";

    /// <summary>Weights of the title, lead and body columns in bm25: a word in the title counts most.</summary>
    private const string Weights = "10.0, 4.0, 1.0";

    public static (string Sql, object[] Parameters) Sql(ModelSql names, ReleaseSearch search)
    {
        var draft = search.View == ReleaseView.Draft;
        var variants = draft ? names.Table<VariantRecord>() : names.Table<PublishedVariantRecord>();
        var (index, keys) = draft ? ("variant_search", "variant_search_keys") : ("published_variant_search", "published_variant_search_keys");
        string Column(string property) => $"v.{names.Column<VariantRecord>(property)}";
        var releaseId = Column(nameof(VariantRecord.ReleaseId));
        var language = Column(nameof(VariantRecord.Language));
        var select = SearchMatch.Select(names, releaseId, language, Column(nameof(VariantRecord.Title)), Column(nameof(VariantRecord.Body)),
            $"-bm25({index}, {Weights})");
        var sql =
            $"SELECT {select} FROM {index} JOIN {keys} k ON k.\"Id\" = {index}.rowid " +
            $"JOIN {variants} v ON {releaseId} = k.\"ReleaseId\" AND {language} = k.\"Language\" " +
            $"WHERE {index} MATCH {{0}} AND k.\"Language\" = {{1}}";
        return (sql, [Fts5.Match(search.Query), search.Language]);
    }

    /// <summary>Gives every connection EF Core opens the function the index's triggers call.</summary>
    public sealed class Functions : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Register(connection);
            return Task.CompletedTask;
        }

        private static void Register(DbConnection connection) =>
            ((SqliteConnection)connection).CreateFunction<string, string?, string>(
                IndexFunction, (language, text) => Fts5.IndexText(text ?? "", language), isDeterministic: true);
    }
}
