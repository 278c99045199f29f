using Runner.Kernel;

namespace Runner.Pricing.Contracts;

/// <summary>Units of <paramref name="To"/> for one unit of <paramref name="From"/>.</summary>
public sealed record ExchangeRate(string From, string To, decimal Rate, DateTimeOffset UpdatedAt);

/// <summary>
/// The store-configured exchange rates: from the default currency to each enabled currency, and their inverses.
/// Conversions round once, to the target currency's minor unit, through <see cref="Rounding"/>.
/// </summary>
public interface IExchangeRates
{
    /// <summary>The rate from one currency to another (1 when they are the same); null when the store has none.</summary>
    Task<ExchangeRate?> GetAsync(string from, string to, CancellationToken ct = default);

    /// <summary>The amount in <paramref name="to"/>; null when the store has no rate between the two currencies.</summary>
    Task<Money?> ConvertAsync(Money amount, string to, CancellationToken ct = default);
}
