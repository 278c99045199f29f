using Runner.Kernel;

namespace Runner.Shipping.Contracts;

/// <summary>Where a parcel goes: an ISO 3166-1 alpha-2 country, optionally a region (ISO 3166-2 or store text).</summary>
public sealed record ShippingDestination(string Country, string? Region, string? PostalCode);

/// <summary>Subtotal and weight of the lines that require shipping, in the cart currency.</summary>
public sealed record ShippingQuoteRequest(string Currency, ShippingDestination Destination, Money Subtotal, long WeightGrams, int Items);

/// <summary>
/// One way to ship a cart. <paramref name="RateId"/> is the rate's id and stable: quoting the same cart again returns
/// the same id, so checkout re-validates the chosen one. <paramref name="Price"/> is in the cart currency;
/// <paramref name="EstimatedCost"/> is the merchant's estimated label cost in the store currency.
/// </summary>
public sealed record ShippingQuote(string RateId, string Name, string? Carrier, string? Service, Money Price,
    int? MinDays, int? MaxDays, Money? EstimatedCost);

/// <summary>The rates of the store's shipping zones that apply to a destination, weight and subtotal, cheapest first.
/// A destination in no zone has no rates.</summary>
public interface IShippingRates
{
    Task<IReadOnlyList<ShippingQuote>> QuoteAsync(ShippingQuoteRequest request, CancellationToken ct = default);
}
