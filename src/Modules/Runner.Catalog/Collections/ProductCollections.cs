using Microsoft.EntityFrameworkCore;
using Runner.Catalog.Contracts;
using Runner.Catalog.Products;
using Runner.Kernel.Data;

namespace Runner.Catalog.Collections;

/// <summary>
/// <see cref="IProductCollections"/> from the stored membership (rule-based collections are kept stored too), and
/// <see cref="ICatalogNames"/> for reports.
/// </summary>
internal sealed class ProductCollections(RunnerDbContext db) : IProductCollections, ICatalogNames
{
    public async Task<IReadOnlyDictionary<ProductId, string>> ProductTitlesAsync(IReadOnlyCollection<ProductId> products, CancellationToken ct = default)
    {
        var ids = products.Distinct().ToList();
        return ids.Count == 0 ? new Dictionary<ProductId, string>()
            : await db.Set<Product>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, ct);
    }

    public async Task<IReadOnlyDictionary<CollectionId, string>> CollectionTitlesAsync(IReadOnlyCollection<CollectionId> collections,
        CancellationToken ct = default)
    {
        var ids = collections.Distinct().ToList();
        return ids.Count == 0 ? new Dictionary<CollectionId, string>()
            : await db.Set<Collection>().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Title, ct);
    }

    public async Task<IReadOnlyDictionary<ProductId, IReadOnlyList<CollectionId>>> CollectionsOfAsync(IReadOnlyCollection<ProductId> products,
        CancellationToken ct = default)
    {
        var ids = products.Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<ProductId, IReadOnlyList<CollectionId>>();
        var rows = await (from m in db.Set<CollectionProduct>().AsNoTracking()
                          join c in db.Set<Collection>().AsNoTracking() on m.CollectionId equals c.Id
                          where ids.Contains(m.ProductId) && c.ArchivedAt == null
                          select new { m.ProductId, m.CollectionId }).ToListAsync(ct);
        var byProduct = rows.ToLookup(r => r.ProductId, r => r.CollectionId);
        return ids.ToDictionary(p => p, p => (IReadOnlyList<CollectionId>)[.. byProduct[p].OrderBy(c => c.Value)]);
    }
}
