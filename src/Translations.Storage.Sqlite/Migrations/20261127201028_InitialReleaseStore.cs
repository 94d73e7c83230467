using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Translations.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InitialReleaseStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "change_events",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    ReleaseId = table.Column<string>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false),
                    Time = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_change_events", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "releases",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    ReleaseDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SourceLanguage = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false),
                    CreateTime = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdateTime = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_releases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "requests",
                columns: table => new
                {
                    Operation = table.Column<string>(type: "TEXT", nullable: false),
                    RequestId = table.Column<string>(type: "TEXT", nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", nullable: false),
                    Result = table.Column<string>(type: "TEXT", nullable: false),
                    CreateTime = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_requests", x => new { x.Operation, x.RequestId });
                });

            migrationBuilder.CreateTable(
                name: "release_tags",
                columns: table => new
                {
                    ReleaseId = table.Column<string>(type: "TEXT", nullable: false),
                    Tag = table.Column<string>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_release_tags", x => new { x.ReleaseId, x.Tag });
                    table.ForeignKey(
                        name: "FK_release_tags_releases_ReleaseId",
                        column: x => x.ReleaseId,
                        principalTable: "releases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "variant_revisions",
                columns: table => new
                {
                    ReleaseId = table.Column<string>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", nullable: false),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    Lead = table.Column<string>(type: "TEXT", nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    SourceRevision = table.Column<long>(type: "INTEGER", nullable: false),
                    Author = table.Column<string>(type: "TEXT", nullable: false),
                    UpdateTime = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_variant_revisions", x => new { x.ReleaseId, x.Language, x.Revision });
                    table.ForeignKey(
                        name: "FK_variant_revisions_releases_ReleaseId",
                        column: x => x.ReleaseId,
                        principalTable: "releases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "variants",
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
                    UpdateTime = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_variants", x => new { x.ReleaseId, x.Language });
                    table.ForeignKey(
                        name: "FK_variants_releases_ReleaseId",
                        column: x => x.ReleaseId,
                        principalTable: "releases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_change_events_ReleaseId",
                table: "change_events",
                column: "ReleaseId");

            migrationBuilder.CreateIndex(
                name: "IX_release_tags_Tag",
                table: "release_tags",
                column: "Tag");

            migrationBuilder.CreateIndex(
                name: "IX_releases_Category",
                table: "releases",
                column: "Category");

            migrationBuilder.CreateIndex(
                name: "IX_releases_ReleaseDate_Id",
                table: "releases",
                columns: new[] { "ReleaseDate", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_releases_Slug",
                table: "releases",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_variants_Language",
                table: "variants",
                column: "Language");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "change_events");

            migrationBuilder.DropTable(
                name: "release_tags");

            migrationBuilder.DropTable(
                name: "requests");

            migrationBuilder.DropTable(
                name: "variant_revisions");

            migrationBuilder.DropTable(
                name: "variants");

            migrationBuilder.DropTable(
                name: "releases");
        }
    }
}
