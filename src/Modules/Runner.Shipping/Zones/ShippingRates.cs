using Microsoft.EntityFrameworkCore;
using Runner.Kernel;
using Runner.Kernel.Caching;
using Runner.Kernel.Data;
using Runner.Kernel.Reference;
using Runner.Pricing.Contracts;
using Runner.Shipping.Contracts;
using Runner.Store.Contracts;

namespace Runner.Shipping.Zones;

/// <summary>
/// The default <see cref="IShippingRates"/>: the rates of the destination's zone (<see cref="ShippingZoneEndpoints.Rules"/>)
/// that apply to the weight and subtotal, priced in the store currency and converted to the cart currency through
/// <see cref="IExchangeRates"/>, cheapest first. No zone, or no exchange rate to the cart currency: no rates. The zones
/// are read whole and kept in memory, through <see cref="SnapshotCache{T}"/>.
/// </summary>
internal sealed class ShippingRates(RunnerDbContext db, IStoreQueries store, IExchangeRates rates, SnapshotCache<ShippingZone[]> cache)
    : IShippingRates
{
    public async Task<IReadOnlyList<ShippingQuote>> QuoteAsync(ShippingQuoteRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var zone = await ZoneAsync(request.Destination, ct);
        if (zone is null) return [];
        var home = (await store.GetSettingsAsync(ct)).DefaultCurrency;
        if (await rates.ConvertAsync(request.Subtotal, home, ct) is not { } subtotal) return [];
        var quotes = new List<ShippingQuote>();
        foreach (var rate in zone.Rates.OrderBy(r => r.Position))
        {
            if (rate.PriceFor(request.WeightGrams, subtotal.Minor) is not { } price) continue;
            if (await rates.ConvertAsync(new Money(price, home), request.Currency, ct) is not { } converted) return [];
            quotes.Add(new ShippingQuote(rate.Id.ToString(), rate.Name, rate.Carrier, rate.Service, converted, rate.MinDays, rate.MaxDays,
                rate.EstimatedCost is { } cost ? new Money(cost, home) : null));
        }
        return [.. quotes.OrderBy(q => q.Price.Minor).ThenBy(q => q.Name, StringComparer.Ordinal).ThenBy(q => q.RateId, StringComparer.Ordinal)];
    }

    /// <summary>The zone holding the destination's region, else the one holding its whole country.</summary>
    private async Task<ShippingZone?> ZoneAsync(ShippingDestination destination, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(destination.Country)) return null;
        var country = destination.Country.Trim().ToUpperInvariant();
        var region = Regions.Key(country, destination.Region);
        var zones = await cache.GetAsync(async token => await db.Set<ShippingZone>().AsNoTracking().Include(z => z.Rates).ToArrayAsync(token), ct);
        ShippingZone? Holding(string key) => zones.FirstOrDefault(z => z.Areas.Any(a => a.Country == country && Regions.Key(a.Country, a.Region) == key));
        return (region.Length > 0 ? Holding(region) : null) ?? Holding("");
    }
}
