using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CustomerAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "identity_attempts",
                columns: table => new
                {
                    scope = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    window_start = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_attempts", x => new { x.scope, x.subject, x.window_start });
                });

            migrationBuilder.CreateTable(
                name: "identity_customer_accounts",
                columns: table => new
                {
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    email_key = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    email_verified_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: true),
                    password_changed_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_customer_accounts", x => x.customer_id);
                });

            migrationBuilder.CreateTable(
                name: "identity_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    family_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    token_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    expires_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    used_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: true),
                    revoked_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: true),
                    ip = table.Column<string>(type: "TEXT", maxLength: 45, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_sessions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_sign_in_codes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    email_key = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    link_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    expires_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    used_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: true),
                    failed_attempts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_sign_in_codes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_identity_attempts_window_start",
                table: "identity_attempts",
                column: "window_start");

            migrationBuilder.CreateIndex(
                name: "ix_identity_customer_accounts_email_key",
                table: "identity_customer_accounts",
                column: "email_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_sessions_customer_id_created_at",
                table: "identity_sessions",
                columns: new[] { "customer_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_identity_sessions_expires_at",
                table: "identity_sessions",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_identity_sessions_family_id",
                table: "identity_sessions",
                column: "family_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_sessions_token_hash",
                table: "identity_sessions",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_sign_in_codes_email_key_created_at",
                table: "identity_sign_in_codes",
                columns: new[] { "email_key", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_identity_sign_in_codes_expires_at",
                table: "identity_sign_in_codes",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_identity_sign_in_codes_link_hash",
                table: "identity_sign_in_codes",
                column: "link_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "identity_attempts");

            migrationBuilder.DropTable(
                name: "identity_customer_accounts");

            migrationBuilder.DropTable(
                name: "identity_sessions");

            migrationBuilder.DropTable(
                name: "identity_sign_in_codes");
        }
    }
}
