using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Runner.Kernel.Data;

#nullable disable

namespace Runner.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Product search on SQLite: an FTS5 index (porter stemming, diacritics folded) over each product's title,
    /// description text and terms (SKUs, barcodes, tags, vendor, type), kept in step by triggers. FTS rows are keyed
    /// by catalog_search_keys, a stable integer per product (a product's own rowid may change on VACUUM).
    /// </summary>
    [DbContext(typeof(RunnerDbContext))]
    [Migration("20261125000001_CatalogSearch")]
    public partial class CatalogSearch : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE catalog_search_keys (id INTEGER PRIMARY KEY, product_id TEXT NOT NULL UNIQUE);
                CREATE VIRTUAL TABLE catalog_search USING fts5(title, body, terms, tokenize = 'porter unicode61 remove_diacritics 2');
                INSERT INTO catalog_search_keys (product_id) SELECT id FROM catalog_products;
                INSERT INTO catalog_search (rowid, title, body, terms)
                    SELECT k.id, p.search_title, p.search_body, p.search_terms FROM catalog_products p JOIN catalog_search_keys k ON k.product_id = p.id;
                CREATE TRIGGER catalog_products_search_insert AFTER INSERT ON catalog_products BEGIN
                    INSERT INTO catalog_search_keys (product_id) VALUES (new.id);
                    INSERT INTO catalog_search (rowid, title, body, terms)
                        VALUES ((SELECT id FROM catalog_search_keys WHERE product_id = new.id), new.search_title, new.search_body, new.search_terms);
                END;
                CREATE TRIGGER catalog_products_search_update AFTER UPDATE OF search_title, search_body, search_terms ON catalog_products BEGIN
                    UPDATE catalog_search SET title = new.search_title, body = new.search_body, terms = new.search_terms
                        WHERE rowid = (SELECT id FROM catalog_search_keys WHERE product_id = new.id);
                END;
                CREATE TRIGGER catalog_products_search_delete AFTER DELETE ON catalog_products BEGIN
                    DELETE FROM catalog_search WHERE rowid = (SELECT id FROM catalog_search_keys WHERE product_id = old.id);
                    DELETE FROM catalog_search_keys WHERE product_id = old.id;
                END;
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS catalog_products_search_insert;
                DROP TRIGGER IF EXISTS catalog_products_search_update;
                DROP TRIGGER IF EXISTS catalog_products_search_delete;
                DROP TABLE IF EXISTS catalog_search;
                DROP TABLE IF EXISTS catalog_search_keys;
                """);
        }
    }
}
