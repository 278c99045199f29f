using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Runner.Kernel.Data;

#nullable disable

namespace Runner.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Product search on PostgreSQL: a stored tsvector (title weighted A, terms B, description C; English stemming
    /// for prose, simple for SKUs and tags) with a GIN index. The column is generated, so no code maintains it.
    /// </summary>
    [DbContext(typeof(RunnerDbContext))]
    [Migration("20261125000001_CatalogSearch")]
    public partial class CatalogSearch : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE catalog_products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', coalesce(search_title, '')), 'A') ||
                    setweight(to_tsvector('simple', coalesce(search_terms, '')), 'B') ||
                    setweight(to_tsvector('english', coalesce(search_body, '')), 'C')) STORED;
                CREATE INDEX ix_catalog_products_search_vector ON catalog_products USING GIN (search_vector);
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS ix_catalog_products_search_vector;
                ALTER TABLE catalog_products DROP COLUMN IF EXISTS search_vector;
                """);
        }
    }
}
