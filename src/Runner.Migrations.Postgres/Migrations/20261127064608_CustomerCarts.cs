using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CustomerCarts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "customer_id",
                table: "checkout_carts",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_checkout_carts_customer_id_last_activity_at",
                table: "checkout_carts",
                columns: new[] { "customer_id", "last_activity_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_checkout_carts_customer_id_last_activity_at",
                table: "checkout_carts");

            migrationBuilder.DropColumn(
                name: "customer_id",
                table: "checkout_carts");
        }
    }
}
