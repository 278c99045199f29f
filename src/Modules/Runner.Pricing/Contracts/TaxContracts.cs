using Runner.Kernel;

namespace Runner.Pricing.Contracts;

/// <summary>Where the goods go: an ISO 3166-1 alpha-2 country and, optionally, a region (ISO 3166-2 code such as
/// <c>US-CA</c>, its subdivision part <c>CA</c>, or the region text the store uses).</summary>
public sealed record TaxAddress(string Country, string? Region);

/// <summary>One line to tax: <paramref name="Amount"/> is the line total after discounts.</summary>
public sealed record TaxableLine(string Key, string TaxCategory, Money Amount);

/// <summary>
/// A cart (or order) to tax. No address: no tax. <paramref name="PricesIncludeTax"/> null follows the store's setting;
/// an order being edited passes the setting it was placed under, so its new lines are taxed the way its others were.
/// </summary>
public sealed record TaxRequest(string Currency, TaxAddress? Address, IReadOnlyList<TaxableLine> Lines, Money? Shipping,
    bool? PricesIncludeTax = null);

/// <summary>One tax on one line: its name ("VAT", "CA State Tax"), its percentage (8.875) and the amount.</summary>
public sealed record TaxLine(string Name, decimal Rate, Money Amount);

/// <summary>The taxes of one line (an empty list when nothing applies) and their sum.</summary>
public sealed record LineTax(string Key, IReadOnlyList<TaxLine> Lines, Money Total);

/// <summary>
/// The taxes of a request. When <paramref name="PricesIncludeTax"/> is true the amounts are contained in the line
/// amounts (shown, not added); otherwise they are added on top. <paramref name="Shipping"/> is null when the request
/// had no shipping amount.
/// </summary>
public sealed record TaxResult(bool PricesIncludeTax, IReadOnlyList<LineTax> Lines, LineTax? Shipping, Money Total);

/// <summary>Well-known tax categories. Merchants may add their own; a variant without one is taxed as standard.</summary>
public static class TaxCategories
{
    public const string Standard = "standard";
    public const string Reduced = "reduced";
    public const string GiftCard = "gift-card";
    public const string Shipping = "shipping";
}

/// <summary>
/// Computes taxes from the store's tax zones. Rounding is per line and per tax line, half away from zero, through
/// <see cref="Rounding"/>; arithmetic is decimal on long minor units, so totals above 2^31 stay exact.
/// </summary>
public interface ITaxCalculator
{
    Task<TaxResult> CalculateAsync(TaxRequest request, CancellationToken ct = default);
}
