using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Migrations.Sqlite.Migrations
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    store_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    store_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    exchange_rate = table.Column<decimal>(type: "TEXT", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    recurrence = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    end_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    created_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_expenses", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "analytics_ledger_customers",
                columns: table => new
                {
                    customer_key = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    first_order_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    cohort = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_ledger_customers", x => x.customer_key);
                });

            migrationBuilder.CreateTable(
                name: "analytics_ledger_orders",
                columns: table => new
                {
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    placed_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    store_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    exchange_rate = table.Column<decimal>(type: "TEXT", precision: 28, scale: 12, nullable: false),
                    prices_include_tax = table.Column<bool>(type: "INTEGER", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    sales_channel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    cohort = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    book = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_ledger_orders", x => x.order_id);
                });

            migrationBuilder.CreateTable(
                name: "analytics_ledger_payments",
                columns: table => new
                {
                    payment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    pending_fees = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_ledger_payments", x => x.payment_id);
                });

            migrationBuilder.CreateTable(
                name: "analytics_live",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    data = table.Column<string>(type: "TEXT", nullable: false),
                    at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_live", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "analytics_profit_days",
                columns: table => new
                {
                    dimension = table.Column<int>(type: "INTEGER", nullable: false),
                    dim_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    day = table.Column<int>(type: "INTEGER", nullable: false),
                    gross_sales = table.Column<long>(type: "INTEGER", nullable: false),
                    discounts = table.Column<long>(type: "INTEGER", nullable: false),
                    refunds = table.Column<long>(type: "INTEGER", nullable: false),
                    shipping = table.Column<long>(type: "INTEGER", nullable: false),
                    taxes = table.Column<long>(type: "INTEGER", nullable: false),
                    cogs = table.Column<long>(type: "INTEGER", nullable: false),
                    payment_fees = table.Column<long>(type: "INTEGER", nullable: false),
                    shipping_costs = table.Column<long>(type: "INTEGER", nullable: false),
                    orders = table.Column<long>(type: "INTEGER", nullable: false),
                    units = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_profit_days", x => new { x.dimension, x.day, x.dim_key });
                });

            migrationBuilder.CreateTable(
                name: "analytics_profit_months",
                columns: table => new
                {
                    dimension = table.Column<int>(type: "INTEGER", nullable: false),
                    dim_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    month = table.Column<int>(type: "INTEGER", nullable: false),
                    gross_sales = table.Column<long>(type: "INTEGER", nullable: false),
                    discounts = table.Column<long>(type: "INTEGER", nullable: false),
                    refunds = table.Column<long>(type: "INTEGER", nullable: false),
                    shipping = table.Column<long>(type: "INTEGER", nullable: false),
                    taxes = table.Column<long>(type: "INTEGER", nullable: false),
                    cogs = table.Column<long>(type: "INTEGER", nullable: false),
                    payment_fees = table.Column<long>(type: "INTEGER", nullable: false),
                    shipping_costs = table.Column<long>(type: "INTEGER", nullable: false),
                    orders = table.Column<long>(type: "INTEGER", nullable: false),
                    units = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_profit_months", x => new { x.dimension, x.month, x.dim_key });
                });

            migrationBuilder.CreateTable(
                name: "analytics_profit_quarters",
                columns: table => new
                {
                    dimension = table.Column<int>(type: "INTEGER", nullable: false),
                    dim_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    quarter = table.Column<long>(type: "INTEGER", nullable: false),
                    gross_sales = table.Column<long>(type: "INTEGER", nullable: false),
                    discounts = table.Column<long>(type: "INTEGER", nullable: false),
                    refunds = table.Column<long>(type: "INTEGER", nullable: false),
                    shipping = table.Column<long>(type: "INTEGER", nullable: false),
                    taxes = table.Column<long>(type: "INTEGER", nullable: false),
                    cogs = table.Column<long>(type: "INTEGER", nullable: false),
                    payment_fees = table.Column<long>(type: "INTEGER", nullable: false),
                    shipping_costs = table.Column<long>(type: "INTEGER", nullable: false),
                    orders = table.Column<long>(type: "INTEGER", nullable: false),
                    units = table.Column<long>(type: "INTEGER", nullable: false)
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
