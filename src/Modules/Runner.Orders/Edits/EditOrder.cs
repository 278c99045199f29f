using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Runner.Catalog.Contracts;
using Runner.Kernel;
using Runner.Kernel.Http;
using Runner.Kernel.Idempotency;
using Runner.Kernel.Outbox;
using Runner.Orders.Contracts;
using Runner.Orders.Orders;
using Runner.Orders.Payments;
using Runner.Payments.Contracts;

namespace Runner.Orders.Edits;

/// <summary>A line's new quantity (0 removes it).</summary>
public sealed record EditLineChange(Guid LineId, long Quantity);

/// <summary>
/// A line to add. Without <see cref="UnitPrice"/> it is priced from the catalog in the order currency (the variant's own
/// price in that currency, else its default price at the order's exchange rate); it is taxed like the order's other lines.
/// </summary>
public sealed record EditLineAdd(VariantId VariantId, long Quantity, Money? UnitPrice = null);

public sealed record EditDiscount(Money Amount, string Reason);

/// <summary>
/// The body of <c>POST /admin/orders/{id}/edits</c>. <see cref="PaymentToken"/> (from <c>POST /store/payment-tokens</c>)
/// pays at once what the edit leaves due; without it, that amount stays as the order's balance due.
/// </summary>
public sealed record EditOrderRequest(IReadOnlyList<EditLineChange>? Changes = null, IReadOnlyList<EditLineAdd>? Add = null,
    EditDiscount? Discount = null, string? Reason = null, string? PaymentToken = null);

/// <summary>
/// <c>POST /admin/orders/{id}/edits</c>: changes quantities, adds lines, or gives a manual discount with a reason
/// (<see cref="EditLines"/> prices, taxes and moves the stock). When the new total is below what was paid the
/// difference is refunded once the edit is saved (what is still over then: a refund made meanwhile counts); a refund the
/// gateway refuses is left on the timeline and the edit still answers 200, since it happened. Above what was paid, the
/// rest is left as a balance due, or, with a <c>paymentToken</c>, charged at once.
/// <para>
/// A paid edit authorizes before it commits: the edit is priced on a copy of the order, the balance it would leave is
/// authorized with no transaction open, then the edit and the new payment commit together (the order locked, the
/// balance checked to be exactly what was authorized); if anything fails after the authorization it is voided. A
/// declined card therefore leaves the order, its stock and its payments as they were (the timeline notes the attempt)
/// and answers 402: no edit is ever kept that the customer refused to pay for. Idempotency-Key required.
/// </para>
/// </summary>
internal sealed class EditOrder(OrderWork work, OrderReader reader, EditLines lines, OrderMoney money, RefundOrder refunds,
    BalanceCharge charge, IPayments payments, IOutbox outbox)
{
    public static void Map(IEndpointRouteBuilder orders) =>
        orders.MapPost("/{id:guid}/edits", Endpoint).RequirePermission(Permissions.OrdersWrite).WithName("EditOrder")
            .WithSummary("Edit an order: change quantities, add lines, give a manual discount, optionally pay the difference (Idempotency-Key header required)")
            .Produces<OrderView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    internal static Task<IResult> Endpoint(Guid id, EditOrderRequest body, HttpContext http, IdempotencyStore idempotency,
        EditOrder handler, CancellationToken ct) =>
        idempotency.RunAsync(http, "orders", new { id, body }, ct =>
            handler.RunAsync(new OrderId(id), body, http.Request.Headers[IdempotencyStore.Header].ToString(), ct), ct);

    public Task<IdempotentResponse> RunAsync(OrderId id, EditOrderRequest r, string key, CancellationToken ct) =>
        work.MovingMoneyAsync(id, async () =>
        {
            if (string.IsNullOrWhiteSpace(r.PaymentToken)) return await EditAsync(id, r, null, ct);
            var copy = await work.ReadAsync(id, ct);
            var firstCaptured = BalanceCharge.FirstCaptured(copy);
            await lines.ApplyAsync(copy, r, commit: false, ct);
            var balance = OrderReader.BalanceDue(copy);
            if (balance == 0) return await EditAsync(id, r, null, ct);
            var authorized = await charge.AuthorizeAsync(copy, balance, PaymentMethod.Card, r.PaymentToken, "edit:" + key, ct);
            if (authorized.Decline is { } decline)
            {
                await LogAsync(id, "edit_declined", $"Edit not applied: paying its {Events.M(copy, balance)} was declined ({decline.Message}). Nothing changed.", ct);
                return decline.ToResponse();
            }
            var payment = authorized.Payment!;
            try
            {
                await EditAsync(id, r, payment, ct);
            }
            catch
            {
                await charge.UndoAsync(payment);
                throw;
            }
            await charge.CaptureIfDueAsync(id, payment, firstCaptured, ct);
            return new IdempotentResponse(StatusCodes.Status200OK, (await reader.GetAsync(id, ct))!);
        }, ct);

    /// <summary>The edit in one commit (with <paramref name="payment"/> recorded in it when given), then any refund.</summary>
    private async Task<IdempotentResponse> EditAsync(OrderId id, EditOrderRequest r, PaymentView? payment, CancellationToken ct)
    {
        var (editId, refundDue) = await work.RunAsync(async ct =>
        {
            var order = await work.LockAsync(id, ct);
            var before = order.Total;
            await lines.ApplyAsync(order, r, commit: true, ct);
            var refund = Math.Max(0, order.Captured - order.Refunded - order.Total);
            var due = OrderReader.BalanceDue(order);
            if (payment is not null && due != payment.Amount.Minor) throw OrderErrors.Throw(OrderErrors.Changed());
            var discount = r.Discount?.Amount.Minor ?? 0;
            var reason = r.Reason ?? r.Discount?.Reason;
            work.Log(id, "edited", $"Edited{(reason is not null ? $" ({reason})" : "")}: total {Events.M(order, before)} → "
                + $"{Events.M(order, order.Total)}" + (discount > 0 ? $", manual discount {Events.M(order, discount)}" : "")
                + (due > 0 ? $"; {Events.M(order, due)} due{(payment is not null ? ", paid at once" : "")}." : "."));
            if (payment is not null) await charge.RecordAsync(order, payment, "Edit paid", ct);
            var balance = OrderReader.BalanceDue(order);
            var edit = new OrderEdit
            {
                Id = Guid.CreateVersion7(), OrderId = id, TotalBefore = before, TotalAfter = order.Total, Refunded = refund,
                BalanceDue = balance, Reason = reason, CreatedAt = work.Now(), Actor = work.Actor, Changes = OrderJson.Write(r with { PaymentToken = null }),
            };
            work.Db.Add(edit);
            outbox.Enqueue(OrderEvents.Edited, new OrderEditedEvent(id, order.Name, edit.Id, Events.M(order, before), Events.M(order, order.Total),
                Events.M(order, refund), Events.M(order, balance), edit.Reason, edit.CreatedAt, Events.Lines(order),
                Events.M(order, order.DiscountTotal), Events.M(order, order.TaxTotal), Events.M(order, order.ShippingTotal)));
            await work.Db.SaveChangesAsync(ct);
            return (edit.Id, refund);
        }, ct);
        if (refundDue > 0) await RefundDifferenceAsync(id, refundDue, ct);
        return new IdempotentResponse(StatusCodes.Status200OK, (await reader.GetAsync(id, ct))!);
    }

    /// <summary>
    /// Gives back what was paid above the new total, newest payment first, after the edit committed: at most what the
    /// edit left over, and no more than is over now (a refund made since the edit committed gave some of it back).
    /// </summary>
    private async Task RefundDifferenceAsync(OrderId id, long amount, CancellationToken ct)
    {
        var order = await work.ReadAsync(id, ct);
        // What the payments can still give back, from the payments themselves (refunds in flight counted): the order's
        // copy of their amounts changes only once such a refund is recorded on the order.
        long held = 0;
        foreach (var p in order.Payments)
            if (await payments.GetAsync(p.PaymentId, ct) is { } live) held += live.Refundable.Minor;
        var over = Math.Min(amount, held - order.Total);
        if (over <= 0) return;
        var due = new Money(over, order.Currency);
        var moved = await money.RefundAsync(order, due, null, "Order edited", ct);
        if (moved.Payments.Count > 0)
            await refunds.RecordMovedAsync(id, moved, "Order edited", $"Refunded {new Money(moved.Total, order.Currency)}: the edited total is below what was paid.", ct,
                editDifference: true);
        // The edit is saved: answering an error now would invite a retry that edits again (added lines twice). The
        // order answers what was and was not given back, and its timeline says what is left to refund.
        if (moved.Failure is { } failure)
            await LogAsync(id, "payment", $"The edit left {new Money(over - moved.Total, order.Currency)} to refund, which could not be "
                + $"refunded ({failure.Code}: {failure.Message}); refund it from the order.", ct);
    }

    private Task LogAsync(OrderId id, string kind, string message, CancellationToken ct) => work.RunAsync(async ct =>
    {
        await work.LockAsync(id, ct);
        work.Log(id, kind, message);
        await work.Db.SaveChangesAsync(ct);
        return true;
    }, ct);
}
