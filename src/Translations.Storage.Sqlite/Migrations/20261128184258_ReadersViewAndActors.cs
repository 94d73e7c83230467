using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Translations.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReadersViewAndActors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Published translations are now measured against the published source when read. SQLite
            // drops the column in place (3.35 and later); EF Core's DropColumn would rebuild the table.
            migrationBuilder.Sql("""ALTER TABLE "published_variants" DROP COLUMN "Outdated";""");

            migrationBuilder.AddColumn<long>(
                name: "ContentRevision",
                table: "published_variants",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Actor",
                table: "variants",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Actor",
                table: "variant_revisions",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Actor",
                table: "published_variants",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "InPublishedView",
                table: "change_events",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Until now "Author" named whoever made a revision. That is its actor; the text's author is
            // whoever made the variant's latest submission (a DRAFT or IN_REVIEW revision) up to it.
            migrationBuilder.Sql("""UPDATE "variant_revisions" SET "Actor" = "Author";""");
            migrationBuilder.Sql("""
                UPDATE "variant_revisions" SET "Author" = COALESCE(
                    (SELECT s."Author" FROM "variant_revisions" s
                     WHERE s."ReleaseId" = "variant_revisions"."ReleaseId" AND s."Language" = "variant_revisions"."Language"
                       AND s."Revision" <= "variant_revisions"."Revision" AND s."State" IN ('Draft', 'InReview')
                     ORDER BY s."Revision" DESC LIMIT 1),
                    "Author")
                WHERE "State" NOT IN ('Draft', 'InReview');
                """);
            foreach (var table in new[] { "variants", "published_variants" })
            {
                migrationBuilder.Sql($"""UPDATE "{table}" SET "Actor" = "Author";""");
                migrationBuilder.Sql($"""
                    UPDATE "{table}" SET "Author" = COALESCE(
                        (SELECT r."Author" FROM "variant_revisions" r
                         WHERE r."ReleaseId" = "{table}"."ReleaseId" AND r."Language" = "{table}"."Language" AND r."Revision" = "{table}"."Revision"),
                        "Author");
                    """);
            }
            // The text a published revision carries appeared first at its content revision: the current
            // variant's when it is the published one, else the first revision in the history with that text.
            migrationBuilder.Sql("""
                UPDATE "published_variants" SET "ContentRevision" = COALESCE(
                    (SELECT v."ContentRevision" FROM "variants" v
                     WHERE v."ReleaseId" = "published_variants"."ReleaseId" AND v."Language" = "published_variants"."Language"
                       AND v."Revision" = "published_variants"."Revision"),
                    (SELECT MIN(r."Revision") FROM "variant_revisions" r
                     WHERE r."ReleaseId" = "published_variants"."ReleaseId" AND r."Language" = "published_variants"."Language"
                       AND r."Title" = "published_variants"."Title" AND r."Lead" = "published_variants"."Lead"
                       AND r."Body" = "published_variants"."Body" AND r."Revision" <= "published_variants"."Revision"),
                    "published_variants"."Revision");
                """);
            // Readers may see the kept events of publications, and the metadata changes and deletions of
            // releases that were published (as far as the kept events and the current state tell).
            migrationBuilder.Sql("""
                UPDATE "change_events" SET "InPublishedView" = 1
                WHERE "Type" IN ('VariantPublished', 'VariantUnpublished')
                   OR ("Type" = 'MetadataUpdated' AND EXISTS (SELECT 1 FROM "published_variants" p WHERE p."ReleaseId" = "change_events"."ReleaseId"))
                   OR ("Type" = 'Deleted' AND EXISTS (SELECT 1 FROM "change_events" e
                        WHERE e."ReleaseId" = "change_events"."ReleaseId" AND e."Type" = 'VariantPublished'));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Actor",
                table: "variants");

            migrationBuilder.DropColumn(
                name: "Actor",
                table: "variant_revisions");

            migrationBuilder.DropColumn(
                name: "Actor",
                table: "published_variants");

            migrationBuilder.DropColumn(
                name: "InPublishedView",
                table: "change_events");

            migrationBuilder.DropColumn(
                name: "ContentRevision",
                table: "published_variants");

            migrationBuilder.AddColumn<bool>(
                name: "Outdated",
                table: "published_variants",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }
    }
}
