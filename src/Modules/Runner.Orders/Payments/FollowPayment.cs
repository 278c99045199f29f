using Microsoft.EntityFrameworkCore;
using Runner.Kernel;
using Runner.Kernel.Outbox;
using Runner.Orders.Contracts;
using Runner.Orders.Orders;
using Runner.Payments.Contracts;

namespace Runner.Orders.Payments;

/// <summary>
/// Follows <c>payment.captured</c>, <c>payment.refunded</c> and <c>payment.voided</c>. Money moves on the payment
/// first and is recorded on the order in a second commit (capture, refund, cancel, return, edit); a process that
/// dies in between leaves the order behind its payment. This handler brings the order to the payment's truth: its
/// authorized, captured and refunded amounts and its payment status, with what the skipped record would have added
/// (<c>order.paid</c> for money captured; a refund row with <c>order.refunded</c> for money refunded) and a timeline
/// entry. When the order already agrees (the usual case: the request recorded it), it changes nothing, so it is
/// idempotent and runs any number of times. It waits for the order's money lease, so it never records money that an
/// action still running is about to record itself.
/// </summary>
internal sealed class FollowPayment(OrderWork work, IPayments payments, RefundOrder refunds, IOutbox outbox) : IOutboxHandler
{
    public const string Reason = "Recorded from the payment: the order's own record of this refund was interrupted.";

    public async Task HandleAsync(OutboxEnvelope message, CancellationToken ct)
    {
        var moved = message.Read<PaymentMovedEvent>();
        if (OrderOf(moved.OrderReference) is not { } id) return;
        if (!await work.Db.Set<OrderPayment>().AnyAsync(p => p.OrderId == id && p.PaymentId == moved.PaymentId, ct)) return;
        // Under the order's money lease: an action whose money moved but is not recorded yet finishes first (its own
        // record would otherwise add the same refund a second time).
        await work.MovingMoneyAsync(id, () => work.RunAsync(async ct =>
        {
            var order = await work.LockAsync(id, ct);
            if (await payments.GetAsync(moved.PaymentId, ct) is not { } payment) return false;
            // The order's record of this one payment (an order may hold several: a balance paid after an edit).
            var row = order.Payments.Single(p => p.PaymentId == payment.Id);
            var captured = payment.Captured.Minor - row.Captured;
            var refunded = payment.Refunded.Minor - row.Refunded;
            if (captured == 0 && refunded == 0 && row.Authorized == payment.Authorized.Minor && row.State == payment.State) return false;

            var was = $"{Events.M(order, row.Captured)} captured, {Events.M(order, row.Refunded)} refunded, {row.State}";
            work.Apply(order, payment);
            work.Log(id, "payment_reconciled", $"Brought to payment {payment.Id}'s records: {payment.Captured} captured, "
                + $"{payment.Refunded} refunded, {payment.State} (the order had {was}); order payment {order.PaymentStatus}.");
            if (captured > 0)
            {
                var fee = payment.Transactions.LastOrDefault(t => t is { Kind: "capture", Status: "succeeded" })?.Fee ?? Money.Zero(order.Currency);
                outbox.Enqueue(OrderEvents.Paid, new OrderPaidEvent(id, order.Name, payment.Id, Events.M(order, captured), fee,
                    payment.Captured, order.StoreCurrency, order.ExchangeRate, work.Now()));
            }
            if (refunded > 0) await refunds.RecordAsync(order, Events.M(order, refunded), Reason, [],
                [new RefundPaymentView(payment.Id, Events.M(order, refunded))], ct);
            await work.Db.SaveChangesAsync(ct);
            return true;
        }, ct), ct);
    }

    /// <summary>The order a payment's order reference (<c>order:{id}</c>, as placement claims it) names, if any.</summary>
    private static OrderId? OrderOf(string? reference) =>
        reference is not null && reference.StartsWith("order:", StringComparison.Ordinal) && Guid.TryParse(reference.AsSpan(6), out var id)
            ? new OrderId(id) : null;
}
