using Microsoft.EntityFrameworkCore;
using Runner.Catalog.Collections;
using Runner.Catalog.Contracts;
using Runner.Kernel.Data;

namespace Runner.Catalog.Products;

/// <summary>
/// <see cref="IProductDirectory"/>: two queries per call whatever the number of ids (titles, then memberships), so a
/// caller that counts a batch of storefront events or an order's lines looks its products up once.
/// </summary>
internal sealed class ProductDirectory(RunnerDbContext db) : IProductDirectory
{
    public async Task<IReadOnlyDictionary<ProductId, ProductSummary>> FindAsync(IReadOnlyCollection<ProductId> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return new Dictionary<ProductId, ProductSummary>();
        var list = ids.Distinct().ToList();
        var titles = await db.Set<Product>().AsNoTracking().Where(p => list.Contains(p.Id))
            .Select(p => new { p.Id, p.Title }).ToListAsync(ct);
        var memberships = await db.Set<CollectionProduct>().AsNoTracking()
            .Where(cp => list.Contains(cp.ProductId))
            .Join(db.Set<Collection>().Where(c => c.ArchivedAt == null), cp => cp.CollectionId, c => c.Id, (cp, c) => new { cp.ProductId, c.Id })
            .ToListAsync(ct);
        var collections = memberships.ToLookup(m => m.ProductId, m => m.Id);
        return titles.ToDictionary(p => p.Id, p => new ProductSummary(p.Id, p.Title, [.. collections[p.Id].Distinct()]));
    }

    public async Task<IReadOnlyDictionary<CollectionId, string>> CollectionTitlesAsync(IReadOnlyCollection<CollectionId> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return new Dictionary<CollectionId, string>();
        var list = ids.Distinct().ToList();
        return await db.Set<Collection>().AsNoTracking().Where(c => list.Contains(c.Id))
            .Select(c => new { c.Id, c.Title }).ToDictionaryAsync(c => c.Id, c => c.Title, ct);
    }
}
