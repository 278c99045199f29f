using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FunnelYears : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Counters gained a year grain (4): the years of the counts made before are the sums of their months.
            migrationBuilder.Sql("""
                INSERT INTO analytics_funnel_buckets (dimension, grain, quarter, dimension_key, sessions, product_views, adds_to_cart, checkouts_started, purchases, checkout_purchases, views, adds, purchased_units, collection_views)
                SELECT dimension, 4, CAST(EXTRACT(EPOCH FROM date_trunc('year', to_timestamp(quarter * 900) AT TIME ZONE 'UTC')) AS BIGINT) / 900, dimension_key,
                    SUM(sessions), SUM(product_views), SUM(adds_to_cart), SUM(checkouts_started), SUM(purchases), SUM(checkout_purchases), SUM(views), SUM(adds), SUM(purchased_units), SUM(collection_views)
                FROM analytics_funnel_buckets WHERE grain = 3
                GROUP BY dimension, CAST(EXTRACT(EPOCH FROM date_trunc('year', to_timestamp(quarter * 900) AT TIME ZONE 'UTC')) AS BIGINT) / 900, dimension_key;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM analytics_funnel_buckets WHERE grain = 4;");
        }
    }
}
