using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Migrations.Postgres.Migrations
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
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Customer");

            migrationBuilder.CreateTable(
                name: "identity_roles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    permissions = table.Column<List<string>>(type: "text[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_staff",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    email_key = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    password_hash = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    invited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    activated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    totp_pending = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    totp_secret = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    totp_enabled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    totp_last_step = table.Column<long>(type: "bigint", nullable: false),
                    recovery_codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
