using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Catalog.Collections;
using Runner.Catalog.Contracts;
using Runner.Catalog.Products;
using Runner.Kernel.Caching;
using Runner.Kernel.Data;
using Runner.Store.Contracts;

namespace Runner.Catalog.Storefront;

/// <summary>A list page as the storefront last computed it: the rows and the cursor, with the catalog epoch it was read at.</summary>
internal sealed record PageEntry(long Epoch, long StockVersion, IReadOnlyList<ProductRow> Rows, string? NextCursor);

internal sealed record HandleEntry(long Epoch, ProductRow? Row);

internal sealed record CollectionEntry(long Epoch, IReadOnlyList<CollectionId> Ids, CollectionSort Sort);

/// <summary>A variant as carts price it (null: no such variant), read at a catalog epoch.</summary>
internal sealed record VariantEntry(long Epoch, VariantDetails? Details);

/// <summary>A product's title and live collections (null: no such product), read at a catalog epoch.</summary>
internal sealed record SummaryEntry(long Epoch, ProductSummary? Summary);

/// <summary>
/// The storefront's read caches: list pages, handles, collection trees, the variants carts price and the product
/// summaries analytics counts orders and views under, each tagged with the catalog epoch it was
/// read at. Any committed catalog change (here at once, from other processes within a poll) moves the epoch, so
/// every entry read before it stops being used; product documents are checked by their own version. Stock is not
/// cached here: pages filtered by stock also carry the stock version they were read at.
/// </summary>
internal sealed class StorefrontCache(IOptions<CatalogOptions> options)
{
    private long _epoch;

    public long Epoch => Interlocked.Read(ref _epoch);

    public BoundedCache<string, PageEntry> Pages { get; } = new(options.Value.PageCacheSize);
    public BoundedCache<(ChannelId Channel, string Handle), HandleEntry> Handles { get; } = new(options.Value.DocumentCacheSize);
    public BoundedCache<string, CollectionEntry> Collections { get; } = new(1024);
    public BoundedCache<VariantId, VariantEntry> Variants { get; } = new(options.Value.DocumentCacheSize);
    public BoundedCache<ProductId, SummaryEntry> Summaries { get; } = new(options.Value.DocumentCacheSize);

    public void CatalogChanged() => Interlocked.Increment(ref _epoch);
}

/// <summary>Moves the storefront's epoch after any commit that changed a product, its parts, or a collection.</summary>
internal sealed class CatalogChangeInterceptor(StorefrontCache cache) : SavingObserver
{
    private static readonly HashSet<Type> CatalogTypes =
    [
        typeof(Product), typeof(Variant), typeof(VariantPrice), typeof(ProductOption), typeof(ProductMedia),
        typeof(ProductChannel), typeof(ProductTag), typeof(Collection), typeof(CollectionProduct),
    ];

    protected override void Saving(RunnerDbContext db)
    {
        var changed = db.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && CatalogTypes.Contains(e.Metadata.ClrType));
        if (changed) db.AfterCommit(cache.CatalogChanged);
    }
}

/// <summary>Hears of catalog changes other host processes commit (products and collections stamp updated_at on every change).</summary>
internal sealed class CatalogChangeWatcher(
    StorefrontCache cache, IServiceScopeFactory scopes, TimeProvider clock, IOptions<CacheOptions> options, ILogger<CatalogChangeWatcher> logger)
    : ChangeWatcher(scopes, clock, options, logger)
{
    protected override async Task<IReadOnlyList<(string Key, DateTimeOffset At)>> ReadChangesAsync(RunnerDbContext db, DateTimeOffset since, CancellationToken ct)
    {
        var products = await db.Set<Product>().AsNoTracking().Where(p => p.UpdatedAt > since)
            .Select(p => new { p.Id, p.UpdatedAt }).ToListAsync(ct);
        var collections = await db.Set<Collection>().AsNoTracking().Where(c => c.UpdatedAt > since)
            .Select(c => new { c.Id, c.UpdatedAt }).ToListAsync(ct);
        return [.. products.Select(p => ("p:" + p.Id, p.UpdatedAt)), .. collections.Select(c => ("c:" + c.Id, c.UpdatedAt))];
    }

    protected override void OnChanged(IReadOnlyList<string> keys) => cache.CatalogChanged();
}
