using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Runner.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Analytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "analytics_expenses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    category = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    store_amount = table.Column<long>(type: "bigint", nullable: false),
                    store_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    exchange_rate = table.Column<decimal>(type: "numeric", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    recurrence = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_expenses", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "analytics_ledger_customers",
                columns: table => new
                {
                    customer_key = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    first_order_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cohort = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_ledger_customers", x => x.customer_key);
                });

            migrationBuilder.CreateTable(
                name: "analytics_ledger_orders",
                columns: table => new
                {
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    placed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    store_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    exchange_rate = table.Column<decimal>(type: "numeric(28,12)", precision: 28, scale: 12, nullable: false),
                    prices_include_tax = table.Column<bool>(type: "boolean", nullable: false),
                    channel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sales_channel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    cohort = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    book = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_ledger_orders", x => x.order_id);
                });

            migrationBuilder.CreateTable(
                name: "analytics_ledger_payments",
                columns: table => new
                {
                    payment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    pending_fees = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_ledger_payments", x => x.payment_id);
                });

            migrationBuilder.CreateTable(
                name: "analytics_live",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    data = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_live", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "analytics_profit_days",
                columns: table => new
                {
                    dimension = table.Column<int>(type: "integer", nullable: false),
                    dim_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    day = table.Column<int>(type: "integer", nullable: false),
                    gross_sales = table.Column<long>(type: "bigint", nullable: false),
                    discounts = table.Column<long>(type: "bigint", nullable: false),
                    refunds = table.Column<long>(type: "bigint", nullable: false),
                    shipping = table.Column<long>(type: "bigint", nullable: false),
                    taxes = table.Column<long>(type: "bigint", nullable: false),
                    cogs = table.Column<long>(type: "bigint", nullable: false),
                    payment_fees = table.Column<long>(type: "bigint", nullable: false),
                    shipping_costs = table.Column<long>(type: "bigint", nullable: false),
                    orders = table.Column<long>(type: "bigint", nullable: false),
                    units = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_profit_days", x => new { x.dimension, x.day, x.dim_key });
                });

            migrationBuilder.CreateTable(
                name: "analytics_profit_months",
                columns: table => new
                {
                    dimension = table.Column<int>(type: "integer", nullable: false),
                    dim_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    gross_sales = table.Column<long>(type: "bigint", nullable: false),
                    discounts = table.Column<long>(type: "bigint", nullable: false),
                    refunds = table.Column<long>(type: "bigint", nullable: false),
                    shipping = table.Column<long>(type: "bigint", nullable: false),
                    taxes = table.Column<long>(type: "bigint", nullable: false),
                    cogs = table.Column<long>(type: "bigint", nullable: false),
                    payment_fees = table.Column<long>(type: "bigint", nullable: false),
                    shipping_costs = table.Column<long>(type: "bigint", nullable: false),
                    orders = table.Column<long>(type: "bigint", nullable: false),
                    units = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_profit_months", x => new { x.dimension, x.month, x.dim_key });
                });

            migrationBuilder.CreateTable(
                name: "analytics_profit_quarters",
                columns: table => new
                {
                    dimension = table.Column<int>(type: "integer", nullable: false),
                    dim_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    quarter = table.Column<long>(type: "bigint", nullable: false),
                    gross_sales = table.Column<long>(type: "bigint", nullable: false),
                    discounts = table.Column<long>(type: "bigint", nullable: false),
                    refunds = table.Column<long>(type: "bigint", nullable: false),
                    shipping = table.Column<long>(type: "bigint", nullable: false),
                    taxes = table.Column<long>(type: "bigint", nullable: false),
                    cogs = table.Column<long>(type: "bigint", nullable: false),
                    payment_fees = table.Column<long>(type: "bigint", nullable: false),
                    shipping_costs = table.Column<long>(type: "bigint", nullable: false),
                    orders = table.Column<long>(type: "bigint", nullable: false),
                    units = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_profit_quarters", x => new { x.dimension, x.quarter, x.dim_key });
                });

            migrationBuilder.CreateIndex(
                name: "ix_analytics_expenses_date_id",
                table: "analytics_expenses",
                columns: new[] { "date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_analytics_live_at",
                table: "analytics_live",
                column: "at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "analytics_expenses");

            migrationBuilder.DropTable(
                name: "analytics_ledger_customers");

            migrationBuilder.DropTable(
                name: "analytics_ledger_orders");

            migrationBuilder.DropTable(
                name: "analytics_ledger_payments");

            migrationBuilder.DropTable(
                name: "analytics_live");

            migrationBuilder.DropTable(
                name: "analytics_profit_days");

            migrationBuilder.DropTable(
                name: "analytics_profit_months");

            migrationBuilder.DropTable(
                name: "analytics_profit_quarters");
        }
    }
}
