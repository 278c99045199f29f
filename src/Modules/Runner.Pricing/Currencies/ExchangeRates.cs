using Runner.Kernel;
using Runner.Pricing.Contracts;
using Runner.Store.Contracts;

namespace Runner.Pricing.Currencies;

/// <summary>
/// The default <see cref="IExchangeRates"/>: the rates the store configures (<c>/admin/settings/currencies</c>) from its
/// default currency to each enabled currency; towards the default currency the inverse (1/rate), and between two
/// other enabled currencies the cross rate through the default one. A conversion rounds once (<see cref="Money.ConvertTo"/>).
/// </summary>
internal sealed class ExchangeRates(IStoreQueries store) : IExchangeRates
{
    public async Task<ExchangeRate?> GetAsync(string from, string to, CancellationToken ct = default) =>
        Rate(await store.GetSettingsAsync(ct), from, to);

    public async Task<Money?> ConvertAsync(Money amount, string to, CancellationToken ct = default)
    {
        if (amount.Currency == to) return amount;
        var rate = Rate(await store.GetSettingsAsync(ct), amount.Currency, to);
        return rate is null ? null : amount.ConvertTo(to, rate.Rate);
    }

    internal static ExchangeRate? Rate(StoreSettingsView settings, string from, string to)
    {
        if (from == to) return Currency.IsKnown(from) ? new ExchangeRate(from, to, 1m, settings.UpdatedAt) : null;
        var home = settings.DefaultCurrency;
        decimal? PerDefault(string code) => code == home ? 1m
            : settings.IsEnabled(code) && settings.ExchangeRates.TryGetValue(code, out var r) && r > 0 ? r : null;
        if (PerDefault(from) is not { } fromRate || PerDefault(to) is not { } toRate) return null;
        var rate = from == home ? toRate : to == home ? 1m / fromRate : toRate / fromRate;
        return new ExchangeRate(from, to, rate, settings.UpdatedAt);
    }
}
