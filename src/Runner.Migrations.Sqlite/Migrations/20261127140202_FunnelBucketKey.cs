using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FunnelBucketKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The funnel's counters become a WITHOUT ROWID table: the rows are stored in the key's order, so a report's
            // read of one dimension over a range of buckets is one contiguous run of the table, not an index walk with a
            // lookup of every row, and each count updates one tree instead of two. Rebuilt by hand: EF Core has no
            // setting for it (a later migration that rebuilds this table must keep the clause).
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_analytics_funnel_buckets" (
                    "dimension" TEXT NOT NULL,
                    "grain" INTEGER NOT NULL,
                    "quarter" INTEGER NOT NULL,
                    "dimension_key" TEXT NOT NULL,
                    "sessions" INTEGER NOT NULL,
                    "product_views" INTEGER NOT NULL,
                    "adds_to_cart" INTEGER NOT NULL,
                    "checkouts_started" INTEGER NOT NULL,
                    "purchases" INTEGER NOT NULL,
                    "checkout_purchases" INTEGER NOT NULL,
                    "views" INTEGER NOT NULL,
                    "adds" INTEGER NOT NULL,
                    "purchased_units" INTEGER NOT NULL,
                    "collection_views" INTEGER NOT NULL,
                    CONSTRAINT "pk_analytics_funnel_buckets" PRIMARY KEY ("dimension", "grain", "quarter", "dimension_key")
                ) WITHOUT ROWID;
                """);
            migrationBuilder.Sql("""
                INSERT INTO "ef_temp_analytics_funnel_buckets" (dimension, grain, quarter, dimension_key, sessions, product_views,
                    adds_to_cart, checkouts_started, purchases, checkout_purchases, views, adds, purchased_units, collection_views)
                SELECT dimension, grain, quarter, dimension_key, sessions, product_views, adds_to_cart, checkouts_started, purchases,
                    checkout_purchases, views, adds, purchased_units, collection_views
                FROM "analytics_funnel_buckets";
                """);
            migrationBuilder.Sql("""DROP TABLE "analytics_funnel_buckets";""");
            migrationBuilder.Sql("""ALTER TABLE "ef_temp_analytics_funnel_buckets" RENAME TO "analytics_funnel_buckets";""");
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
