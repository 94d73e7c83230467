using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Translations.Storage.PostgreSql.Migrations
{
    /// <summary>
    /// The full-text index of SearchReleases (PostgreSqlSearch): a stored generated tsvector on the current
    /// and on the published variants, in the configuration of the variant's language, and a GIN index on
    /// each. Adding a stored generated column computes it for every existing row.
    /// </summary>
    public partial class ReleaseSearch : Migration
    {
        /// <summary>The same choice as PostgreSqlSearch.Configuration: by the language's primary subtag.</summary>
        private const string Configuration =
            "CASE split_part(language, '-', 1) WHEN 'ru' THEN 'russian'::regconfig WHEN 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END";

        private const string Vector =
            $"setweight(to_tsvector({Configuration}, title), 'A') || setweight(to_tsvector({Configuration}, lead), 'B') || " +
            $"setweight(to_tsvector({Configuration}, body), 'D')";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "variants", "published_variants" })
            {
                migrationBuilder.Sql($"""
                    ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS ({Vector}) STORED;
                    CREATE INDEX IF NOT EXISTS ix_{table}_search_vector ON {table} USING GIN (search_vector);
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "variants", "published_variants" })
            {
                migrationBuilder.Sql($"ALTER TABLE {table} DROP COLUMN search_vector;");
            }
        }
    }
}
