using Runner.Checkout.Contracts;
using Runner.Kernel;

namespace Runner.Checkout.Carts;

internal static class CartViews
{
    public static CartResponse ToResponse(this PricedCart p)
    {
        var c = p.Cart;
        return new CartResponse(c.Id, c.ChannelId, c.Status, c.Currency, p.Settings.DefaultCurrency, p.Rate ?? c.ExchangeRate, c.Email,
            [.. p.Lines.Select(l => new CartLineResponse(l.Line.Id, l.Line.VariantId, l.Variant?.ProductId ?? l.Line.ProductId,
                l.Variant?.Sku ?? l.Line.Sku, l.Variant?.ProductTitle ?? l.Line.ProductTitle, l.Variant?.VariantTitle ?? l.Line.VariantTitle,
                l.Variant is null ? l.Line.ImageUrl : l.Variant.ImageUrl, l.Line.Quantity, l.UnitPrice, l.CompareAtPrice, l.Total,
                l.Variant?.RequiresShipping ?? l.Line.RequiresShipping, l.Issue))],
            c.Lines.Sum(l => l.Quantity), p.Subtotal, p.ShippingTotal, p.TaxTotal, p.Total, p.PricesIncludeTax,
            c.ShippingAddress, c.BillingAddress, p.ShippingRate, c.Note, c.Attribution, c.OrderId, c.CreatedAt, c.LastActivityAt);
    }

    public static AbandonedCartResponse ToAbandoned(this Cart c) => new(c.Id, c.ChannelId, c.Email, c.Currency, c.ItemCount,
        new Money(c.Subtotal, c.Currency), c.Attribution, c.CreatedAt, c.LastActivityAt);
}
