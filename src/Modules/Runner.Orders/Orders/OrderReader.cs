using Microsoft.EntityFrameworkCore;
using Runner.Customers.Contracts;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Orders.Contracts;
using Runner.Payments.Contracts;
using Runner.Pricing.Contracts;

namespace Runner.Orders.Orders;

/// <summary>Builds <see cref="OrderView"/>, the admin detail shape, from an order and everything hanging off it.</summary>
internal sealed class OrderReader(RunnerDbContext db)
{
    public async Task<OrderView?> GetAsync(OrderId id, CancellationToken ct)
    {
        var order = await db.Set<Order>().AsNoTracking().Include(o => o.Lines).Include(o => o.Payments).AsSplitQuery().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return null;
        var fulfilments = await db.Set<Fulfilment>().AsNoTracking().Where(f => f.OrderId == id).OrderBy(f => f.CreatedAt).ToListAsync(ct);
        var refunds = await db.Set<Refund>().AsNoTracking().Where(r => r.OrderId == id).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        var returns = await db.Set<OrderReturn>().AsNoTracking().Where(r => r.OrderId == id).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        var edits = await db.Set<OrderEdit>().AsNoTracking().Where(r => r.OrderId == id).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        var timeline = await db.Set<TimelineEntry>().AsNoTracking().Where(t => t.OrderId == id).OrderBy(t => t.At).ThenBy(t => t.Id).ToListAsync(ct);
        return View(order, fulfilments, refunds, returns, edits, timeline);
    }

    /// <summary>The order and its lines in one query, for what shows no more (the emails): the other lists are empty.</summary>
    public async Task<OrderView?> GetWithLinesAsync(OrderId id, CancellationToken ct) =>
        await db.Set<Order>().AsNoTracking().Include(o => o.Lines).Include(o => o.Payments).AsSplitQuery().FirstOrDefaultAsync(o => o.Id == id, ct) is { } order
            ? View(order, [], [], [], [], [])
            : null;

    /// <summary>The view of an order and the records hanging off it, each list in the order it happened.</summary>
    public static OrderView View(Order order, IReadOnlyList<Fulfilment> fulfilments, IReadOnlyList<Refund> refunds,
        IReadOnlyList<OrderReturn> returns, IReadOnlyList<OrderEdit> edits, IReadOnlyList<TimelineEntry> timeline)
    {
        var c = order.Currency;
        Money M(long minor) => new(minor, c);
        return new OrderView(order.Id, order.Number, order.Name, order.Status, order.PaymentStatus, order.FulfilmentStatus,
            order.HeldForReview, order.Email, order.CustomerId, order.ChannelId, order.CartId, order.Currency, order.StoreCurrency,
            order.ExchangeRate, order.PricesIncludeTax, M(order.Subtotal), M(order.ShippingTotal), M(order.TaxTotal),
            M(order.DiscountTotal), M(order.Total), M(order.Authorized), M(order.Captured), M(order.Refunded), M(BalanceDue(order)), M(RefundOwed(order)),
            order.PaymentId, order.PaymentMethod,
            OrderJson.ReadOrNull<CustomerAddress>(order.ShippingAddress), OrderJson.ReadOrNull<CustomerAddress>(order.BillingAddress),
            [.. order.Lines.OrderBy(l => l.Position).Select(Line)],
            OrderJson.ReadOrNull<OrderShippingView>(order.Shipping),
            [.. fulfilments.Select(f => new FulfilmentView(f.Id, f.LocationId, OrderJson.Read<List<FulfilmentLineView>>(f.Lines), f.Carrier,
                f.TrackingNumber, f.TrackingUrl, f.LabelCost is { } cost ? new Money(cost, f.LabelCurrency!) : null, f.CreatedAt,
                f.DeliveredAt, f.Actor))],
            [.. refunds.Select(r => new RefundView(r.Id, M(r.Amount), r.Reason, OrderJson.Read<List<RestockLineView>>(r.Restocked),
                r.CreatedAt, r.Actor, OrderJson.Read<List<RefundPaymentView>>(r.Payments)))],
            [.. returns.Select(r => new ReturnView(r.Id, r.Status, OrderJson.Read<List<ReturnLineView>>(r.Lines), r.Reason, r.RefundId,
                r.CreatedAt, r.ReceivedAt, r.RestockedAt))],
            [.. edits.Select(e => new OrderEditView(e.Id, M(e.TotalBefore), M(e.TotalAfter), M(e.Refunded), M(e.BalanceDue), e.Reason,
                e.CreatedAt, e.Actor))],
            OrderJson.ReadOrNull<OrderAttribution>(order.Attribution), OrderJson.ReadOrNull<FraudAssessment>(order.Fraud), order.Note,
            [.. timeline.Select(t => new TimelineEntryView(t.Id, t.Kind, t.Message, t.Actor, t.At, t.ActorName))],
            order.CreatedAt, order.UpdatedAt, order.CancelledAt, order.CancelReason,
            [.. order.Payments.OrderBy(p => p.Position).Select(p => new OrderPaymentView(p.PaymentId, p.Method, p.State, M(p.Amount),
                M(p.Authorized), M(p.Captured), M(p.Refunded), p.Brand, p.Last4, p.CreatedAt))]);
    }

    public static OrderLineView Line(OrderLine l)
    {
        var taxes = OrderJson.Read<List<TaxLine>>(l.TaxLines);
        return new OrderLineView(l.Id, l.VariantId, l.ProductId, l.Sku, l.ProductTitle, l.VariantTitle, l.Quantity, l.OriginalQuantity,
            new Money(l.UnitPrice, l.Currency), l.UnitCost is { } cost ? new Money(cost, l.CostCurrency ?? l.Currency) : null,
            new Money(l.Discount, l.Currency), taxes, new Money(l.Total, l.Currency), l.RequiresShipping,
            l.WeightGrams, l.Fulfilled, l.RefundedQuantity, l.Returned, l.Backordered);
    }

    /// <summary>
    /// What the customer still owes: the total less what the live payments paid or hold (captured, or authorized and not
    /// yet captured) net of refunds; zero once cancelled or when nothing is owed. A pending manual payment covers nothing:
    /// the money has not arrived.
    /// </summary>
    /// <summary>
    /// What was captured above the order's total and not refunded yet (all of it once the order is cancelled): an edit
    /// that lowered the total whose refund the gateway refused, for instance. Refund it from the order.
    /// </summary>
    public static long RefundOwed(Order o) => Math.Max(0, o.Captured - o.Refunded - (o.Status == OrderStatus.Cancelled ? 0 : o.Total));

    public static long BalanceDue(Order o)
    {
        if (o.Status == OrderStatus.Cancelled || o.PaymentStatus == PaymentStatus.Voided) return 0;
        var covered = o.Payments.Count == 0 ? Math.Max(o.Authorized, o.Captured) - o.Refunded
            : o.Payments.Where(p => p.Live).Sum(p => Math.Max(p.Authorized, p.Captured) - p.Refunded);
        if (o.PaymentId is null && o.PaymentStatus == PaymentStatus.Paid) covered = o.Total;
        return Math.Max(0, o.Total - covered);
    }
}
