using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Passkeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "identity_passkey_challenges",
                columns: table => new
                {
                    challenge_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_passkey_challenges", x => x.challenge_hash);
                });

            migrationBuilder.CreateTable(
                name: "identity_passkeys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: false),
                    credential_id = table.Column<byte[]>(type: "bytea", maxLength: 1023, nullable: false),
                    public_key = table.Column<byte[]>(type: "bytea", nullable: false),
                    sign_count = table.Column<long>(type: "bigint", nullable: false),
                    user_handle = table.Column<byte[]>(type: "bytea", maxLength: 64, nullable: false),
                    aa_guid = table.Column<Guid>(type: "uuid", nullable: false),
                    transports = table.Column<List<string>>(type: "text[]", nullable: false),
                    backup_eligible = table.Column<bool>(type: "boolean", nullable: false),
                    backed_up = table.Column<bool>(type: "boolean", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    relying_party_id = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_passkeys", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_identity_passkey_challenges_expires_at",
                table: "identity_passkey_challenges",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_identity_passkeys_credential_id",
                table: "identity_passkeys",
                column: "credential_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_passkeys_kind_subject_id",
                table: "identity_passkeys",
                columns: new[] { "kind", "subject_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "identity_passkey_challenges");

            migrationBuilder.DropTable(
                name: "identity_passkeys");
        }
    }
}
