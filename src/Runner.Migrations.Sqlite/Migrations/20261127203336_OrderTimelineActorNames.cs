using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OrderTimelineActorNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "actor_name",
                table: "orders_timeline",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "actor_name",
                table: "orders_timeline");
        }
    }
}
