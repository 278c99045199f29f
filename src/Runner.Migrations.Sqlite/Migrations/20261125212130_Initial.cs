using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "identity_api_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    lookup = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    secret_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    token = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    channel_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    permissions = table.Column<string>(type: "TEXT", nullable: false),
                    is_bootstrap = table.Column<bool>(type: "INTEGER", nullable: false),
                    last_used_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: true),
                    revoked_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: true),
                    created_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "kernel_outbox",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    occurred_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    available_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    locked_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    locked_until = table.Column<string>(type: "TEXT", maxLength: 28, nullable: true),
                    processed_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: true),
                    dead_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kernel_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "kernel_outbox_handled",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    handler = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    handled_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kernel_outbox_handled", x => new { x.message_id, x.handler });
                });

            migrationBuilder.CreateTable(
                name: "store_channels",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    handle = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    is_default = table.Column<bool>(type: "INTEGER", nullable: false),
                    archived_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: true),
                    created_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_store_channels", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "store_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    default_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    enabled_currencies = table.Column<string>(type: "TEXT", nullable: false),
                    exchange_rates = table.Column<string>(type: "TEXT", nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    prices_include_tax = table.Column<bool>(type: "INTEGER", nullable: false),
                    weight_unit = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    order_number_prefix = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    contact_email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_store_settings", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_identity_api_keys_lookup",
                table: "identity_api_keys",
                column: "lookup",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_kernel_outbox_pending",
                table: "kernel_outbox",
                columns: new[] { "available_at", "id" },
                filter: "processed_at IS NULL AND dead_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_kernel_outbox_processed_at",
                table: "kernel_outbox",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "ix_store_channels_handle",
                table: "store_channels",
                column: "handle",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "identity_api_keys");

            migrationBuilder.DropTable(
                name: "kernel_outbox");

            migrationBuilder.DropTable(
                name: "kernel_outbox_handled");

            migrationBuilder.DropTable(
                name: "store_channels");

            migrationBuilder.DropTable(
                name: "store_settings");
        }
    }
}
