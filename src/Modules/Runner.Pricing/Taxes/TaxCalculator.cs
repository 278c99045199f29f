using Microsoft.EntityFrameworkCore;
using Runner.Kernel;
using Runner.Kernel.Caching;
using Runner.Kernel.Data;
using Runner.Kernel.Reference;
using Runner.Pricing.Contracts;
using Runner.Store.Contracts;

namespace Runner.Pricing.Taxes;

/// <summary>
/// The default <see cref="ITaxCalculator"/>: the store's tax zones (<see cref="TaxZoneEndpoints.Rules"/>), and its
/// tax-inclusive flag (unless the request names one). A line without a category is taxed as <c>standard</c>; an address in no zone pays no tax, and
/// every line then comes back with an empty list. The zones are read whole and kept in memory (a store has at most a
/// few hundred), through <see cref="SnapshotCache{T}"/>.
/// </summary>
internal sealed class TaxCalculator(RunnerDbContext db, IStoreQueries store, SnapshotCache<TaxZone[]> cache) : ITaxCalculator
{
    public async Task<TaxResult> CalculateAsync(TaxRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Lines.Any(l => l.Amount.Currency != request.Currency) || request.Shipping is { } s && s.Currency != request.Currency)
            throw new ArgumentException($"Every amount of a tax request must be in {request.Currency}.", nameof(request));
        var inclusive = request.PricesIncludeTax ?? (await store.GetSettingsAsync(ct)).PricesIncludeTax;
        var rates = await RatesAsync(request.Address, ct);

        IReadOnlyList<AppliedRate> For(string? category) =>
            rates.TryGetValue(string.IsNullOrWhiteSpace(category) ? TaxCategories.Standard : category.Trim().ToLowerInvariant(), out var r) ? r : [];

        var lines = request.Lines.Select(l => TaxMath.Line(l.Key, l.Amount, For(l.TaxCategory), inclusive)).ToList();
        var shipping = request.Shipping is { } amount ? TaxMath.Line(TaxCategories.Shipping, amount, For(TaxCategories.Shipping), inclusive) : null;
        var total = lines.Aggregate(Money.Zero(request.Currency), (sum, l) => sum + l.Total);
        if (shipping is not null) total += shipping.Total;
        return new TaxResult(inclusive, lines, shipping, total);
    }

    /// <summary>The rates per category at the address: the country zone's, then the region zone's.</summary>
    private async Task<Dictionary<string, List<AppliedRate>>> RatesAsync(TaxAddress? address, CancellationToken ct)
    {
        if (address is null || string.IsNullOrWhiteSpace(address.Country)) return [];
        var country = address.Country.Trim().ToUpperInvariant();
        var region = Regions.Key(country, address.Region);
        var zones = await cache.GetAsync(async token => await db.Set<TaxZone>().AsNoTracking().Include(z => z.Rates).ToArrayAsync(token), ct);
        return zones.Where(z => z.Country == country && (z.RegionKey.Length == 0 || z.RegionKey == region)).OrderBy(z => z.RegionKey.Length)
            .SelectMany(z => z.Rates.OrderBy(r => r.Position))
            .GroupBy(r => r.Category)
            .ToDictionary(g => g.Key, g => g.Select(r => new AppliedRate(r.Name, TaxZoneRules.Plain(r.Percentage))).ToList());
    }
}
