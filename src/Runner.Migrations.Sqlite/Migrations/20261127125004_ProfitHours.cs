using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProfitHours : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "analytics_profit_hours",
                columns: table => new
                {
                    dimension = table.Column<int>(type: "INTEGER", nullable: false),
                    dim_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    hour = table.Column<long>(type: "INTEGER", nullable: false),
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
                    table.PrimaryKey("pk_analytics_profit_hours", x => new { x.dimension, x.hour, x.dim_key });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "analytics_profit_hours");
        }
    }
}
