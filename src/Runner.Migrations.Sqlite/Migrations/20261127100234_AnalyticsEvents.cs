using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AnalyticsEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "analytics_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    occurred_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    received_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    channel_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    visitor_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    session_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    referrer = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    utm_source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    utm_medium = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    utm_campaign = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    device = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    variant_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    collection_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    cart_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    query = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    step = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    quantity = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_analytics_events_occurred_at",
                table: "analytics_events",
                column: "occurred_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "analytics_events");
        }
    }
}
