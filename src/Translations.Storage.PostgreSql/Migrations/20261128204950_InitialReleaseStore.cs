using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Translations.Storage.PostgreSql.Migrations
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
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    release_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    category = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    language = table.Column<string>(type: "text", nullable: true),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    revision = table.Column<long>(type: "bigint", nullable: false),
                    time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    in_published_view = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_change_events", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "releases",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    release_date = table.Column<DateOnly>(type: "date", nullable: false),
                    category = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    source_language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    revision = table.Column<long>(type: "bigint", nullable: false),
                    create_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    update_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_releases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "requests",
                columns: table => new
                {
                    operation = table.Column<string>(type: "text", nullable: false),
                    request_id = table.Column<string>(type: "text", nullable: false),
                    fingerprint = table.Column<string>(type: "text", nullable: false),
                    result = table.Column<string>(type: "text", nullable: false),
                    create_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_requests", x => new { x.operation, x.request_id });
                });

            migrationBuilder.CreateTable(
                name: "published_variants",
                columns: table => new
                {
                    release_id = table.Column<string>(type: "character varying(32)", nullable: false, collation: "C"),
                    language = table.Column<string>(type: "text", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    lead = table.Column<string>(type: "text", nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    revision = table.Column<long>(type: "bigint", nullable: false),
                    source_revision = table.Column<long>(type: "bigint", nullable: false),
                    author = table.Column<string>(type: "text", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    update_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    content_revision = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_published_variants", x => new { x.release_id, x.language });
                    table.ForeignKey(
                        name: "fk_published_variants_releases_release_id",
                        column: x => x.release_id,
                        principalTable: "releases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "release_tags",
                columns: table => new
                {
                    release_id = table.Column<string>(type: "character varying(32)", nullable: false, collation: "C"),
                    tag = table.Column<string>(type: "text", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_release_tags", x => new { x.release_id, x.tag });
                    table.ForeignKey(
                        name: "fk_release_tags_releases_release_id",
                        column: x => x.release_id,
                        principalTable: "releases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "scheduled_publications",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    release_id = table.Column<string>(type: "character varying(32)", nullable: false, collation: "C"),
                    languages = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    publish_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    create_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduled_publications", x => x.id);
                    table.ForeignKey(
                        name: "fk_scheduled_publications_releases_release_id",
                        column: x => x.release_id,
                        principalTable: "releases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "variant_revisions",
                columns: table => new
                {
                    release_id = table.Column<string>(type: "character varying(32)", nullable: false, collation: "C"),
                    language = table.Column<string>(type: "text", nullable: false),
                    revision = table.Column<long>(type: "bigint", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    lead = table.Column<string>(type: "text", nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    source_revision = table.Column<long>(type: "bigint", nullable: false),
                    author = table.Column<string>(type: "text", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    update_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_variant_revisions", x => new { x.release_id, x.language, x.revision });
                    table.ForeignKey(
                        name: "fk_variant_revisions_releases_release_id",
                        column: x => x.release_id,
                        principalTable: "releases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "variants",
                columns: table => new
                {
                    release_id = table.Column<string>(type: "character varying(32)", nullable: false, collation: "C"),
                    language = table.Column<string>(type: "text", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    lead = table.Column<string>(type: "text", nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    revision = table.Column<long>(type: "bigint", nullable: false),
                    source_revision = table.Column<long>(type: "bigint", nullable: false),
                    author = table.Column<string>(type: "text", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    update_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    outdated = table.Column<bool>(type: "boolean", nullable: false),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    content_revision = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_variants", x => new { x.release_id, x.language });
                    table.ForeignKey(
                        name: "fk_variants_releases_release_id",
                        column: x => x.release_id,
                        principalTable: "releases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_change_events_release_id",
                table: "change_events",
                column: "release_id");

            migrationBuilder.CreateIndex(
                name: "ix_published_variants_language",
                table: "published_variants",
                column: "language");

            migrationBuilder.CreateIndex(
                name: "ix_release_tags_tag",
                table: "release_tags",
                column: "tag");

            migrationBuilder.CreateIndex(
                name: "ix_releases_category",
                table: "releases",
                column: "category");

            migrationBuilder.CreateIndex(
                name: "ix_releases_release_date_id",
                table: "releases",
                columns: new[] { "release_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_releases_slug",
                table: "releases",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scheduled_publications_publish_time",
                table: "scheduled_publications",
                column: "publish_time");

            migrationBuilder.CreateIndex(
                name: "ix_scheduled_publications_release_id",
                table: "scheduled_publications",
                column: "release_id");

            migrationBuilder.CreateIndex(
                name: "ix_variants_language",
                table: "variants",
                column: "language");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "change_events");

            migrationBuilder.DropTable(
                name: "published_variants");

            migrationBuilder.DropTable(
                name: "release_tags");

            migrationBuilder.DropTable(
                name: "requests");

            migrationBuilder.DropTable(
                name: "scheduled_publications");

            migrationBuilder.DropTable(
                name: "variant_revisions");

            migrationBuilder.DropTable(
                name: "variants");

            migrationBuilder.DropTable(
                name: "releases");
        }
    }
}
