using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Translations.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ScheduledPublications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "scheduled_publications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReleaseId = table.Column<string>(type: "TEXT", nullable: false),
                    Languages = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    PublishTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", nullable: false),
                    CreateTime = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scheduled_publications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_scheduled_publications_releases_ReleaseId",
                        column: x => x.ReleaseId,
                        principalTable: "releases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_scheduled_publications_PublishTime",
                table: "scheduled_publications",
                column: "PublishTime");

            migrationBuilder.CreateIndex(
                name: "IX_scheduled_publications_ReleaseId",
                table: "scheduled_publications",
                column: "ReleaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scheduled_publications");
        }
    }
}
