using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Runner.Catalog.Collections;
using Runner.Catalog.Media;
using Runner.Catalog.Products;
using Runner.Kernel.Data;

namespace Runner.Catalog;

internal sealed class CatalogModel : IModelContributor
{
    public void Configure(ModelBuilder model, DatabaseProvider provider)
    {
        model.Entity<Product>(e =>
        {
            e.ToTable("catalog_products");
            e.HasKey(p => p.Id);
            e.Property(p => p.Title).HasMaxLength(255);
            e.Property(p => p.Handle).HasMaxLength(255);
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(p => p.Vendor).HasMaxLength(255);
            e.Property(p => p.ProductType).HasMaxLength(255);
            e.Property(p => p.VendorKey).HasMaxLength(255);
            e.Property(p => p.ProductTypeKey).HasMaxLength(255);
            e.Property(p => p.SeoTitle).HasMaxLength(255);
            e.Property(p => p.SeoDescription).HasMaxLength(512);
            e.Property(p => p.SortTitle).HasMaxLength(255);
            e.Property(p => p.Version).IsConcurrencyToken();
            e.HasIndex(p => p.Handle).IsUnique();
            // The store list's orders: title, price and newest, each filtered by status first.
            e.HasIndex(p => new { p.Status, p.SortTitle, p.Id });
            e.HasIndex(p => new { p.Status, p.MinPrice, p.Id });
            e.HasIndex(p => new { p.Status, p.CreatedAt, p.Id });
            e.HasIndex(p => p.VendorKey);
            e.HasIndex(p => p.UpdatedAt); // other processes' caches look for recent changes
            e.HasIndex(p => p.ProductTypeKey);
            e.HasMany(p => p.Options).WithOne().HasForeignKey(o => o.ProductId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Media).WithOne().HasForeignKey(m => m.ProductId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Variants).WithOne().HasForeignKey(v => v.ProductId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Channels).WithOne().HasForeignKey(c => c.ProductId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.TagKeys).WithOne().HasForeignKey(t => t.ProductId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ProductOption>(e =>
        {
            e.ToTable("catalog_product_options");
            e.HasKey(o => new { o.ProductId, o.Position });
            e.Property(o => o.Position).ValueGeneratedNever();
            e.Property(o => o.Name).HasMaxLength(255);
        });
        model.Entity<ProductMedia>(e =>
        {
            e.ToTable("catalog_product_media");
            e.HasKey(m => m.Id);
            // The writer gives a new image its id: with a generated key, EF would take the new row for an existing one.
            e.Property(m => m.Id).ValueGeneratedNever();
            e.Property(m => m.Url).HasMaxLength(2048);
            e.Property(m => m.Alt).HasMaxLength(512);
            e.HasIndex(m => new { m.ProductId, m.Position });
        });
        model.Entity<ProductChannel>(e =>
        {
            e.ToTable("catalog_product_channels");
            e.HasKey(c => new { c.ProductId, c.ChannelId });
            e.HasIndex(c => new { c.ChannelId, c.ProductId });
        });
        model.Entity<ProductTag>(e =>
        {
            e.ToTable("catalog_product_tags");
            e.HasKey(t => new { t.ProductId, t.Tag });
            e.Property(t => t.Tag).HasMaxLength(255);
            e.HasIndex(t => new { t.Tag, t.ProductId });
        });
        model.Entity<Variant>(e =>
        {
            e.ToTable("catalog_variants");
            e.HasKey(v => v.Id);
            e.Property(v => v.Sku).HasMaxLength(100);
            e.Property(v => v.Barcode).HasMaxLength(64);
            e.Property(v => v.OptionKey).HasMaxLength(2600);
            e.Property(v => v.Title).HasMaxLength(1000);
            e.Property(v => v.Currency).HasMaxLength(3);
            e.Property(v => v.WeightValue).HasPrecision(18, 4);
            e.Property(v => v.WeightUnit).HasMaxLength(2);
            e.Property(v => v.TaxCategory).HasMaxLength(64);
            e.Property(v => v.InventoryPolicy).HasConversion<string>().HasMaxLength(16);
            // A SKU names one live variant in the whole store; an archived variant gives its SKU back.
            e.HasIndex(v => v.Sku).IsUnique().HasFilter("archived_at IS NULL");
            e.HasIndex(v => new { v.ProductId, v.OptionKey }).IsUnique().HasFilter("archived_at IS NULL");
            e.HasIndex(v => new { v.ProductId, v.Price });
            e.HasMany(v => v.Prices).WithOne().HasForeignKey(p => p.VariantId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<VariantPrice>(e =>
        {
            e.ToTable("catalog_variant_prices");
            e.HasKey(p => new { p.VariantId, p.Currency });
            e.Property(p => p.Currency).HasMaxLength(3);
        });
        model.Entity<Collection>(e =>
        {
            e.ToTable("catalog_collections");
            e.HasKey(c => c.Id);
            e.Property(c => c.Title).HasMaxLength(255);
            e.Property(c => c.Handle).HasMaxLength(255);
            e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.SortOrder).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.ImageUrl).HasMaxLength(2048);
            e.Property(c => c.SeoTitle).HasMaxLength(255);
            e.Property(c => c.SeoDescription).HasMaxLength(512);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.Property(c => c.Rules).HasConversion(
                v => JsonSerializer.Serialize(v, RuleJson),
                s => JsonSerializer.Deserialize<List<CollectionRule>>(s, RuleJson) ?? new(),
                new ValueComparer<List<CollectionRule>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
            e.HasIndex(c => c.Handle).IsUnique();
            e.HasIndex(c => new { c.ParentId, c.Position });
            e.HasIndex(c => c.UpdatedAt);
        });
        model.Entity<MediaFile>(e =>
        {
            e.ToTable("catalog_media");
            e.HasKey(m => m.Hash);
            e.Property(m => m.Hash).HasMaxLength(64);
            e.Property(m => m.ContentType).HasMaxLength(32);
        });
        model.Entity<CollectionProduct>(e =>
        {
            e.ToTable("catalog_collection_products");
            e.HasKey(c => new { c.CollectionId, c.ProductId });
            e.HasIndex(c => new { c.CollectionId, c.Position });
            e.HasIndex(c => c.ProductId);
        });
    }

    public static readonly JsonSerializerOptions RuleJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
