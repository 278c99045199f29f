using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AnalyticsFunnels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "analytics_funnel_buckets",
                columns: table => new
                {
                    dimension = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    dimension_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    grain = table.Column<int>(type: "INTEGER", nullable: false),
                    quarter = table.Column<long>(type: "INTEGER", nullable: false),
                    sessions = table.Column<long>(type: "INTEGER", nullable: false),
                    product_views = table.Column<long>(type: "INTEGER", nullable: false),
                    adds_to_cart = table.Column<long>(type: "INTEGER", nullable: false),
                    checkouts_started = table.Column<long>(type: "INTEGER", nullable: false),
                    purchases = table.Column<long>(type: "INTEGER", nullable: false),
                    checkout_purchases = table.Column<long>(type: "INTEGER", nullable: false),
                    views = table.Column<long>(type: "INTEGER", nullable: false),
                    adds = table.Column<long>(type: "INTEGER", nullable: false),
                    purchased_units = table.Column<long>(type: "INTEGER", nullable: false),
                    collection_views = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_funnel_buckets", x => new { x.dimension, x.dimension_key, x.grain, x.quarter });
                });

            migrationBuilder.CreateTable(
                name: "analytics_funnel_sessions",
                columns: table => new
                {
                    channel_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    session_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    first_quarter = table.Column<long>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    device = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    steps = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_funnel_sessions", x => new { x.channel_id, x.session_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_analytics_funnel_buckets_dimension_grain_quarter",
                table: "analytics_funnel_buckets",
                columns: new[] { "dimension", "grain", "quarter" });

            migrationBuilder.CreateIndex(
                name: "ix_analytics_funnel_sessions_first_quarter",
                table: "analytics_funnel_sessions",
                column: "first_quarter");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "analytics_funnel_buckets");

            migrationBuilder.DropTable(
                name: "analytics_funnel_sessions");
        }
    }
}
