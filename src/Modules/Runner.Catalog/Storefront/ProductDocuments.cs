using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Catalog.Contracts;
using Runner.Catalog.Products;
using Runner.Kernel.Caching;
using Runner.Kernel.Data;
using Runner.Store.Contracts;

namespace Runner.Catalog.Storefront;

/// <summary>A product as the storefront shows it, frozen at one version; availability and currency are applied per request.</summary>
internal sealed record ProductDocument(
    ProductId Id,
    long Version,
    string Handle,
    string Title,
    string Description,
    string? Vendor,
    string? ProductType,
    IReadOnlyList<string> Tags,
    IReadOnlyList<MediaResponse> Media,
    IReadOnlyList<OptionResponse> Options,
    IReadOnlyList<VariantDocument> Variants,
    string? SeoTitle,
    string? SeoDescription,
    string Currency,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

internal sealed record VariantDocument(
    VariantId Id,
    string Sku,
    string Title,
    IReadOnlyDictionary<string, string> Options,
    long Price,
    long? CompareAtPrice,
    IReadOnlyDictionary<string, (long Amount, long? CompareAt)> Prices,
    bool RequiresShipping,
    WeightResponse? Weight,
    InventoryPolicy InventoryPolicy);

public sealed class CatalogOptions
{
    /// <summary>How many storefront product documents each host process keeps in memory (least recently used go first).</summary>
    public int DocumentCacheSize { get; set; } = 50_000;
    /// <summary>How many list pages (and handles) each host process remembers.</summary>
    public int PageCacheSize { get; set; } = 20_000;
}

/// <summary>A product document with its storefront JSON, built once per currency and exchange rate.</summary>
internal sealed class CachedProduct(ProductDocument document)
{
    private readonly ConcurrentDictionary<string, ProductJson> _json = new(StringComparer.Ordinal);

    public ProductDocument Document { get; } = document;

    public ProductJson Json(string? currency, StoreSettingsView? settings, JsonSerializerOptions options)
    {
        var shown = currency ?? Document.Currency;
        var key = shown == Document.Currency || settings is null
            ? shown
            : shown + "@" + settings.ExchangeRates.GetValueOrDefault(shown).ToString(CultureInfo.InvariantCulture);
        return _json.GetOrAdd(key, _ => ProductJson.Build(Document, shown, settings, options));
    }
}

/// <summary>
/// The storefront's product documents, cached in memory by (id, version). Every change to a product bumps its
/// version in the same transaction, and the list query returns the current version of each row it finds, so a
/// cached document is used only while it is current, in every host process, with no invalidation messages.
/// </summary>
internal sealed class ProductDocumentCache(IOptions<CatalogOptions> options)
{
    private readonly BoundedCache<ProductId, CachedProduct> _documents = new(options.Value.DocumentCacheSize);

    public bool TryGet(ProductRow row, out CachedProduct product) =>
        _documents.TryGet(row.Id, out product!) && product.Document.Version == row.Version;

    public void Put(CachedProduct product) => _documents.Set(product.Document.Id, product);
}

internal sealed class ProductDocuments(RunnerDbContext db, ProductDocumentCache cache)
{
    /// <summary>The documents of <paramref name="rows"/>, in their order, loading only what the cache lacks.</summary>
    public async Task<IReadOnlyList<CachedProduct>> GetAsync(IReadOnlyList<ProductRow> rows, CancellationToken ct)
    {
        var result = new CachedProduct?[rows.Count];
        List<ProductId>? missing = null;
        for (var i = 0; i < rows.Count; i++)
        {
            if (cache.TryGet(rows[i], out var doc)) result[i] = doc;
            else (missing ??= []).Add(rows[i].Id);
        }
        if (missing is not null)
        {
            var loaded = await db.Set<Product>().AsNoTracking().WithParts().Where(p => missing.Contains(p.Id)).ToListAsync(ct);
            var byId = loaded.Select(p => new CachedProduct(ToDocument(p))).ToDictionary(d => d.Document.Id);
            for (var i = 0; i < rows.Count; i++)
            {
                if (result[i] is not null || !byId.TryGetValue(rows[i].Id, out var doc)) continue;
                cache.Put(doc);
                result[i] = doc;
            }
        }
        return [.. result.Where(d => d is not null).Select(d => d!)];
    }

    internal static ProductDocument ToDocument(Product p)
    {
        var options = p.Options.OrderBy(o => o.Position).ToList();
        var currency = p.Variants.FirstOrDefault()?.Currency ?? "";
        return new ProductDocument(
            p.Id, p.Version, p.Handle, p.Title, p.DescriptionHtml, p.Vendor, p.ProductType, p.Tags,
            [.. p.Media.OrderBy(m => m.Position).Select(m => new MediaResponse(m.Url, m.Alt, m.Position))],
            [.. options.Select(o => new OptionResponse(o.Name, o.Values))],
            [.. p.Variants.Where(v => v.ArchivedAt is null).OrderBy(v => v.Position).Select(v => new VariantDocument(
                v.Id, v.Sku, v.Title, ProductViews.OptionMap(v, options), v.Price, v.CompareAtPrice,
                v.Prices.ToDictionary(x => x.Currency, x => (x.Amount, x.CompareAtAmount)),
                v.RequiresShipping,
                v.WeightValue is { } w ? new WeightResponse(w, v.WeightUnit ?? "kg") : null,
                v.InventoryPolicy))],
            p.SeoTitle, p.SeoDescription, currency, p.CreatedAt, p.UpdatedAt);
    }
}
