using Microsoft.EntityFrameworkCore;
using Runner.Catalog.Contracts;
using Runner.Catalog.Products;
using Runner.Kernel.Data;
using Runner.Store.Contracts;

namespace Runner.Catalog;

internal sealed class VariantDirectory(RunnerDbContext db) : IVariantDirectory
{
    public async Task<IReadOnlyDictionary<VariantId, VariantInfo>> FindAsync(IReadOnlyCollection<VariantId> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return new Dictionary<VariantId, VariantInfo>();
        var list = ids.Distinct().ToList();
        return await db.Set<Variant>().AsNoTracking().Where(v => list.Contains(v.Id))
            .Join(db.Set<Product>(), v => v.ProductId, p => p.Id, (v, p) =>
                new VariantInfo(v.Id, p.Id, v.Sku, p.Title, v.Title, p.Status, v.InventoryPolicy, v.ArchivedAt != null))
            .ToDictionaryAsync(v => v.Id, ct);
    }
}

/// <summary>Stock when no inventory module is installed: nothing is available.</summary>
internal sealed class NoStock : IStockAvailability
{
    public long Version => 0;

    public Task<IReadOnlyDictionary<VariantId, long>> GetAvailableAsync(ChannelId channel, IReadOnlyCollection<VariantId> variants, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyDictionary<VariantId, long>>(new Dictionary<VariantId, long>());

    public string InStockSql(string variantIdColumn) => "1 = 0";
}

/// <summary>Refuses to change the default currency once variants are priced in it: their prices would change meaning.</summary>
internal sealed class PricedCatalogGuard(RunnerDbContext db) : IDefaultCurrencyGuard
{
    public async Task<Kernel.Results.Error?> CheckAsync(string from, string to, CancellationToken ct) =>
        await db.Set<Variant>().AnyAsync(v => v.Currency == from, ct)
            ? Kernel.Results.Error.Unprocessable("store.default_currency_in_use",
                $"Variants are priced in {from}; the default currency cannot change while they are.")
            : null;
}
