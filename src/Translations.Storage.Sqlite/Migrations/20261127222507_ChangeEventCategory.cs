using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Translations.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ChangeEventCategory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "change_events",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            // Events written before this migration take their release's current category (none once deleted).
            migrationBuilder.Sql(
                "UPDATE change_events SET Category = COALESCE((SELECT r.Category FROM releases r WHERE r.Id = change_events.ReleaseId), '');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Category",
                table: "change_events");
        }
    }
}
