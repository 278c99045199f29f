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
/// <c>POST /admin/orders/{id}/cancel</c>: an open order with nothing shipped is cancelled. The money goes back (what was
/// captured is refunded; an authorization with nothing captured, or a pending manual payment, is voided) and its units
/// return to the locations they were sold from. Shipped goods come back through a return instead.
/// </summary>
internal sealed class CancelOrder(OrderWork work, OrderReader reader, IPayments payments, IInventoryService inventory, IOutbox outbox)
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

    public async Task<OrderView> RunAsync(OrderId id, CancelRequest r, CancellationToken ct)
    {
        if (r.Reason is { Length: > 500 })
            throw OrderErrors.Throw(Kernel.Results.Error.Invalid("reason", "orders.invalid_reason", "reason is at most 500 characters."));
        var order = await work.ReadAsync(id, ct);
        OrderWork.EnsureOpen(order);
        if (order.FulfilmentStatus != FulfilmentStatus.Unfulfilled)
            throw OrderErrors.Throw(OrderErrors.InvalidTransition("order", order.FulfilmentStatus, "cancelled: shipped goods come back through a return"));
        PaymentView? payment = null;
        var refunded = Money.Zero(order.Currency);
        if (order.PaymentId is { } paymentId)
        {
            if (order.Captured - order.Refunded > 0)
            {
                refunded = new Money(order.Captured - order.Refunded, order.Currency);
                payment = Unwrap(await payments.RefundAsync(paymentId, refunded, r.Reason ?? "Order cancelled", ct));
            }
            else if (order.PaymentStatus is PaymentStatus.Authorized or PaymentStatus.Pending)
            {
                payment = Unwrap(await payments.VoidAsync(paymentId, ct));
            }
        }
        await work.RunAsync(async ct =>
        {
            var locked = await work.LockAsync(id, ct);
            OrderWork.EnsureOpen(locked);
            if (payment is not null) OrderWork.Apply(locked, payment);
            locked.Status = OrderStatus.Cancelled;
            locked.CancelledAt = work.Now();
            locked.CancelReason = r.Reason;
            var units = 0L;
            if (r.Restock) units = await PutBackAsync(locked, ct);
            work.Log(id, "cancelled", $"Cancelled{(r.Reason is { } reason ? $" ({reason})" : "")}; "
                + (refunded.Minor > 0 ? $"refunded {refunded}" : payment is not null ? "payment voided" : "no payment moved")
                + $"; {units} unit(s) put back.");
            outbox.Enqueue(OrderEvents.Cancelled, new OrderCancelledEvent(id, locked.Name, r.Reason, refunded,
                locked.PaymentStatus == PaymentStatus.Voided, locked.StoreCurrency, locked.ExchangeRate, work.Now()));
            await work.Db.SaveChangesAsync(ct);
            return true;
        }, ct);
        return (await reader.GetAsync(id, ct))!;
    }

    /// <summary>Returns each line's units not yet restocked to the locations they were sold from.</summary>
    private async Task<long> PutBackAsync(Order order, CancellationToken ct)
    {
        long total = 0;
        foreach (var line in order.Lines.Where(l => l.VariantId is not null).OrderBy(l => l.VariantId!.Value.Value))
        {
            var left = line.Quantity - line.RefundedQuantity - line.Returned;
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

    private static PaymentView Unwrap(Kernel.Results.Result<PaymentView> result) =>
        result.IsSuccess ? result.Value : throw OrderErrors.Throw(result.Error);
}
