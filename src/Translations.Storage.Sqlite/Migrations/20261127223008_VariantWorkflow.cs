using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Translations.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class VariantWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Comment",
                table: "variants",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "ContentRevision",
                table: "variants",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "Outdated",
                table: "variants",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "variants",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Draft");

            migrationBuilder.AddColumn<string>(
                name: "Comment",
                table: "variant_revisions",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "variant_revisions",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Draft");

            migrationBuilder.CreateTable(
                name: "published_variants",
                columns: table => new
                {
                    ReleaseId = table.Column<string>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    Lead = table.Column<string>(type: "TEXT", nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceRevision = table.Column<long>(type: "INTEGER", nullable: false),
                    Author = table.Column<string>(type: "TEXT", nullable: false),
                    UpdateTime = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Outdated = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_published_variants", x => new { x.ReleaseId, x.Language });
                    table.ForeignKey(
                        name: "FK_published_variants_releases_ReleaseId",
                        column: x => x.ReleaseId,
                        principalTable: "releases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_published_variants_Language",
                table: "published_variants",
                column: "Language");

            // Before the workflow every variant was served to every reader: the current revision of each
            // stays published, so that no reader loses a release by the upgrade.
            migrationBuilder.Sql("UPDATE variants SET State = 'Published';");
            migrationBuilder.Sql("UPDATE variant_revisions SET State = 'Published' WHERE EXISTS (SELECT 1 FROM variants v WHERE v.ReleaseId = variant_revisions.ReleaseId AND v.Language = variant_revisions.Language AND v.Revision = variant_revisions.Revision);");
            migrationBuilder.Sql("INSERT INTO published_variants (ReleaseId, Language, Title, Lead, Body, Revision, SourceRevision, Author, UpdateTime, Outdated) SELECT ReleaseId, Language, Title, Lead, Body, Revision, SourceRevision, Author, UpdateTime, Outdated FROM variants;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "published_variants");

            migrationBuilder.DropColumn(
                name: "Comment",
                table: "variants");

            migrationBuilder.DropColumn(
                name: "ContentRevision",
                table: "variants");

            migrationBuilder.DropColumn(
                name: "Outdated",
                table: "variants");

            migrationBuilder.DropColumn(
                name: "State",
                table: "variants");

            migrationBuilder.DropColumn(
                name: "Comment",
                table: "variant_revisions");

            migrationBuilder.DropColumn(
                name: "State",
                table: "variant_revisions");
        }
    }
}
