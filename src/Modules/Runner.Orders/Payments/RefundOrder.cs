using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Runner.Inventory.Contracts;
using Runner.Kernel;
using Runner.Kernel.Http;
using Runner.Kernel.Idempotency;
using Runner.Kernel.Outbox;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;
using Runner.Orders.Contracts;
using Runner.Orders.Orders;
using Runner.Payments.Contracts;

namespace Runner.Orders.Payments;

public sealed record RestockLine(Guid LineId, long Quantity, LocationId LocationId);

/// <summary>
/// The body of <c>POST /admin/orders/{id}/refunds</c>. <see cref="Restock"/> puts units of chosen lines back at chosen
/// locations (a <c>returned</c> row in the stock ledger). An amount of zero with lines to restock only restocks.
/// <see cref="PaymentId"/> names the payment to refund from; without it the payments give back newest first.
/// </summary>
public sealed record RefundRequest(Money Amount, string? Reason = null, IReadOnlyList<RestockLine>? Restock = null, PaymentId? PaymentId = null);

public sealed record RefundResponse(RefundView Refund, OrderView Order);

/// <summary>
/// <c>POST /admin/orders/{id}/refunds</c>: gives money back, never above what was captured less what was refunded, as
/// often as needed, from the named payment or from the payments newest first; optionally restocks units. The payments
/// move first (outside any transaction, as a gateway call must); the refund, the order's amounts, the restock, the
/// timeline and <c>order.refunded</c> are then one commit. Should a later payment refuse after an earlier one gave
/// back, what was given back is recorded and the refusal answered. Units that a refund or return made meanwhile put
/// back first are not restocked twice: the refund is recorded with the units still left, and its timeline entry says so.
/// </summary>
internal sealed class RefundOrder(OrderWork work, OrderReader reader, OrderMoney money, IInventoryService inventory, IOutbox outbox)
{
    public const int MaxReason = 500;

    public static void Map(IEndpointRouteBuilder orders) =>
        orders.MapPost("/{id:guid}/refunds", Endpoint).RequirePermission(Permissions.RefundsWrite).WithName("RefundOrder")
            .WithSummary("Refund part or all of what was captured, optionally restocking lines (Idempotency-Key header required)")
            .Produces<RefundResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    internal static Task<IResult> Endpoint(Guid id, RefundRequest body, HttpContext http, IdempotencyStore idempotency,
        RefundOrder handler, CancellationToken ct) =>
        idempotency.RunAsync(http, "orders", new { id, body }, async ct =>
        {
            var result = await handler.RunAsync(new OrderId(id), body, "refund", ct);
            return new IdempotentResponse(201, result, $"/admin/orders/{id}");
        }, ct);

    /// <summary>Refunds under the order's money lease (one money action per order at a time).</summary>
    public Task<RefundResponse> RunAsync(OrderId id, RefundRequest r, string kind, CancellationToken ct) =>
        work.MovingMoneyAsync(id, () => RefundAsync(id, r, kind, ct), ct);

    private async Task<RefundResponse> RefundAsync(OrderId id, RefundRequest r, string kind, CancellationToken ct)
    {
        var order = await work.ReadAsync(id, ct);
        Check(order, r, await work.AwaitedReturnsAsync(id, ct));
        OrderMoney.Moved? moved = null;
        if (r.Amount.Minor > 0)
        {
            moved = await money.RefundAsync(order, r.Amount, r.PaymentId, r.Reason, ct);
            if (moved is { Payments.Count: 0, Failure: { } refused }) throw OrderErrors.Throw(refused);
        }
        var amount = moved is null ? r.Amount : new Money(moved.Total, order.Currency);
        var refundId = await work.RunAsync(async ct =>
        {
            var locked = await work.LockAsync(id, ct);
            var awaited = await work.AwaitedReturnsAsync(id, ct);
            if (r.Amount.Minor == 0) Check(locked, r, awaited);
            // The restock is looked at again under the lock: a parallel refund or return may have put some of the same
            // units back since. The money has moved by now, so the refund is recorded whatever happens to the units:
            // only the units still there to restock are restocked, and the timeline says which were not.
            var restock = r.Amount.Minor == 0 ? r.Restock ?? [] : StillRestockable(locked, r.Restock ?? [], awaited);
            var skipped = (r.Restock ?? []).Sum(x => x.Quantity) - restock.Sum(x => x.Quantity);
            foreach (var payment in moved?.Payments ?? []) work.Apply(locked, payment);
            var refund = await RecordAsync(locked, amount, r.Reason, restock, moved?.Parts ?? [], ct);
            work.Log(id, kind, $"Refunded {amount}" + (r.Reason is { } reason ? $" ({reason})" : "")
                + (restock.Count > 0 ? $"; restocked {restock.Sum(x => x.Quantity)} unit(s)" : "")
                + (skipped > 0 ? $"; {skipped} unit(s) asked for were not restocked: a refund or return made meanwhile had put them back" : "")
                + (moved?.Failure is { } failed ? $"; {new Money(r.Amount.Minor - amount.Minor, order.Currency)} could not be refunded: {failed.Message}" : "")
                + ".");
            await work.Db.SaveChangesAsync(ct);
            return refund.Id;
        }, ct);
        if (moved?.Failure is { } failure) throw OrderErrors.Throw(failure);
        var view = (await reader.GetAsync(id, ct))!;
        return new RefundResponse(view.Refunds.Single(x => x.Id == refundId), view);
    }

    /// <summary>
    /// Records, in one commit, a refund already made on the order's payments with no lines restocked (the difference an
    /// edit gave back, or what moved before a payment refused), with its timeline entry.
    /// </summary>
    public Task<Guid> RecordMovedAsync(OrderId id, OrderMoney.Moved moved, string reason, string message, CancellationToken ct,
        bool editDifference = false) =>
        work.RunAsync(async ct =>
        {
            var locked = await work.LockAsync(id, ct);
            foreach (var payment in moved.Payments) work.Apply(locked, payment);
            var refund = await RecordAsync(locked, new Money(moved.Total, locked.Currency), reason, [], moved.Parts, ct, editDifference);
            work.Log(id, "refund", message);
            await work.Db.SaveChangesAsync(ct);
            return refund.Id;
        }, ct);

    /// <summary>Records a refund already made on the payments, restocking its lines, with <c>order.refunded</c>; in the caller's transaction.</summary>
    public async Task<Refund> RecordAsync(Order order, Money amount, string? reason, IReadOnlyList<RestockLine> restock,
        IReadOnlyList<RefundPaymentView> parts, CancellationToken ct, bool editDifference = false, IReadOnlyList<ReturnLineView>? returned = null)
    {
        foreach (var x in restock)
        {
            var line = order.Lines.Single(l => l.Id == x.LineId);
            await inventory.AdjustAsync(new AdjustmentRequest(line.VariantId!.Value, x.LocationId, AdjustmentReason.Returned, x.Quantity,
                Note: $"Refund on order {order.Name}"), ct);
            line.RefundedQuantity += x.Quantity;
            line.Restocked += x.Quantity;
        }
        var restocked = restock.Select(x => new RestockLineView(x.LineId, x.Quantity, x.LocationId)).ToList();
        var refund = new Refund
        {
            Id = Guid.CreateVersion7(), OrderId = order.Id, Amount = amount.Minor, Reason = reason, Restocked = OrderJson.Write(restocked),
            CreatedAt = work.Now(), Actor = work.Actor, Payments = OrderJson.Write(parts),
        };
        work.Db.Add(refund);
        outbox.Enqueue(OrderEvents.Refunded, new OrderRefundedEvent(order.Id, order.Name, refund.Id, amount,
            new Money(order.Refunded, order.Currency), reason, restocked, order.StoreCurrency, order.ExchangeRate, refund.CreatedAt,
            editDifference, returned));
        return refund;
    }

    private static void Check(Order order, RefundRequest r, ILookup<Guid, long> awaited)
    {
        var v = new Validator();
        if (r.Amount.Currency != order.Currency) v.Add("amount", "orders.wrong_currency", $"amount must be in the order currency, {order.Currency}.");
        if (r.Amount.Minor < 0) v.Add("amount", "orders.invalid_amount", "amount cannot be negative.");
        if (r.Amount.Minor == 0 && (r.Restock ?? []).Count == 0)
            v.Add("amount", "orders.invalid_amount", "A refund gives back an amount above zero, or restocks lines.");
        v.MaxLength("reason", r.Reason, MaxReason);
        CheckRestock(v, order, r.Restock ?? [], awaited);
        v.ThrowIfInvalid();
        if (order.Status == OrderStatus.Archived) throw OrderErrors.Throw(OrderErrors.InvalidTransition("order", order.Status, "refunded"));
        if (r.Amount.Minor == 0) return;
        if (order.Payments.Count == 0) throw OrderErrors.Throw(OrderErrors.NoPayment());
        if (r.PaymentId is { } named && order.Payments.All(p => p.PaymentId != named))
            throw OrderErrors.Throw(OrderErrors.UnknownPayment("paymentId"));
        var refundable = OrderMoney.Refundable(order, r.PaymentId);
        if (r.Amount.Minor > refundable) throw OrderErrors.Throw(OrderErrors.RefundTooLarge(refundable, order.Currency));
    }

    /// <summary>The restock cut to the units each line still has to put back (lines with none left dropped).</summary>
    private static List<RestockLine> StillRestockable(Order order, IReadOnlyList<RestockLine> restock, ILookup<Guid, long> awaited)
    {
        var left = order.Lines.ToDictionary(l => l.Id, l => l.NotGivenBack - awaited[l.Id].Sum());
        var kept = new List<RestockLine>();
        foreach (var x in restock)
        {
            var units = Math.Min(x.Quantity, Math.Max(0, left.GetValueOrDefault(x.LineId)));
            if (units <= 0) continue;
            left[x.LineId] -= units;
            kept.Add(x with { Quantity = units });
        }
        return kept;
    }

    /// <summary>
    /// Each line restocks at most what is left of it: not refunded or returned already, and not awaited by an open return
    /// (those units come back through the return).
    /// </summary>
    public static void CheckRestock(Validator v, Order order, IReadOnlyList<RestockLine> restock, ILookup<Guid, long> awaited)
    {
        for (var i = 0; i < restock.Count; i++)
        {
            var x = restock[i];
            var line = order.Lines.FirstOrDefault(l => l.Id == x.LineId);
            if (line?.VariantId is null) { v.Add($"restock/{i}/lineId", "orders.unknown_line", "No line of this order has this id."); continue; }
            var most = line.NotGivenBack - awaited[x.LineId].Sum() - restock.Take(i).Where(p => p.LineId == x.LineId).Sum(p => p.Quantity);
            if (x.Quantity <= 0 || x.Quantity > most)
                v.Add($"restock/{i}/quantity", "orders.quantity_exceeds", OrderErrors.QuantityLeft(most, "unit(s) of this line", "can be restocked"));
        }
    }
}
