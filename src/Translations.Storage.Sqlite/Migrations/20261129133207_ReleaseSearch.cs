using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Translations.Storage.Sqlite.Migrations
{
    /// <summary>
    /// The full-text index of SearchReleases (SqliteSearch): per view an FTS5 table of the terms of each
    /// variant's title, lead and body, a key table tying its rows to the variants, and triggers keeping both
    /// in step with every write. Existing variants are indexed here, through search_text, the .NET function
    /// every EF Core connection of the service registers.
    /// </summary>
    public partial class ReleaseSearch : Migration
    {
        private static readonly (string Variants, string Index)[] Views =
            [("variants", "variant_search"), ("published_variants", "published_variant_search")];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (variants, index) in Views)
            {
                var keys = $"{index}_keys";
                string Terms(string row) =>
                    $"search_text({row}.\"Language\", {row}.\"Title\"), search_text({row}.\"Language\", {row}.\"Lead\"), search_text({row}.\"Language\", {row}.\"Body\")";
                string KeyOf(string row) =>
                    $"(SELECT \"Id\" FROM \"{keys}\" WHERE \"ReleaseId\" = {row}.\"ReleaseId\" AND \"Language\" = {row}.\"Language\")";
                migrationBuilder.Sql($"""
                    CREATE TABLE "{keys}" (
                        "Id" INTEGER PRIMARY KEY,
                        "ReleaseId" TEXT NOT NULL,
                        "Language" TEXT NOT NULL,
                        UNIQUE ("ReleaseId", "Language"));
                    CREATE VIRTUAL TABLE "{index}" USING fts5(
                        title, lead, body, content='', contentless_delete=1,
                        tokenize="unicode61 remove_diacritics 0 tokenchars '_'");
                    INSERT INTO "{keys}" ("ReleaseId", "Language") SELECT "ReleaseId", "Language" FROM "{variants}";
                    INSERT INTO "{index}" (rowid, title, lead, body) SELECT {KeyOf("v")}, {Terms("v")} FROM "{variants}" v;
                    CREATE TRIGGER "{index}_insert" AFTER INSERT ON "{variants}" BEGIN
                        INSERT INTO "{keys}" ("ReleaseId", "Language") VALUES (new."ReleaseId", new."Language");
                        INSERT INTO "{index}" (rowid, title, lead, body) VALUES ({KeyOf("new")}, {Terms("new")});
                    END;
                    CREATE TRIGGER "{index}_update" AFTER UPDATE OF "Title", "Lead", "Body" ON "{variants}" BEGIN
                        DELETE FROM "{index}" WHERE rowid = {KeyOf("old")};
                        INSERT INTO "{index}" (rowid, title, lead, body) VALUES ({KeyOf("new")}, {Terms("new")});
                    END;
                    CREATE TRIGGER "{index}_delete" AFTER DELETE ON "{variants}" BEGIN
                        DELETE FROM "{index}" WHERE rowid = {KeyOf("old")};
                        DELETE FROM "{keys}" WHERE "ReleaseId" = old."ReleaseId" AND "Language" = old."Language";
                    END;
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (_, index) in Views)
            {
                migrationBuilder.Sql($"""
                    DROP TRIGGER "{index}_insert";
                    DROP TRIGGER "{index}_update";
                    DROP TRIGGER "{index}_delete";
                    DROP TABLE "{index}";
                    DROP TABLE "{index}_keys";
                    """);
            }
        }
    }
}
