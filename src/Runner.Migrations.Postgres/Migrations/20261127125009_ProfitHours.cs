using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Migrations.Postgres.Migrations
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
                    dimension = table.Column<int>(type: "integer", nullable: false),
                    dim_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    hour = table.Column<long>(type: "bigint", nullable: false),
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
