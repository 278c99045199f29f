using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Runner.Inventory.Contracts;
using Runner.Kernel;
using Runner.Kernel.Http;
using Runner.Kernel.Idempotency;
using Runner.Kernel.Outbox;
using Runner.Orders.Contracts;
using Runner.Payments.Contracts;

namespace Runner.Orders.Orders;

/// <summary>The body of <c>POST /admin/orders/{id}/cancel</c>; <see cref="Restock"/> false keeps the units off the shelves.</summary>
public sealed record CancelRequest(string? Reason = null, bool Restock = true);

/// <summary>
/// <c>POST /admin/orders/{id}/cancel</c>: an open order with nothing shipped is cancelled. The money of every payment goes
/// back (what was captured is refunded; an authorization with nothing captured, or a pending manual payment, is voided) and its units
/// return to the locations they were sold from. Shipped goods come back through a return instead.
/// </summary>
internal sealed class CancelOrder(OrderWork work, OrderReader reader, IPayments payments, IInventoryService inventory, IOutbox outbox,
    Payments.RefundOrder refunds, Kernel.Idempotency.IdempotencyStore idempotency)
{
    public static void Map(IEndpointRouteBuilder orders) =>
        orders.MapPost("/{id:guid}/cancel", Endpoint).RequirePermission(Permissions.OrdersWrite).WithName("CancelOrder")
            .WithSummary("Cancel an unshipped order: void or refund its payment and put its units back (Idempotency-Key header required)")
            .Produces<OrderView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static Task<IResult> Endpoint(Guid id, CancelRequest? body, HttpContext http, IdempotencyStore idempotency,
        CancelOrder handler, CancellationToken ct) =>
        idempotency.RunAsync(http, "orders", new { id, body }, async ct =>
            new IdempotentResponse(200, await handler.RunAsync(new OrderId(id), body ?? new CancelRequest(), ct)), ct);

    public Task<OrderView> RunAsync(OrderId id, CancelRequest r, CancellationToken ct)
    {
        if (r.Reason is { Length: > 500 })
            throw OrderErrors.Throw(Kernel.Results.Error.Invalid("reason", "orders.invalid_reason", "reason is at most 500 characters."));
        // Under the order's money lease: a refund, capture or second cancel waits for this one.
        return work.MovingMoneyAsync(id, () => CancelAsync(id, r, ct), ct);
    }

    private async Task<OrderView> CancelAsync(OrderId id, CancelRequest r, CancellationToken ct)
    {
        var order = await work.ReadAsync(id, ct);
        if (Refusal(order) is { } refused) throw OrderErrors.Throw(refused);
        var back = await GiveBackAsync(order, r.Reason ?? "Order cancelled", ct);
        var (moved, refunded) = (back.Moved, back.Refunded);
        if (back.Failure is { } failure)
        {
            if (moved.Count > 0) await work.RunAsync(async ct => await StopAsync(await work.LockAsync(id, ct), back, failure, ct), ct);
            throw OrderErrors.Throw(failure);
        }
        var stopped = await work.RunAsync(async ct =>
        {
            var locked = await work.LockAsync(id, ct);
            // Shipped (or closed) while the money moved: the money that moved is recorded, and nothing is put back.
            if (Refusal(locked) is { } late) return await StopAsync(locked, back, late, ct);
            foreach (var payment in moved) work.Apply(locked, payment);
            locked.Status = OrderStatus.Cancelled;
            locked.CancelledAt = work.Now();
            locked.CancelReason = r.Reason;
            var units = 0L;
            if (r.Restock) units = await PutBackAsync(locked, ct);
            work.Log(id, "cancelled", $"Cancelled{(r.Reason is { } reason ? $" ({reason})" : "")}; "
                + (refunded.Minor > 0 ? $"refunded {refunded}" : moved.Count > 0 ? "payment voided" : "no payment moved")
                + $"; {units} unit(s) put back.");
            outbox.Enqueue(OrderEvents.Cancelled, new OrderCancelledEvent(id, locked.Name, r.Reason, refunded,
                locked.PaymentStatus == PaymentStatus.Voided, locked.StoreCurrency, locked.ExchangeRate, work.Now(), r.Restock));
            await work.Db.SaveChangesAsync(ct);
            return (Kernel.Results.Error?)null;
        }, ct);
        if (stopped is not null) throw OrderErrors.Throw(stopped);
        return (await reader.GetAsync(id, ct))!;
    }

    /// <summary>Why the order cannot be cancelled as it stands (closed, or goods shipped), or null.</summary>
    private static Kernel.Results.Error? Refusal(Order order) =>
        order.Status == OrderStatus.Cancelled ? OrderErrors.Cancelled()
        : order.Status == OrderStatus.Archived ? OrderErrors.InvalidTransition("order", order.Status, "changed")
        : order.FulfilmentStatus != FulfilmentStatus.Unfulfilled
            ? OrderErrors.InvalidTransition("order", order.FulfilmentStatus, "cancelled: shipped goods come back through a return")
            : null;

    /// <summary>What giving the money back did: the payments it moved, the refunds among them, and the refusal it stopped at.</summary>
    private sealed record GiveBack(List<PaymentView> Moved, List<RefundPaymentView> Refunds, Money Refunded, Kernel.Results.Error? Failure);

    /// <summary>
    /// Gives every payment's money back, newest payment first: what it captured (less refunds) is refunded; an
    /// authorization with nothing captured, or a pending manual payment, is voided. Stops at the first refusal.
    /// </summary>
    private async Task<GiveBack> GiveBackAsync(Order order, string reason, CancellationToken ct)
    {
        var moved = new List<PaymentView>();
        var refunds = new List<RefundPaymentView>();
        var refunded = Money.Zero(order.Currency);
        foreach (var p in order.Payments.OrderByDescending(p => p.Position))
        {
            var left = new Money(p.Captured - p.Refunded, order.Currency);
            Kernel.Results.Result<PaymentView> result;
            idempotency.MoneyMayMove();
            if (left.Minor > 0) result = await payments.RefundAsync(p.PaymentId, left, reason, ct);
            else if (p.State is PaymentState.Authorized or PaymentState.Pending) result = await payments.VoidAsync(p.PaymentId, ct);
            else continue;
            if (!result.IsSuccess) return new GiveBack(moved, refunds, refunded, result.Error);
            moved.Add(result.Value);
            if (left.Minor <= 0) continue;
            refunds.Add(new RefundPaymentView(p.PaymentId, left));
            refunded += left;
        }
        return new GiveBack(moved, refunds, refunded, null);
    }

    /// <summary>
    /// A cancel that stopped after money moved, in the caller's transaction: the payments as they are now, the money
    /// given back recorded as a refund (with <c>order.refunded</c>), and the timeline saying why it stopped.
    /// </summary>
    private async Task<Kernel.Results.Error> StopAsync(Order locked, GiveBack back, Kernel.Results.Error why, CancellationToken ct)
    {
        foreach (var payment in back.Moved) work.Apply(locked, payment);
        if (back.Refunds.Count > 0) await refunds.RecordAsync(locked, back.Refunded, "Order cancel stopped", [], back.Refunds, ct);
        if (back.Moved.Count > 0)
            work.Log(locked.Id, "payment", $"Cancelling stopped: {why.Message} "
                + (back.Refunded.Minor > 0 ? $"Refunded {back.Refunded}" : "A payment was voided") + " before it.");
        await work.Db.SaveChangesAsync(ct);
        return why;
    }

    /// <summary>Returns each line's units not yet restocked to the locations they were sold from.</summary>
    private async Task<long> PutBackAsync(Order order, CancellationToken ct)
    {
        long total = 0;
        foreach (var line in order.Lines.Where(l => l.VariantId is not null).OrderBy(l => l.VariantId!.Value.Value))
        {
            var left = line.NotGivenBack;
            foreach (var a in OrderJson.Read<List<LineAllocation>>(line.Allocations))
            {
                var units = Math.Min(left, a.Quantity);
                if (units <= 0) break;
                await inventory.AdjustAsync(new AdjustmentRequest(line.VariantId!.Value, a.LocationId, AdjustmentReason.Returned, units,
                    Note: $"Order {order.Name} cancelled"), ct);
                left -= units;
                line.Restocked += units;
                line.RefundedQuantity += units;
                total += units;
            }
        }
        return total;
    }

}
