using Runner.Kernel.Data;
using Runner.Shipping.Contracts;

namespace Runner.Shipping.Zones;

/// <summary>A band: from (inclusive) to (exclusive; null = no upper limit), in grams or store-currency minor units.</summary>
internal sealed record RateBand(long From, long? To, long Price);

/// <summary>A set of countries or regions and the rates offered there (table <c>shipping_zones</c>).</summary>
internal sealed class ShippingZone : AuditedEntity, IVersioned
{
    public ShippingZoneId Id { get; set; }
    public required string Name { get; set; }
    public List<ShippingArea> Areas { get; set; } = [];
    public List<ShippingRate> Rates { get; set; } = [];
    /// <summary>Goes up with every change of the zone, its areas or its rates: its ETag, and the check of a concurrent change.</summary>
    public long Version { get; set; }
}

/// <summary>One way to ship into a zone (table <c>shipping_rates</c>). Prices are minor units of the store currency.
/// Its id is the quote's RateId, kept across edits of the zone.</summary>
internal sealed class ShippingRate
{
    public Guid Id { get; set; }
    public ShippingZoneId ZoneId { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    public string? Carrier { get; set; }
    public string? Service { get; set; }
    public int? MinDays { get; set; }
    public int? MaxDays { get; set; }
    public long? EstimatedCost { get; set; }
    public ShippingRateKind Kind { get; set; }
    public long? Price { get; set; }
    public long? FreeAbove { get; set; }
    public List<RateBand> Bands { get; set; } = [];

    /// <summary>The price in store-currency minor units for this weight and subtotal; null when the rate does not apply.</summary>
    public long? PriceFor(long weightGrams, long subtotal) => Kind switch
    {
        ShippingRateKind.Flat => Price,
        ShippingRateKind.FreeAbove => subtotal >= FreeAbove ? 0 : Price,
        ShippingRateKind.Weight => Band(weightGrams),
        ShippingRateKind.Subtotal => Band(subtotal),
        _ => null,
    };

    private long? Band(long value) => Bands.FirstOrDefault(b => value >= b.From && (b.To is null || value < b.To))?.Price;
}
