using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Runner.Kernel.Http;
using Runner.Kernel;
using Runner.Kernel.Idempotency;
using Runner.Kernel.Outbox;
using Runner.Kernel.Validation;
using Runner.Orders.Contracts;
using Runner.Orders.Orders;
using Runner.Payments.Contracts;

namespace Runner.Orders.Payments;

/// <summary>
/// The body of <c>POST /admin/orders/{id}/payments</c>: a <see cref="PaymentToken"/> from <c>POST /store/payment-tokens</c>
/// (method <c>card</c>, the default), or <see cref="Method"/> <c>manual</c> for money staff received outside the
/// gateway (cash, bank transfer), recorded as paid.
/// </summary>
public sealed record CollectPaymentRequest(string? PaymentToken = null, string? Method = null);

/// <summary>
/// <c>POST /admin/orders/{id}/payments</c>: collects exactly the order's balance due with a new payment. The card is
/// authorized with no transaction open (and captured at once when the order's first payment was captured, or by the
/// gateway in the store's automatic capture mode); the payment, the order's amounts, the timeline and
/// <c>order.payment_added</c> are then one commit; should that commit fail, the payment is voided (or refunded). A
/// decline answers 402 with the gateway's reason and changes nothing. When the order already waits for a manual payment
/// (bank transfer, cash on delivery), <c>manual</c> marks that one paid instead of adding another, and a card answers
/// 409 <c>orders.manual_payment_pending</c> (void the manual payment first). No balance due: 409 <c>orders.no_balance_due</c>;
/// another collection of the same order running: 409 <c>orders.payment_in_progress</c>. Idempotency-Key required.
/// </summary>
internal sealed class CollectPayment(OrderWork work, OrderReader reader, BalanceCharge charge, IPayments payments, IOutbox outbox)
{
    public static void Map(IEndpointRouteBuilder orders) =>
        orders.MapPost("/{id:guid}/payments", Endpoint).RequirePermission(Permissions.OrdersWrite).WithName("CollectOrderPayment")
            .WithSummary("Collect the order's balance due with a new card or manual payment (Idempotency-Key header required)")
            .Produces<OrderView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status402PaymentRequired).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    internal static Task<IResult> Endpoint(Guid id, CollectPaymentRequest body, HttpContext http, IdempotencyStore idempotency,
        CollectPayment handler, CancellationToken ct) =>
        idempotency.RunAsync(http, "orders", new { id, body }, ct =>
            handler.RunAsync(new OrderId(id), body, http.Request.Headers[IdempotencyStore.Header].ToString(), ct), ct);

    public async Task<IdempotentResponse> RunAsync(OrderId id, CollectPaymentRequest r, string key, CancellationToken ct)
    {
        var method = Validate(r);
        var order = await work.ReadAsync(id, ct);
        OrderWork.EnsureOpen(order);
        if (OrderReader.BalanceDue(order) == 0) throw OrderErrors.Throw(OrderErrors.NoBalanceDue());
        return await work.MovingMoneyAsync(id, async () =>
        {
            order = await work.ReadAsync(id, ct);
            var balance = OrderReader.BalanceDue(order);
            if (balance == 0) throw OrderErrors.Throw(OrderErrors.NoBalanceDue());
            if (order.Payments.FirstOrDefault(p => p is { Method: PaymentMethod.Manual, State: PaymentState.Pending }) is { } awaiting)
            {
                // The order already waits for this money by hand: record it as received rather than as a second payment
                // (which would leave the first to be marked paid later, and the order paid twice over).
                if (method != PaymentMethod.Manual) throw OrderErrors.Throw(OrderErrors.ManualPaymentPending(awaiting.PaymentId));
                await MarkPaidAsync(id, awaiting.PaymentId, ct);
                return new IdempotentResponse(StatusCodes.Status201Created, (await reader.GetAsync(id, ct))!, $"/admin/orders/{id}");
            }
            var authorized = await charge.AuthorizeAsync(order, balance, method, r.PaymentToken, "collect:" + key, ct);
            if (authorized.Decline is { } decline) return decline.ToResponse();
            var payment = authorized.Payment!;
            try
            {
                await work.RunAsync(async ct =>
                {
                    var locked = await work.LockAsync(id, ct);
                    OrderWork.EnsureOpen(locked);
                    if (OrderReader.BalanceDue(locked) < payment.Amount.Minor) throw OrderErrors.Throw(OrderErrors.Changed());
                    await charge.RecordAsync(locked, payment, "Balance collected", ct);
                    await work.Db.SaveChangesAsync(ct);
                    return true;
                }, ct);
            }
            catch
            {
                await charge.UndoAsync(payment);
                throw;
            }
            await charge.CaptureIfDueAsync(id, payment, BalanceCharge.FirstCaptured(order), ct);
            return new IdempotentResponse(StatusCodes.Status201Created, (await reader.GetAsync(id, ct))!, $"/admin/orders/{id}");
        }, ct);
    }

    /// <summary>Marks the order's pending manual payment paid and records it on the order with <c>order.paid</c>.</summary>
    private async Task MarkPaidAsync(OrderId id, PaymentId paymentId, CancellationToken ct)
    {
        var paid = await payments.MarkPaidAsync(paymentId, ct);
        if (!paid.IsSuccess) throw OrderErrors.Throw(paid.Error);
        var payment = paid.Value;
        await work.RunAsync(async ct =>
        {
            var locked = await work.LockAsync(id, ct);
            work.Apply(locked, payment);
            work.Log(id, "paid", $"Manual payment of {payment.Captured} received and marked paid.");
            outbox.Enqueue(OrderEvents.Paid, new OrderPaidEvent(id, locked.Name, payment.Id, payment.Captured, Money.Zero(locked.Currency),
                payment.Captured, locked.StoreCurrency, locked.ExchangeRate, work.Now()));
            await work.Db.SaveChangesAsync(ct);
            return true;
        }, ct);
    }

    private static PaymentMethod Validate(CollectPaymentRequest r)
    {
        var v = new Validator();
        var method = r.Method?.Trim().ToLowerInvariant() ?? "card";
        if (method is not ("card" or "manual")) v.Add("method", "orders.invalid_payment_method", "method is \"card\" or \"manual\".");
        else if (method == "card") v.Required("paymentToken", r.PaymentToken, 100);
        else if (r.PaymentToken is not null) v.Add("paymentToken", "orders.token_with_manual", "A manual payment takes no paymentToken.");
        v.ThrowIfInvalid();
        return method == "manual" ? PaymentMethod.Manual : PaymentMethod.Card;
    }
}
