using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Migrations.Sqlite.Migrations
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
                    challenge_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    expires_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_passkey_challenges", x => x.challenge_hash);
                });

            migrationBuilder.CreateTable(
                name: "identity_passkeys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    subject_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    credential_id = table.Column<byte[]>(type: "BLOB", maxLength: 1023, nullable: false),
                    public_key = table.Column<byte[]>(type: "BLOB", nullable: false),
                    sign_count = table.Column<long>(type: "INTEGER", nullable: false),
                    user_handle = table.Column<byte[]>(type: "BLOB", maxLength: 64, nullable: false),
                    aa_guid = table.Column<Guid>(type: "TEXT", nullable: false),
                    transports = table.Column<string>(type: "TEXT", nullable: false),
                    backup_eligible = table.Column<bool>(type: "INTEGER", nullable: false),
                    backed_up = table.Column<bool>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    relying_party_id = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: false),
                    last_used_at = table.Column<string>(type: "TEXT", maxLength: 28, nullable: true)
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
