using Runner.Kernel;
using Runner.Pricing.Contracts;

namespace Runner.Pricing.Taxes;

/// <summary>A tax to apply: its name and percentage (8.875 means 8.875 %).</summary>
internal readonly record struct AppliedRate(string Name, decimal Percentage);

/// <summary>
/// The tax of one line; every rounding goes through <see cref="Rounding"/> (half away from zero, once per tax line).
/// </summary>
internal static class TaxMath
{
    /// <summary>
    /// Tax-exclusive: each tax is round(amount × rate), added on top. Tax-inclusive: the line's tax is
    /// amount − round(amount / (1 + sum of rates)), contained in the amount, and shared among the taxes in proportion
    /// to their rates so that the parts add up to it exactly.
    /// </summary>
    public static LineTax Line(string key, Money amount, IReadOnlyList<AppliedRate> rates, bool pricesIncludeTax)
    {
        var currency = amount.Currency;
        if (rates.Count == 0) return new LineTax(key, [], Money.Zero(currency));
        long[] parts;
        if (!pricesIncludeTax)
        {
            parts = [.. rates.Select(r => Rounding.Percent(amount.Minor, r.Percentage))];
        }
        else
        {
            var included = Rounding.IncludedPercent(amount.Minor, rates.Sum(r => r.Percentage));
            parts = Rounding.Allocate(included, [.. rates.Select(r => (long)(r.Percentage * 10_000))]);
        }
        var lines = rates.Select((r, i) => new TaxLine(r.Name, r.Percentage, new Money(parts[i], currency))).ToList();
        return new LineTax(key, lines, new Money(parts.Sum(), currency));
    }
}
