using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ChannelWebOrigins : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "allowed_origins",
                table: "store_channels",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<string>(
                name: "relying_party_id",
                table: "store_channels",
                type: "character varying(253)",
                maxLength: 253,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "allowed_origins",
                table: "store_channels");

            migrationBuilder.DropColumn(
                name: "relying_party_id",
                table: "store_channels");
        }
    }
}
