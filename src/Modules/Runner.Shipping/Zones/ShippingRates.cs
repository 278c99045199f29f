using System.Numerics;
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

    /// <summary>
    /// The most specific zone holding the destination (<see cref="ShippingZoneEndpoints.Rules"/>): a postal rule, then
    /// the region, then the country, then the rest of the world; equally specific postal rules go to the zone first by name.
    /// </summary>
    private async Task<ShippingZone?> ZoneAsync(ShippingDestination destination, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(destination.Country)) return null;
        var country = destination.Country.Trim().ToUpperInvariant();
        var region = Regions.Key(country, destination.Region);
        var postal = PostalRule.Normalize(country, destination.PostalCode);
        var zones = await cache.GetAsync(async token => await db.Set<ShippingZone>().AsNoTracking().Include(z => z.Rates).ToArrayAsync(token), ct);
        return zones
            .Select(z => (Zone: z, Score: z.Areas.Select(a => Score(a, country, region, postal)).Max()))
            .Where(x => x.Score is not null)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Zone.Name, StringComparer.Ordinal).ThenBy(x => x.Zone.Id.Value)
            .Select(x => x.Zone).FirstOrDefault();
    }

    /// <summary>How specifically the area holds the destination (higher is narrower), or null when it does not.</summary>
    private static (int Tier, int InRegion, (int, int, BigInteger) Rule)? Score(ShippingArea area, string country, string region, string postal)
    {
        if (area.Country == ShippingZoneRules.RestOfWorld) return (0, 0, default);
        if (area.Country != country) return null;
        var key = Regions.Key(area.Country, area.Region);
        if (key.Length > 0 && key != region) return null;
        var inRegion = key.Length > 0 ? 1 : 0;
        if (area.PostalCodes is not { } rules) return (1 + inRegion, 0, default);
        var best = rules.Select(r => PostalRule.Parse(r)!).Where(r => r.Matches(country, postal))
            .Select(r => ((int, int, BigInteger)?)r.Specificity(country, postal)).Max();
        return best is { } rule ? (3, inRegion, rule) : null;
    }
}
