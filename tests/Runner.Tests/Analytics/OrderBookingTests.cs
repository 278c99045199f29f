using Runner.Analytics.Ledger;
using Runner.Catalog.Contracts;
using Runner.Inventory.Contracts;
using Runner.Kernel;
using Runner.Orders.Contracts;
using Runner.Payments.Contracts;
using Runner.Store.Contracts;

namespace Runner.Tests.Analytics;

/// <summary>
/// The ledger's rules without a database: what a cancellation, a return, an edit and tax-inclusive prices book. Order:
/// line 1 is 3 × 10.00 (cost 4.00), line 2 is 1 × 20.00 (cost 5.00), shipping 5.00, tax 5.00, in USD.
/// </summary>
public class OrderBookingTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-05-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly Guid Line1 = Guid.NewGuid(), Line2 = Guid.NewGuid(), Product1 = Guid.NewGuid(), Product2 = Guid.NewGuid();
    private static readonly OrderRate Usd = new("USD", "USD", 1m);

    private static Money M(long minor, string currency = "USD") => new(minor, currency);

    private static OrderEventLine Line(Guid id, Guid product, long quantity, long price, long cost, long tax, string currency = "USD") =>
        new(id, new VariantId(Guid.NewGuid()), new ProductId(product), "SKU", quantity, M(price, currency), M(cost), M(0, currency), M(tax, currency),
            M(price * quantity, currency), 0);

    private static OrderPlacedEvent Placed(bool inclusive = false, string currency = "USD", decimal rate = 1m)
    {
        var lines = new[] { Line(Line1, Product1, 3, 1000, 400, 300, currency), Line(Line2, Product2, 1, 2000, 500, 200, currency) };
        return new OrderPlacedEvent(new OrderId(Guid.NewGuid()), 1001, "#1001", new ChannelId(Guid.NewGuid()), null, "a@example.com", currency, "USD",
            rate, M(5000, currency), M(500, currency), M(500, currency), M(0, currency), M(inclusive ? 5500 : 6000, currency), M(6000),
            M(1700), M(300), lines, null, null, PaymentMethod.Card, PaymentStatus.Paid, false, At, inclusive);
    }

    private static (OrderBook Book, Posting Posting) Place(OrderPlacedEvent e, OrderRate? rate = null) =>
        OrderBooking.Place(e, rate ?? Usd, new Dictionary<Guid, IReadOnlyList<Guid>>());

    [Fact]
    public void Placing_BooksSalesShippingTaxCostsAndTheShippingEstimate()
    {
        var (_, p) = Place(Placed());
        Assert.Equal(new Amounts(GrossSales: 5000, Shipping: 500, Taxes: 500, Cogs: 1700, ShippingCosts: 300, Orders: 1, Units: 4), p.Order);
        Assert.Equal(5000 + 500 - 1700 - 300, p.Order.Profit);
        Assert.Equal([3000, 2000], p.Lines.Select(l => l.Amounts.GrossSales));
    }

    [Fact]
    public void InclusivePrices_TakeTheTaxOutOfSalesAndShipping()
    {
        // Lines carry 5.00 of tax inside their 50.00; nothing of the 5.00 tax is on shipping here.
        var (_, p) = Place(Placed(inclusive: true));
        Assert.Equal(4500, p.Order.GrossSales);
        Assert.Equal(500, p.Order.Shipping);
        Assert.Equal(500, p.Order.Taxes);
    }

    [Fact]
    public void ForeignCurrency_ConvertsEachLineAtTheOrdersRate_CostsStayInStoreCurrency()
    {
        var (_, p) = Place(Placed(currency: "EUR", rate: 0.8m), new OrderRate("EUR", "USD", 0.8m));
        Assert.Equal([3750, 2500], p.Lines.Select(l => l.Amounts.GrossSales));
        Assert.Equal(6250, p.Order.GrossSales);
        Assert.Equal(625, p.Order.Shipping);
        Assert.Equal(1700, p.Order.Cogs);
    }

    [Fact]
    public void AReturn_RefundsTheReturnedLine_AndTakesItsCostOff()
    {
        var (book, _) = Place(Placed());
        // 10.00 refunded for one unit of line 1 returned: 60.00 held (50 sales, 5 shipping, 5 tax) → 8.34 / 0.83 / 0.83
        // (the cent left by rounding goes to the first of equal fractions).
        var refund = new OrderRefundedEvent(new OrderId(Guid.NewGuid()), "#1001", Guid.NewGuid(), M(1000), M(1000), "Return", [], "USD", 1m,
            At.AddDays(3), Returned: [new ReturnLineView(Line1, 1)]);
        var p = OrderBooking.Refund(book, refund, Usd);
        Assert.Equal(1000, p.Order.Refunds - p.Order.Shipping - p.Order.Taxes);
        Assert.Equal(834, p.Order.Refunds);
        Assert.Equal(-400, p.Order.Cogs);
        Assert.Equal(-1, p.Order.Units);
        var line = Assert.Single(p.Lines);
        Assert.Equal(Line1, line.Line.LineId);
        Assert.Equal(834, line.Amounts.Refunds);
        Assert.Equal(At.AddDays(3), p.At);
    }

    [Fact]
    public void ARefundOfAnEditsDifference_BooksNothing()
    {
        var (book, _) = Place(Placed());
        var refund = new OrderRefundedEvent(new OrderId(Guid.NewGuid()), "#1001", Guid.NewGuid(), M(1000), M(1000), "Order edited", [], "USD", 1m,
            At, EditDifference: true);
        Assert.True(OrderBooking.Refund(book, refund, Usd).IsEmpty);
    }

    [Fact]
    public void Cancelling_ReversesWhatRemains_OnceAndWithTheEstimate()
    {
        var (book, placed) = Place(Placed());
        var partial = new OrderRefundedEvent(new OrderId(Guid.NewGuid()), "#1001", Guid.NewGuid(), M(600), M(600), null, [], "USD", 1m, At);
        var refunded = OrderBooking.Refund(book, partial, Usd);
        var cancel = new OrderCancelledEvent(new OrderId(Guid.NewGuid()), "#1001", "Changed mind", M(5400), false, "USD", 1m, At.AddHours(1), Restocked: true);
        var cancelled = OrderBooking.Cancel(book, cancel, Usd);
        var total = placed.Order + refunded.Order + cancelled.Order;
        Assert.Equal(0, total.NetSales);
        Assert.Equal(0, total.Shipping);
        Assert.Equal(0, total.Taxes);
        Assert.Equal(0, total.Cogs);
        Assert.Equal(0, total.ShippingCosts);
        Assert.Equal(0, total.Units);
        Assert.True(OrderBooking.Cancel(book, cancel, Usd).IsEmpty);
    }

    [Fact]
    public void AnEdit_BooksTheDifference_LineByLine()
    {
        var (book, _) = Place(Placed());
        var added = Guid.NewGuid();
        var after = new[]
        {
            Line(Line1, Product1, 1, 1000, 400, 100), Line(Line2, Product2, 1, 2000, 500, 200), Line(added, Product2, 2, 1500, 500, 300),
        };
        var edit = new OrderEditedEvent(new OrderId(Guid.NewGuid()), "#1001", Guid.NewGuid(), M(6000), M(6100), M(0), M(100), null, At.AddDays(1),
            after, DiscountTotal: M(500), TaxTotal: M(600), ShippingTotal: M(500));
        var p = OrderBooking.Edit(book, edit, Usd, pricesIncludeTax: false, new Dictionary<Guid, IReadOnlyList<Guid>>());
        // −2 units of line 1 (−20.00, −8.00 cost), +2 new units (+30.00, +10.00 cost), a 5.00 discount shared 1:2:3, tax +1.00.
        Assert.Equal(1000, p.Order.GrossSales);
        Assert.Equal(500, p.Order.Discounts);
        Assert.Equal(200, p.Order.Cogs);
        Assert.Equal(100, p.Order.Taxes);
        Assert.Equal(0, p.Order.Units);
        Assert.Equal([-2000, 0, 3000], new[] { Line1, Line2, added }.Select(id => p.Lines.Where(l => l.Line.LineId == id).Sum(l => l.Amounts.GrossSales)));
        Assert.Equal(500, p.Lines.Sum(l => l.Amounts.Discounts));
    }

    [Fact]
    public void ALabel_ReplacesTheEstimate_ThenAdds()
    {
        var (book, _) = Place(Placed());
        Assert.Equal(120, OrderBooking.Label(book, M(420), At, Usd).Order.ShippingCosts);
        Assert.Equal(200, OrderBooking.Label(book, M(200), At, Usd).Order.ShippingCosts);
    }
}
