using Runner.Kernel;
using Runner.Store.Contracts;

namespace Runner.Checkout.Carts;

/// <summary>
/// A cart's totals in minor units of its currency, exact in <see cref="long"/> (checked arithmetic): the subtotal of
/// its lines, the chosen shipping rate, and the total.
/// </summary>
internal sealed class CartTotals
{
    public Task<PricedCart> ComputeAsync(Cart cart, StoreSettingsView settings, decimal? rate, IReadOnlyList<PricedLine> lines, CancellationToken ct)
    {
        var subtotal = lines.Aggregate(Money.Zero(cart.Currency), (sum, l) => sum + l.Total);
        var shipping = cart.ShippingRate?.Price is { } price && price.Currency == cart.Currency ? price : Money.Zero(cart.Currency);
        var tax = Money.Zero(cart.Currency);
        var total = subtotal + shipping + (settings.PricesIncludeTax ? Money.Zero(cart.Currency) : tax);
        return Task.FromResult(new PricedCart(cart, settings, rate, lines, subtotal, shipping, tax, total, settings.PricesIncludeTax));
    }
}
