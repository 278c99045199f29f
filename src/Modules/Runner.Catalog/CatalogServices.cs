using Microsoft.EntityFrameworkCore;
using Runner.Catalog.Contracts;
using Runner.Catalog.Products;
using Runner.Catalog.Storefront;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Store.Contracts;

namespace Runner.Catalog;

/// <summary>
/// Variants as other modules see them. Carts price their lines on every change, so the details come from the
/// storefront cache (<see cref="StorefrontCache.Variants"/>), each entry valid for the catalog epoch it was read at:
/// any catalog commit in this process drops them at once, one in another process within a poll.
/// </summary>
internal sealed class VariantDirectory(RunnerDbContext db, StorefrontCache cache) : IVariantDirectory
{
    public async Task<IReadOnlyDictionary<VariantId, VariantInfo>> FindAsync(IReadOnlyCollection<VariantId> ids, CancellationToken ct = default) =>
        (await FindDetailsAsync(ids, ct)).ToDictionary(d => d.Key, d => d.Value.Info);

    public async Task<IReadOnlyDictionary<VariantId, VariantDetails>> FindDetailsAsync(IReadOnlyCollection<VariantId> ids, CancellationToken ct = default)
    {
        var epoch = cache.Epoch;
        var found = new Dictionary<VariantId, VariantDetails>(ids.Count);
        var missing = new List<VariantId>();
        foreach (var id in ids.Distinct())
        {
            if (!cache.Variants.TryGet(id, out var entry) || entry.Epoch != epoch) missing.Add(id);
            else if (entry.Details is { } cached) found[id] = cached;
        }
        if (missing.Count == 0) return found;
        var read = await ReadDetailsAsync(missing, ct);
        foreach (var id in missing)
        {
            var details = read.GetValueOrDefault(id);
            cache.Variants.Set(id, new VariantEntry(epoch, details));
            if (details is not null) found[id] = details;
        }
        return found;
    }

    private async Task<Dictionary<VariantId, VariantDetails>> ReadDetailsAsync(List<VariantId> list, CancellationToken ct)
    {
        var variants = await db.Set<Variant>().AsNoTracking().Include(v => v.Prices).Where(v => list.Contains(v.Id)).ToListAsync(ct);
        var productIds = variants.Select(v => v.ProductId).Distinct().ToList();
        var products = await db.Set<Product>().AsNoTracking().Where(p => productIds.Contains(p.Id))
            .Select(p => new
            {
                p.Id, p.Title, p.Status, Archived = p.ArchivedAt != null,
                Image = p.Media.OrderBy(m => m.Position).Select(m => m.Url).FirstOrDefault(),
                Channels = p.Channels.Select(c => c.ChannelId).ToList(),
            })
            .ToDictionaryAsync(p => p.Id, ct);
        var result = new Dictionary<VariantId, VariantDetails>(variants.Count);
        foreach (var v in variants)
        {
            var p = products[v.ProductId];
            result[v.Id] = new VariantDetails(v.Id, p.Id, v.Sku, p.Title, v.Title, p.Status, v.InventoryPolicy,
                v.ArchivedAt != null || p.Archived, new Money(v.Price, v.Currency),
                v.CompareAtPrice is { } compare ? new Money(compare, v.Currency) : null,
                v.Prices.ToDictionary(x => x.Currency, x => new Money(x.Amount, x.Currency), StringComparer.Ordinal),
                v.Cost is { } cost ? new Money(cost, v.Currency) : null,
                Grams(v.WeightValue, v.WeightUnit), v.RequiresShipping, v.TaxCategory, p.Image, p.Channels);
        }
        return result;
    }

    /// <summary>A weight in whole grams, rounded half away from zero (1 lb = 453.59237 g, 1 oz = 28.349523125 g).</summary>
    internal static long Grams(decimal? value, string? unit) => value is not { } w ? 0 : (long)decimal.Round(w * (unit switch
    {
        "g" => 1m,
        "lb" => 453.59237m,
        "oz" => 28.349523125m,
        _ => 1000m,
    }), 0, MidpointRounding.AwayFromZero);
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
