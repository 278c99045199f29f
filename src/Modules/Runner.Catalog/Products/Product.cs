using Runner.Catalog.Contracts;
using Runner.Kernel.Data;
using Runner.Store.Contracts;

namespace Runner.Catalog.Products;

/// <summary>
/// A product and everything that belongs to it (options, variants, media, channels, tags): one aggregate, changed
/// only through its use cases, which always <see cref="Touch"/> it so its <see cref="Version"/> moves with any
/// part of it (the store list caches documents by that version).
/// </summary>
internal sealed class Product : AuditedEntity, IVersioned
{
    public ProductId Id { get; set; }
    public required string Title { get; set; }
    public required string Handle { get; set; }
    public string DescriptionHtml { get; set; } = "";
    public ProductStatus Status { get; set; }
    public string? Vendor { get; set; }
    public string? ProductType { get; set; }
    public List<string> Tags { get; set; } = [];
    public string? SeoTitle { get; set; }
    public string? SeoDescription { get; set; }

    // Derived columns kept for fast filters, sorts and search; set by Refresh().
    public string SortTitle { get; set; } = "";
    public string? VendorKey { get; set; }
    public string? ProductTypeKey { get; set; }
    /// <summary>Lowest price of the variants on sale, in the default currency; sorts the lists.</summary>
    public long MinPrice { get; set; }
    public long MaxPrice { get; set; }
    public string SearchTitle { get; set; } = "";
    public string SearchBody { get; set; } = "";
    public string SearchTerms { get; set; } = "";

    public DateTimeOffset? ArchivedAt { get; set; }
    public long Version { get; set; }

    public List<ProductOption> Options { get; set; } = [];
    public List<ProductMedia> Media { get; set; } = [];
    public List<Variant> Variants { get; set; } = [];
    public List<ProductChannel> Channels { get; set; } = [];
    public List<ProductTag> TagKeys { get; set; } = [];

    /// <summary>Marks the product changed, so that saving bumps its version even when only a part changed.</summary>
    public void Touch(DateTimeOffset now) => UpdatedAt = now;

    /// <summary>Recomputes the derived columns from the current state.</summary>
    public void Refresh(string descriptionText)
    {
        SortTitle = Title.ToLowerInvariant();
        VendorKey = Vendor?.ToLowerInvariant();
        ProductTypeKey = ProductType?.ToLowerInvariant();
        var live = Variants.Where(v => v.ArchivedAt is null).ToList();
        MinPrice = live.Count == 0 ? 0 : live.Min(v => v.Price);
        MaxPrice = live.Count == 0 ? 0 : live.Max(v => v.Price);
        SearchTitle = Title;
        SearchBody = descriptionText;
        SearchTerms = Search.SearchText.Index(new[] { Vendor, ProductType }.Concat(Tags)
            .Concat(live.Select(v => v.Sku)).Concat(live.Select(v => v.Barcode)));
        var tagKeys = Tags.Select(t => t.ToLowerInvariant()).Distinct().ToHashSet();
        TagKeys.RemoveAll(t => !tagKeys.Contains(t.Tag));
        foreach (var key in tagKeys.Where(k => TagKeys.All(t => t.Tag != k))) TagKeys.Add(new ProductTag { ProductId = Id, Tag = key });
    }
}

internal sealed class ProductOption
{
    public ProductId ProductId { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    public List<string> Values { get; set; } = [];
}

internal sealed class ProductMedia
{
    public Guid Id { get; set; }
    public ProductId ProductId { get; set; }
    public required string Url { get; set; }
    public string? Alt { get; set; }
    public int Position { get; set; }
}

internal sealed class ProductChannel
{
    public ProductId ProductId { get; set; }
    public ChannelId ChannelId { get; set; }
}

/// <summary>A product's tag in lower case, for the tag filter (the display form stays in <see cref="Product.Tags"/>).</summary>
internal sealed class ProductTag
{
    public ProductId ProductId { get; set; }
    public required string Tag { get; set; }
}
