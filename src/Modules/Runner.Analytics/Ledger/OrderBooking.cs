using Runner.Kernel;
using Runner.Orders.Contracts;

namespace Runner.Analytics.Ledger;

/// <summary>
/// The ledger's rules, without a database: what placing, refunding, cancelling or editing an order books, given what
/// was booked before (<see cref="OrderBook"/>). Each returns the change as a <see cref="Posting"/> and updates the book.
/// Amounts are computed per line in the order currency and converted line by line, so products add up to the total.
/// </summary>
internal static class OrderBooking
{
    /// <summary>The book of a newly placed order (collections of each product given) and its first posting.</summary>
    public static (OrderBook Book, Posting Posting) Place(OrderPlacedEvent e, OrderRate rate,
        IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> collections)
    {
        var book = new OrderBook();
        Fill(book, e.Lines, e.DiscountTotal.Minor, e.TaxTotal.Minor, e.ShippingTotal.Minor, e.PricesIncludeTax, rate, collections);
        book.EstimatedShippingCost = e.ShippingEstimatedCost is { } estimate ? rate.ToStore(estimate) : 0;
        var lines = book.Lines.Select(l => (l, new Amounts(GrossSales: rate.ToStore(l.Gross), Discounts: rate.ToStore(l.Discount),
            Cogs: l.UnitCost * l.Quantity, Orders: 1, Units: l.Quantity))).ToList();
        var order = Sum(lines) with
        {
            Shipping = rate.ToStore(book.Shipping), Taxes = rate.ToStore(book.Tax), ShippingCosts = book.EstimatedShippingCost, Orders = 1,
        };
        return (book, new Posting(e.PlacedAt, order, lines));
    }

    /// <summary>
    /// Books a refund: its money split over what the order still holds (sales, shipping, tax) in proportion; the sales
    /// part goes to the lines put back or returned (by their value), else to every line by what it still holds; units
    /// put back on the shelves take their cost off. A refund that gives back what an edit took off books no sales:
    /// the edit did.
    /// </summary>
    public static Posting Refund(OrderBook book, OrderRefundedEvent e, OrderRate rate)
    {
        if (e.EditDifference) return new Posting(e.At, default, []);
        var back = e.Restocked.Select(r => (r.LineId, r.Quantity)).Concat((e.Returned ?? []).Select(r => (r.LineId, r.Quantity)))
            .GroupBy(x => x.LineId).ToDictionary(g => g.Key, g => g.Sum(x => x.Quantity));
        var amount = e.Amount.Minor;
        var (sales, shipping, tax) = (book.RemainingSales, book.Shipping - book.RefundedShipping, book.Tax - book.RefundedTax);
        var held = Math.Max(0, sales) + Math.Max(0, shipping) + Math.Max(0, tax);
        var covered = Math.Min(amount, held);
        var parts = held == 0 ? [0L, 0L, 0L] : Rounding.Allocate(covered, [Math.Max(0, sales), Math.Max(0, shipping), Math.Max(0, tax)]);
        var beyond = amount - covered;
        book.RefundedShipping += parts[1];
        book.RefundedTax += parts[2];
        book.RefundedBeyond += beyond;
        var weights = book.Lines.Select(l => back.TryGetValue(l.LineId, out var units) && l.Quantity > 0
            ? Math.Max(0, l.Remaining) * Math.Min(units, l.Quantity) / l.Quantity : 0).ToList();
        if (weights.All(w => w == 0)) weights = [.. book.Lines.Select(l => Math.Max(0, l.Remaining))];
        var shares = weights.All(w => w == 0) ? new long[book.Lines.Count] : Rounding.Allocate(parts[0], weights);
        var lines = new List<(BookLine, Amounts)>();
        for (var i = 0; i < book.Lines.Count; i++)
        {
            var line = book.Lines[i];
            var units = Math.Min(back.GetValueOrDefault(line.LineId), line.UnitsKept);
            line.RefundedSales += shares[i];
            line.UnitsBack += units;
            if (shares[i] != 0 || units != 0)
                lines.Add((line, new Amounts(Refunds: rate.ToStore(shares[i]), Cogs: -line.UnitCost * units, Units: -units)));
        }
        var sum = Sum(lines);
        var order = sum with { Refunds = sum.Refunds + rate.ToStore(beyond), Shipping = -rate.ToStore(parts[1]), Taxes = -rate.ToStore(parts[2]) };
        return new Posting(e.At, order, lines);
    }

    /// <summary>
    /// Books a cancellation: whatever the order still holds (sales, shipping, tax) comes off as refunded; its units'
    /// cost comes off when they were put back; the shipping estimate comes off when no label was bought.
    /// </summary>
    public static Posting Cancel(OrderBook book, OrderCancelledEvent e, OrderRate rate)
    {
        if (book.Cancelled) return new Posting(e.At, default, []);
        book.Cancelled = true;
        var lines = new List<(BookLine, Amounts)>();
        foreach (var line in book.Lines)
        {
            var sales = Math.Max(0, line.Remaining);
            var units = e.Restocked ? line.UnitsKept : 0;
            line.RefundedSales += sales;
            line.UnitsBack += units;
            if (sales != 0 || units != 0)
                lines.Add((line, new Amounts(Refunds: rate.ToStore(sales), Cogs: -line.UnitCost * units, Units: -units)));
        }
        var (shipping, tax) = (book.Shipping - book.RefundedShipping, book.Tax - book.RefundedTax);
        book.RefundedShipping += shipping;
        book.RefundedTax += tax;
        var estimate = book.LabelCosts == 0 ? book.EstimatedShippingCost : 0;
        book.EstimatedShippingCost -= estimate;
        var order = Sum(lines) with { Shipping = -rate.ToStore(shipping), Taxes = -rate.ToStore(tax), ShippingCosts = -estimate };
        return new Posting(e.At, order, lines);
    }

    /// <summary>
    /// Books an edit: the order as the edit left it is booked again and the difference posted (lines added, removed or
    /// changed, a manual discount, the tax that followed); what was refunded and put back before stays as it was.
    /// </summary>
    public static Posting Edit(OrderBook book, OrderEditedEvent e, OrderRate rate, bool pricesIncludeTax,
        IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> collections)
    {
        if (e.Lines is null) return new Posting(e.At, default, []);
        var after = new OrderBook();
        Fill(after, e.Lines, e.DiscountTotal?.Minor ?? 0, e.TaxTotal?.Minor ?? book.Tax, e.ShippingTotal?.Minor ?? 0, pricesIncludeTax, rate,
            collections);
        var lines = new List<(BookLine, Amounts)>();
        foreach (var now in after.Lines)
        {
            var was = book.Lines.FirstOrDefault(l => l.LineId == now.LineId);
            if (was is null)
            {
                book.Lines.Add(now);
                lines.Add((now, new Amounts(GrossSales: rate.ToStore(now.Gross), Discounts: rate.ToStore(now.Discount),
                    Cogs: now.UnitCost * now.Quantity, Units: now.Quantity)));
                continue;
            }
            var delta = new Amounts(GrossSales: rate.ToStore(now.Gross) - rate.ToStore(was.Gross),
                Discounts: rate.ToStore(now.Discount) - rate.ToStore(was.Discount),
                Cogs: was.UnitCost * (now.Quantity - was.Quantity), Units: now.Quantity - was.Quantity);
            (was.Quantity, was.Gross, was.Discount, was.Tax) = (now.Quantity, now.Gross, now.Discount, now.Tax);
            if (!delta.IsZero) lines.Add((was, delta));
        }
        var shipping = after.Shipping - book.Shipping;
        var tax = after.Tax - book.Tax;
        (book.Shipping, book.Tax) = (after.Shipping, after.Tax);
        var order = Sum(lines) with { Shipping = rate.ToStore(shipping), Taxes = rate.ToStore(tax) };
        return new Posting(e.At, order, lines);
    }

    /// <summary>A label cost replaces the shipping estimate (the first label) or adds to the labels before it.</summary>
    public static Posting Label(OrderBook book, Money labelCost, DateTimeOffset at, OrderRate rate)
    {
        var cost = rate.ToStore(labelCost);
        var estimate = book.EstimatedShippingCost;
        book.EstimatedShippingCost = 0;
        book.LabelCosts += cost;
        return new Posting(at, new Amounts(ShippingCosts: cost - estimate), []);
    }

    /// <summary>Reads lines and order totals into a book: tax taken out of inclusive prices, order discounts shared over lines.</summary>
    private static void Fill(OrderBook book, IReadOnlyList<OrderEventLine> lines, long discountTotal, long taxTotal, long shippingTotal,
        bool pricesIncludeTax, OrderRate rate, IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> collections)
    {
        foreach (var l in lines)
        {
            var product = l.ProductId?.Value;
            book.Lines.Add(new BookLine
            {
                LineId = l.LineId, ProductId = product, Quantity = l.Quantity,
                Collections = product is { } p && collections.TryGetValue(p, out var c) ? [.. c] : [],
                Gross = checked(l.UnitPrice.Minor * l.Quantity) - (pricesIncludeTax ? l.Tax.Minor : 0),
                Discount = l.Discount.Minor, Tax = l.Tax.Minor, UnitCost = l.UnitCost is { } cost ? rate.ToStore(cost) : 0,
            });
        }
        var orderDiscount = discountTotal - lines.Sum(l => l.Discount.Minor);
        if (orderDiscount > 0 && book.Lines.Count > 0)
        {
            var weights = book.Lines.Select(l => Math.Max(0, l.Gross - l.Discount)).ToList();
            if (weights.All(w => w == 0)) weights = [.. book.Lines.Select(_ => 1L)];
            var shares = Rounding.Allocate(orderDiscount, weights);
            for (var i = 0; i < shares.Length; i++) book.Lines[i].Discount += shares[i];
        }
        var shippingTax = taxTotal - lines.Sum(l => l.Tax.Minor);
        book.Shipping = shippingTotal - (pricesIncludeTax ? Math.Max(0, shippingTax) : 0);
        book.Tax = taxTotal;
    }

    private static Amounts Sum(IEnumerable<(BookLine Line, Amounts Amounts)> lines) =>
        lines.Aggregate(default(Amounts), (sum, l) => sum + l.Amounts with { Orders = 0 });
}
