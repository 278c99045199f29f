using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FunnelBucketKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_analytics_funnel_buckets",
                table: "analytics_funnel_buckets");

            migrationBuilder.DropIndex(
                name: "ix_analytics_funnel_buckets_dimension_grain_quarter",
                table: "analytics_funnel_buckets");

            migrationBuilder.AddPrimaryKey(
                name: "pk_analytics_funnel_buckets",
                table: "analytics_funnel_buckets",
                columns: new[] { "dimension", "grain", "quarter", "dimension_key" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_analytics_funnel_buckets",
                table: "analytics_funnel_buckets");

            migrationBuilder.AddPrimaryKey(
                name: "pk_analytics_funnel_buckets",
                table: "analytics_funnel_buckets",
                columns: new[] { "dimension", "dimension_key", "grain", "quarter" });

            migrationBuilder.CreateIndex(
                name: "ix_analytics_funnel_buckets_dimension_grain_quarter",
                table: "analytics_funnel_buckets",
                columns: new[] { "dimension", "grain", "quarter" });
        }
    }
}
