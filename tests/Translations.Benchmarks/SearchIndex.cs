using System.Data.Common;
using System.Globalization;
using Translations.Search;

namespace Translations.Benchmarks;

/// <summary>One table, index or column of the full-text index, and the bytes it takes.</summary>
internal sealed record IndexPart(string Name, long Bytes);

/// <summary>The full-text index's parts, the whole database's size for scale, and how both were measured.</summary>
internal sealed record IndexSize(IReadOnlyList<IndexPart> Parts, long DatabaseBytes, string Method)
{
    public long Bytes => Parts.Sum(p => p.Bytes);
}

/// <summary>
/// What the benchmark knows of each database's full-text index (SqliteSearch and PostgreSqlSearch, built by
/// the migrations ReleaseSearch): its size, how to remove it from a copy, and whether it followed the writes.
/// </summary>
internal static class SearchIndex
{
    private static readonly string[] SqliteIndexes = ["variant_search", "published_variant_search"];
    private static readonly string[] PostgreSqlTables = ["variants", "published_variants"];

    /// <summary>The word the write load's SubmitVariant puts in every English text it writes, and no seeded text holds.</summary>
    private const string SubmittedWord = "revised";

    /// <summary>
    /// Measures the index on a fresh copy of the database, then removes it from that copy, so that writes to it
    /// maintain nothing; says how it was removed. The bundled SQLite has no dbstat table, so on SQLite each part's
    /// size is the pages its DROP freed (the copy, made by VACUUM INTO, starts with no free page).
    /// </summary>
    public static async Task<(IndexSize Size, string RemovedBy)> MeasureAndRemoveAsync(BenchmarkDatabase database, DbConnection connection)
    {
        if (database is SqliteDatabase)
        {
            var pageSize = await ScalarAsync(connection, "PRAGMA page_size");
            var total = await ScalarAsync(connection, "PRAGMA page_count") * pageSize;
            // Pages in use: a freed page goes to the free list, or off the end of the file with auto_vacuum.
            async Task<long> UsedAsync() => await ScalarAsync(connection, "PRAGMA page_count") - await ScalarAsync(connection, "PRAGMA freelist_count");
            var parts = new List<IndexPart>();
            foreach (var index in SqliteIndexes)
            {
                await ExecuteAsync(connection, $"DROP TRIGGER \"{index}_insert\"; DROP TRIGGER \"{index}_update\"; DROP TRIGGER \"{index}_delete\";");
                foreach (var (table, name) in new[] { (index, $"{index} (FTS5 shadow tables)"), ($"{index}_keys", $"{index}_keys (with its UNIQUE index)") })
                {
                    var used = await UsedAsync();
                    await ExecuteAsync(connection, $"DROP TABLE \"{table}\"");
                    parts.Add(new IndexPart(name, (used - await UsedAsync()) * pageSize));
                }
            }
            return (new IndexSize(parts, total,
                    "the pages each DROP TABLE freed on a fresh copy of the database (VACUUM INTO, so no free page before), the bundled SQLite having no dbstat table; the database is page_count x page_size of that copy"),
                "the three triggers of each view (insert, update, delete), its FTS5 table and its key table dropped");
        }
        var postgres = new List<IndexPart>();
        foreach (var table in PostgreSqlTables)
        {
            postgres.Add(new IndexPart($"ix_{table}_search_vector (GIN)", await ScalarAsync(connection, $"SELECT pg_relation_size('ix_{table}_search_vector')")));
            postgres.Add(new IndexPart($"{table}.search_vector (stored column)", await ScalarAsync(connection, $"SELECT COALESCE(SUM(pg_column_size(search_vector)), 0) FROM {table}")));
        }
        var size = new IndexSize(postgres, await ScalarAsync(connection, "SELECT pg_database_size(current_database())"),
            "pg_relation_size of the GIN indexes, and the sum of pg_column_size(search_vector) over the rows of each table (the stored tsvectors), on a copy of the database (CREATE DATABASE ... TEMPLATE); the database is pg_database_size");
        foreach (var table in PostgreSqlTables)
        {
            await ExecuteAsync(connection, $"ALTER TABLE {table} DROP COLUMN search_vector");
        }
        return (size, "`ALTER TABLE ... DROP COLUMN search_vector` on variants and published_variants, which drops their GIN indexes with them (PostgreSQL only marks a dropped column: the copied rows keep their bytes, new rows store none)");
    }

    /// <summary>
    /// Whether the index followed every write: the English current variants the index finds by the word the
    /// load's SubmitVariant writes must be as many as the SubmitVariant calls that succeeded (each on a release of its own).
    /// </summary>
    public static async Task<(bool InStep, string Check)> FollowedAsync(BenchmarkDatabase database, DbConnection connection, long submitted)
    {
        long found;
        if (database is SqliteDatabase)
        {
            var match = Fts5.Match(SearchQuery.Parse(SubmittedWord, "en", out _)!).Replace("'", "''", StringComparison.Ordinal);
            found = await ScalarAsync(connection,
                $"SELECT COUNT(*) FROM variant_search JOIN variant_search_keys k ON k.\"Id\" = variant_search.rowid WHERE variant_search MATCH '{match}' AND k.\"Language\" = 'en'");
        }
        else
        {
            found = await ScalarAsync(connection, $"SELECT COUNT(*) FROM variants WHERE language = 'en' AND search_vector @@ websearch_to_tsquery('english', '{SubmittedWord}')");
        }
        return (found == submitted, $"the index on finds \"{SubmittedWord}\" in {found:N0} English variants for {submitted:N0} acknowledged SubmitVariant calls");
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
