using Microsoft.EntityFrameworkCore;
using Runner.Catalog.Collections;
using Runner.Catalog.Contracts;
using Runner.Catalog.Storefront;
using Runner.Kernel.Data;

namespace Runner.Catalog.Products;

/// <summary>
/// <see cref="IProductDirectory"/>: from memory for products read since the catalog last changed (the storefront's
/// epoch, <see cref="StorefrontCache"/>), else two queries per call whatever the number of ids (titles, then
/// memberships), so a caller that counts a batch of storefront events or an order's lines looks its products up once.
/// Every placed order is counted by the profit ledger and the funnel, each asking for its products.
/// </summary>
internal sealed class ProductDirectory(RunnerDbContext db, StorefrontCache cache) : IProductDirectory
{
    public async Task<IReadOnlyDictionary<ProductId, ProductSummary>> FindAsync(IReadOnlyCollection<ProductId> ids, CancellationToken ct = default)
    {
        var found = new Dictionary<ProductId, ProductSummary>();
        if (ids.Count == 0) return found;
        // The epoch before the read: a change committed meanwhile moves it, and what was read is not used again.
        var epoch = cache.Epoch;
        var missing = new List<ProductId>();
        foreach (var id in ids.Distinct())
        {
            if (!cache.Summaries.TryGet(id, out var entry) || entry.Epoch != epoch) missing.Add(id);
            else if (entry.Summary is { } summary) found[id] = summary;
        }
        if (missing.Count == 0) return found;
        foreach (var (id, summary) in await ReadAsync(missing, ct)) found[id] = summary;
        foreach (var id in missing) cache.Summaries.Set(id, new SummaryEntry(epoch, found.GetValueOrDefault(id)));
        return found;
    }

    private async Task<Dictionary<ProductId, ProductSummary>> ReadAsync(List<ProductId> list, CancellationToken ct)
    {
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
