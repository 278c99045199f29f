using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StaffAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_identity_sessions_customer_id_created_at",
                table: "identity_sessions");

            migrationBuilder.RenameColumn(
                name: "customer_id",
                table: "identity_sessions",
                newName: "subject_id");

            // Every sign-in before this migration was a customer's.
            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "identity_sessions",
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                defaultValue: "Customer");

            migrationBuilder.CreateTable(
                name: "identity_roles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    permissions = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_staff",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    email_key = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    invited_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    activated_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: true),
                    totp_pending = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    totp_secret = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    totp_enabled_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: true),
                    totp_last_step = table.Column<long>(type: "INTEGER", nullable: false),
                    recovery_codes = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_staff", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_identity_sessions_kind_subject_id_created_at",
                table: "identity_sessions",
                columns: new[] { "kind", "subject_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_identity_staff_email_key",
                table: "identity_staff",
                column: "email_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_staff_role",
                table: "identity_staff",
                column: "role");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "identity_roles");

            migrationBuilder.DropTable(
                name: "identity_staff");

            migrationBuilder.DropIndex(
                name: "ix_identity_sessions_kind_subject_id_created_at",
                table: "identity_sessions");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "identity_sessions");

            migrationBuilder.RenameColumn(
                name: "subject_id",
                table: "identity_sessions",
                newName: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_sessions_customer_id_created_at",
                table: "identity_sessions",
                columns: new[] { "customer_id", "created_at" });
        }
    }
}
