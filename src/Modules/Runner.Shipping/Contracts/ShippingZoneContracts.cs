using Runner.Kernel;
using Runner.Kernel.Ids;
using Runner.Kernel.Results;

namespace Runner.Shipping.Contracts;

public readonly record struct ShippingZoneId(Guid Value) : ITypedId<ShippingZoneId>
{
    public static ShippingZoneId Create(Guid value) => new(value);
    public override string ToString() => Value.ToString();
}

/// <summary>How a rate is priced.</summary>
public enum ShippingRateKind
{
    /// <summary>One price.</summary>
    Flat,
    /// <summary>The price of the band the parcel's weight (grams) falls in; no band, no rate.</summary>
    Weight,
    /// <summary>The price of the band the subtotal (store currency, minor units) falls in; no band, no rate.</summary>
    Subtotal,
    /// <summary>A flat price that becomes 0 at or above a subtotal threshold.</summary>
    FreeAbove,
}

/// <summary>
/// A country, or one region of it (ISO 3166-2 code or the store's region text), optionally narrowed to postal codes:
/// exact codes (<c>94107</c>; in GB and Canada an outward code or FSA such as <c>SW1A</c> or <c>M5V</c> covers every code
/// in it), prefixes (<c>94*</c>) and ranges (<c>10000-14999</c>, bounds of one length). Codes are compared in upper case
/// without spaces or hyphens, a US ZIP+4 as its ZIP. The country <c>*</c> is the rest of the world: every destination
/// no other zone holds.
/// </summary>
public sealed record ShippingArea(string Country, string? Region = null, IReadOnlyList<string>? PostalCodes = null);

/// <summary>A shipping zone as the admin sends it; <c>areas</c> and <c>rates</c> are whole lists.</summary>
public sealed record ShippingZoneInput(string Name, IReadOnlyList<ShippingArea> Areas, IReadOnlyList<ShippingRateInput> Rates);

/// <summary>A band of a weight (grams) or subtotal (store-currency minor units) rate: from inclusive, to exclusive.</summary>
public sealed record RateBandInput(long From, Money Price, long? To = null);

/// <summary>
/// A rate. <c>id</c> keeps an existing rate (and its RateId) when a zone is edited; leave it out for a new one. Prices
/// are in the store's default currency: <c>price</c> for flat and free_above, <c>freeAbove</c> the subtotal threshold,
/// <c>bands</c> for weight and subtotal. <c>estimatedCost</c> is what the label is expected to cost the store.
/// </summary>
public sealed record ShippingRateInput(string Name, ShippingRateKind Kind, Guid? Id = null, string? Carrier = null, string? Service = null,
    int? MinDays = null, int? MaxDays = null, Money? EstimatedCost = null, Money? Price = null, Money? FreeAbove = null,
    IReadOnlyList<RateBandInput>? Bands = null);

/// <summary>A shipping zone; <see cref="Version"/> is also its ETag (<c>"7"</c>), for <c>If-Match</c> on a change.</summary>
public sealed record ShippingZoneResponse(ShippingZoneId Id, string Name, IReadOnlyList<ShippingArea> Areas,
    IReadOnlyList<ShippingRateInput> Rates, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy, long Version);

public sealed record ShippingZoneList(IReadOnlyList<ShippingZoneResponse> Items);

/// <summary>Shipping settings for code inside the engine (the demo seed, imports): the admin API's rules, stamped with the
/// current actor.</summary>
public interface IShippingZones
{
    Task<Result<ShippingZoneResponse>> CreateAsync(ShippingZoneInput input, CancellationToken ct = default);
    Task<IReadOnlyList<ShippingZoneResponse>> ListAsync(CancellationToken ct = default);
}
