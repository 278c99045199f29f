using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AnalyticsFunnels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "dim_key",
                table: "analytics_profit_quarters",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100);

            migrationBuilder.AlterColumn<string>(
                name: "dim_key",
                table: "analytics_profit_months",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100);

            migrationBuilder.AlterColumn<string>(
                name: "dim_key",
                table: "analytics_profit_days",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100);

            migrationBuilder.AlterColumn<string>(
                name: "channel",
                table: "analytics_ledger_orders",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100);

            migrationBuilder.CreateTable(
                name: "analytics_funnel_buckets",
                columns: table => new
                {
                    dimension = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    dimension_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    grain = table.Column<int>(type: "integer", nullable: false),
                    quarter = table.Column<long>(type: "bigint", nullable: false),
                    sessions = table.Column<long>(type: "bigint", nullable: false),
                    product_views = table.Column<long>(type: "bigint", nullable: false),
                    adds_to_cart = table.Column<long>(type: "bigint", nullable: false),
                    checkouts_started = table.Column<long>(type: "bigint", nullable: false),
                    purchases = table.Column<long>(type: "bigint", nullable: false),
                    checkout_purchases = table.Column<long>(type: "bigint", nullable: false),
                    views = table.Column<long>(type: "bigint", nullable: false),
                    adds = table.Column<long>(type: "bigint", nullable: false),
                    purchased_units = table.Column<long>(type: "bigint", nullable: false),
                    collection_views = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_funnel_buckets", x => new { x.dimension, x.dimension_key, x.grain, x.quarter });
                });

            migrationBuilder.CreateTable(
                name: "analytics_funnel_sessions",
                columns: table => new
                {
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    first_quarter = table.Column<long>(type: "bigint", nullable: false),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    device = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    steps = table.Column<int>(type: "integer", nullable: false)
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

            migrationBuilder.AlterColumn<string>(
                name: "dim_key",
                table: "analytics_profit_quarters",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "dim_key",
                table: "analytics_profit_months",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "dim_key",
                table: "analytics_profit_days",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "channel",
                table: "analytics_ledger_orders",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);
        }
    }
}
