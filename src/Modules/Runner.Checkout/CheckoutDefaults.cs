using Runner.Kernel;
using Runner.Pricing.Contracts;
using Runner.Shipping.Contracts;
using Runner.Store.Contracts;

namespace Runner.Checkout;

/// <summary>Taxes when no tax module is installed: none, with prices as the store declares them (inclusive or not).</summary>
internal sealed class NoTaxes(IStoreQueries store) : ITaxCalculator
{
    public async Task<TaxResult> CalculateAsync(TaxRequest request, CancellationToken ct = default)
    {
        var settings = await store.GetSettingsAsync(ct);
        var zero = Money.Zero(request.Currency);
        return new TaxResult(settings.PricesIncludeTax, [.. request.Lines.Select(l => new LineTax(l.Key, [], zero))],
            request.Shipping is null ? null : new LineTax("shipping", [], zero), zero);
    }
}

/// <summary>Shipping when no shipping module is installed: no rates anywhere.</summary>
internal sealed class NoShippingRates : IShippingRates
{
    public Task<IReadOnlyList<ShippingQuote>> QuoteAsync(ShippingQuoteRequest request, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<ShippingQuote>>([]);
}
