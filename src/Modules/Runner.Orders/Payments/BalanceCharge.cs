using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Runner.Kernel;
using Runner.Kernel.Http;
using Runner.Kernel.Idempotency;
using Runner.Kernel.Outbox;
using Runner.Kernel.Results;
using Runner.Orders.Contracts;
using Runner.Orders.Orders;
using Runner.Payments.Contracts;

namespace Runner.Orders.Payments;

/// <summary>
/// Charges an order's balance due with a new payment, in the steps checkout uses: the gateway is called with no
/// transaction open (<see cref="AuthorizeAsync"/>); the payment is then claimed and recorded on the order inside the
/// caller's transaction (<see cref="RecordAsync"/>); should that transaction fail, the payment is given back
/// (<see cref="UndoAsync"/>). Once recorded, it is captured at once when the order's first payment was
/// (<see cref="CaptureIfDueAsync"/>); in the store's automatic capture mode the gateway already captured it.
/// </summary>
internal sealed class BalanceCharge(OrderWork work, IPayments payments, CaptureOrder captures, IOutbox outbox,
    Kernel.Idempotency.IdempotencyStore idempotency)
{
    /// <summary>
    /// Authorizes <paramref name="amount"/> with a card token, or records a manual payment (money staff received: cash,
    /// bank transfer), which is marked paid at once. A card that asks for 3-D Secure cannot be charged by staff: that
    /// authorization is voided and answered as a decline. <paramref name="key"/> makes a retry reuse the payment.
    /// </summary>
    public async Task<AuthorizeResult> AuthorizeAsync(Order order, long amount, PaymentMethod method, string? token, string key,
        CancellationToken ct)
    {
        var result = await payments.AuthorizeAsync(new AuthorizeRequest(new Money(amount, order.Currency), method, token,
            "order:" + order.Id, order.Email, null, KeyOf(order.Id, key)), ct);
        if (result.Payment is not { } payment) return result;
        if (payment.State == PaymentState.RequiresAction)
        {
            await payments.VoidAsync(payment.Id, CancellationToken.None);
            return new AuthorizeResult(null, new PaymentDecline("payment.requires_action",
                "The card asks for its holder's own authentication (3-D Secure), which a payment taken by staff cannot pass."));
        }
        if (payment.State == PaymentState.Pending)
        {
            var paid = await payments.MarkPaidAsync(payment.Id, ct);
            if (!paid.IsSuccess) throw OrderErrors.Throw(paid.Error);
            payment = paid.Value;
        }
        if (payment.State is not (PaymentState.Authorized or PaymentState.Captured))
            throw OrderErrors.Throw(Error.Conflict("payment.invalid_state",
                $"The payment made with this Idempotency-Key is {OrderErrors.Snake(payment.State)}; use a new key."));
        return new AuthorizeResult(payment, null);
    }

    /// <summary>
    /// Inside the caller's transaction, on the locked order: claims the payment for the order, adds it to the order's
    /// payments, and writes the timeline entry and <c>order.payment_added</c> (and <c>order.paid</c> when captured).
    /// </summary>
    public async Task RecordAsync(Order order, PaymentView payment, string why, CancellationToken ct)
    {
        var claimed = await payments.ClaimAsync(payment.Id, "order:" + order.Id, ct);
        if (!claimed.IsSuccess) throw OrderErrors.Throw(claimed.Error);
        payment = claimed.Value;
        work.Apply(order, payment);
        var card = payment.Last4 is { } last4 ? $" ({payment.Brand} •••• {last4})" : " (manual)";
        work.Log(order.Id, "payment", $"{why}: {payment.Amount} {(payment.Captured.Minor > 0 ? "paid" : "authorized")}{card}; "
            + $"{Events.M(order, OrderReader.BalanceDue(order))} due.");
        var now = work.Now();
        outbox.Enqueue(OrderEvents.PaymentAdded, new OrderPaymentAddedEvent(order.Id, order.Name, payment.Id, payment.Method, payment.Amount,
            payment.Captured, Events.M(order, OrderReader.BalanceDue(order)), order.StoreCurrency, order.ExchangeRate, now));
        if (payment.Captured.Minor > 0)
            outbox.Enqueue(OrderEvents.Paid, new OrderPaidEvent(order.Id, order.Name, payment.Id, payment.Captured, PlaceOrder.Fee(payment),
                payment.Captured, order.StoreCurrency, order.ExchangeRate, now));
    }

    /// <summary>Gives back a payment the order could not record: what it captured is refunded, an authorization voided.</summary>
    public async Task UndoAsync(PaymentView payment)
    {
        var now = await payments.GetAsync(payment.Id, CancellationToken.None) ?? payment;
        if (now.Captured.Minor - now.Refunded.Minor > 0)
            await payments.RefundAsync(now.Id, now.Captured - now.Refunded, "Not recorded on the order", CancellationToken.None);
        else if (now.State is PaymentState.Authorized or PaymentState.Pending)
            await payments.VoidAsync(now.Id, CancellationToken.None);
    }

    /// <summary>
    /// After the payment is recorded: captures it when the order's first payment was captured and this one is only
    /// authorized. A refused capture leaves the authorization on the order (staff can capture it later) and says so.
    /// </summary>
    public async Task CaptureIfDueAsync(OrderId id, PaymentView payment, bool firstCaptured, CancellationToken ct)
    {
        if (!firstCaptured || payment.State != PaymentState.Authorized) return;
        idempotency.MoneyMayMove();
        var captured = await payments.CaptureAsync(payment.Id, null, ct);
        if (captured.IsSuccess)
        {
            await captures.RecordAsync(id, new OrderMoney.Moved([captured.Value], [new RefundPaymentView(payment.Id, payment.Amount)], null), ct);
            return;
        }
        await work.RunAsync(async ct =>
        {
            await work.LockAsync(id, ct);
            work.Log(id, "payment", $"The new payment {payment.Id} stays authorized: capturing it failed ({captured.Error.Message}).");
            await work.Db.SaveChangesAsync(ct);
            return true;
        }, ct);
    }

    /// <summary>Whether the order's first payment has captured money (then later payments are captured at once too).</summary>
    public static bool FirstCaptured(Order order) => order.Payments.OrderBy(p => p.Position).FirstOrDefault() is { Captured: > 0 };


    /// <summary>The payment's idempotency key: the order and a digest of the request's key (it may be long).</summary>
    private static string KeyOf(OrderId id, string key) =>
        $"order-payment:{id}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32]}";
}
