using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FraudVelocityCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_payments_fraud_attempts_email_at",
                table: "payments_fraud_attempts");

            migrationBuilder.DropIndex(
                name: "ix_payments_fraud_attempts_fingerprint_at",
                table: "payments_fraud_attempts");

            migrationBuilder.DropIndex(
                name: "ix_payments_fraud_attempts_ip_at",
                table: "payments_fraud_attempts");

            migrationBuilder.CreateTable(
                name: "payments_fraud_velocity",
                columns: table => new
                {
                    kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    minute = table.Column<long>(type: "INTEGER", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_fraud_velocity", x => new { x.kind, x.subject, x.minute });
                });

            migrationBuilder.CreateIndex(
                name: "ix_payments_fraud_attempts_at",
                table: "payments_fraud_attempts",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_payments_fraud_velocity_minute",
                table: "payments_fraud_velocity",
                column: "minute");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payments_fraud_velocity");

            migrationBuilder.DropIndex(
                name: "ix_payments_fraud_attempts_at",
                table: "payments_fraud_attempts");

            migrationBuilder.CreateIndex(
                name: "ix_payments_fraud_attempts_email_at",
                table: "payments_fraud_attempts",
                columns: new[] { "email", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_fraud_attempts_fingerprint_at",
                table: "payments_fraud_attempts",
                columns: new[] { "fingerprint", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_fraud_attempts_ip_at",
                table: "payments_fraud_attempts",
                columns: new[] { "ip", "at" });
        }
    }
}
