using Runner.Checkout.Contracts;
using Runner.Kernel;
using Runner.Pricing.Contracts;
using Runner.Shipping.Contracts;
using Runner.Store.Contracts;

namespace Runner.Checkout.Carts;

/// <summary>
/// A cart's totals in minor units of its currency, exact in <see cref="long"/> (checked arithmetic, so also above
/// 2^31): the subtotal of its lines, the chosen shipping rate re-quoted for the cart as it is now, and the taxes
/// from <see cref="ITaxCalculator"/>, which rounds per line. With tax-inclusive prices the taxes are contained in the
/// subtotal and shipping (shown, not added); otherwise they are added to the total.
/// </summary>
internal sealed class CartTotals(ITaxCalculator taxes, IShippingRates rates)
{
    public async Task<PricedCart> ComputeAsync(Cart cart, StoreSettingsView settings, decimal? rate, IReadOnlyList<PricedLine> lines, CancellationToken ct)
    {
        var zero = Money.Zero(cart.Currency);
        var subtotal = lines.Aggregate(zero, (sum, l) => sum + l.Total);
        var shippingRate = await RequoteAsync(cart, lines, ct);
        var shipping = shippingRate?.Price ?? zero;
        var address = cart.ShippingAddress ?? cart.BillingAddress;
        var tax = await taxes.CalculateAsync(new TaxRequest(cart.Currency,
            address is null ? null : new TaxAddress(address.Country, address.Region),
            [.. lines.Select(l => new TaxableLine(l.Line.Id.ToString(), l.Variant?.TaxCategory ?? l.Line.TaxCategory ?? TaxCategories.Standard, l.Total))],
            shippingRate is null ? null : shipping), ct);
        var total = subtotal + shipping + (tax.PricesIncludeTax ? zero : tax.Total);
        return new PricedCart(cart, settings, rate, lines, subtotal, shipping, tax.Total, total, tax.PricesIncludeTax, shippingRate, tax);
    }

    /// <summary>The quote request for the lines that need shipping; null without a shipping address.</summary>
    public static ShippingQuoteRequest? QuoteRequest(Cart cart, IReadOnlyList<PricedLine> lines)
    {
        if (cart.ShippingAddress is not { } a) return null;
        var shipped = lines.Where(l => l.Variant?.RequiresShipping ?? l.Line.RequiresShipping).ToList();
        return new ShippingQuoteRequest(cart.Currency, new ShippingDestination(a.Country, a.Region, a.PostalCode),
            shipped.Aggregate(Money.Zero(cart.Currency), (sum, l) => sum + l.Total),
            shipped.Sum(l => checked((l.Variant?.WeightGrams ?? l.Line.WeightGrams) * l.Line.Quantity)),
            (int)Math.Min(int.MaxValue, shipped.Sum(l => l.Line.Quantity)));
    }

    /// <summary>The chosen rate as quoted now (its price may move with the cart); null when it is no longer offered.</summary>
    private async Task<CartShippingRate?> RequoteAsync(Cart cart, IReadOnlyList<PricedLine> lines, CancellationToken ct)
    {
        if (cart.ShippingRate is not { } chosen || QuoteRequest(cart, lines) is not { } request) return null;
        var quote = (await rates.QuoteAsync(request, ct)).FirstOrDefault(q => q.RateId == chosen.Id);
        return quote is null ? null : ToRate(quote);
    }

    public static CartShippingRate ToRate(ShippingQuote q) => new(q.RateId, q.Name, q.Carrier, q.Service, q.Price, q.MinDays, q.MaxDays);
}
