using Runner.Kernel;
using Runner.Orders.Contracts;

namespace Runner.Orders.Orders;

/// <summary>Builds the outbox payloads analytics reads.</summary>
internal static class Events
{
    public static OrderPlacedEvent Placed(Order o, Money totalInStore, Money? shippingEstimatedCost)
    {
        var costs = o.Lines.Where(l => l.UnitCost is not null).Select(l => l.UnitCost!.Value * l.Quantity).Sum();
        return new OrderPlacedEvent(o.Id, o.Number, o.Name, o.ChannelId, o.CustomerId, o.Email, o.Currency, o.StoreCurrency,
            o.ExchangeRate, M(o, o.Subtotal), M(o, o.ShippingTotal), M(o, o.TaxTotal), M(o, o.DiscountTotal), M(o, o.Total), totalInStore,
            new Money(costs, o.StoreCurrency), shippingEstimatedCost, Lines(o), OrderJson.ReadOrNull<OrderAttribution>(o.Attribution),
            o.PaymentId, o.PaymentMethod, o.PaymentStatus, o.HeldForReview, o.CreatedAt, o.PricesIncludeTax);
    }

    public static IReadOnlyList<OrderEventLine> Lines(Order o) => [.. o.Lines.OrderBy(l => l.Position).Select(l =>
        new OrderEventLine(l.Id, l.VariantId, l.ProductId, l.Sku, l.Quantity, new Money(l.UnitPrice, l.Currency),
            l.UnitCost is { } c ? new Money(c, l.CostCurrency ?? o.StoreCurrency) : null, new Money(l.Discount, l.Currency),
            new Money(l.Tax, l.Currency), new Money(l.Total, l.Currency), l.Backordered, l.ProductTitle, l.VariantTitle))];

    public static Money M(Order o, long minor) => new(minor, o.Currency);
}
