using Microsoft.EntityFrameworkCore;
using Runner.Kernel;
using Runner.Payments.Contracts;

namespace Runner.Payments.Payments;

/// <summary>
/// A capture, refund or void is a pending transaction row, inserted in the same commit that reserves its amount
/// (capturing / refunding) or takes the payment to Voided, before the gateway is called under the key
/// <c>{paymentId}:{transactionId}</c>. It is settled exactly once, by whoever gets there first: the request with the
/// gateway's answer, or the reconciler with the gateway's record of the key. The settlement is one commit: the row
/// leaves Pending (a conditional update: the loser changes nothing), the reservation becomes money or is given back
/// (a failed void restores the state), and the fee and the <see cref="PaymentMovedEvent"/> outbox rows are written.
/// </summary>
internal static class PendingOperations
{
    /// <summary>Adds the pending transaction to the unit of work that reserves its amount.</summary>
    public static PaymentTransaction Begin(PaymentScope work, PaymentId id, string kind, Money amount, string? reason, DateTimeOffset now)
    {
        var pending = new PaymentTransaction
        {
            Id = Guid.CreateVersion7(now), PaymentId = id, Kind = kind, Status = PaymentTransaction.Pending, Amount = amount.Minor,
            Currency = amount.Currency, Reason = reason, At = now,
        };
        work.Db.Add(pending);
        return pending;
    }

    public static string KeyOf(PaymentTransaction pending) => PaymentTransaction.GatewayKey(pending.PaymentId, pending.Id);

    /// <summary>Settles the pending transaction by the gateway's answer; false when it was already settled.</summary>
    public static async Task<bool> SettleAsync(PaymentScope work, PaymentTransaction pending, GatewayResult result, DateTimeOffset now,
        TimeSpan eventDelay)
    {
        var none = CancellationToken.None;
        var settled = false;
        await work.InTransactionAsync(async () =>
        {
            var status = result.Succeeded ? PaymentTransaction.Succeeded : PaymentTransaction.Failed;
            var code = result.Succeeded ? null : result.Code;
            var message = result.Succeeded ? null : result.Message;
            settled = await work.Db.Set<PaymentTransaction>().Where(t => t.Id == pending.Id && t.Status == PaymentTransaction.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, status).SetProperty(t => t.Fee, result.Fee.Minor)
                    .SetProperty(t => t.GatewayReference, result.Reference).SetProperty(t => t.Code, code)
                    .SetProperty(t => t.Message, message).SetProperty(t => t.At, now), none) == 1;
            if (!settled) return;
            var a = pending.Amount;
            var done = result.Succeeded ? a : 0;
            var rows = work.Db.Set<Payment>().Where(p => p.Id == pending.PaymentId);
            switch (pending.Kind)
            {
                case PaymentTransaction.Capture:
                    await rows.ExecuteUpdateAsync(s => s.SetProperty(p => p.Capturing, p => p.Capturing - a)
                        .SetProperty(p => p.Captured, p => p.Captured + done).SetProperty(p => p.UpdatedAt, now), none);
                    await PaymentLedger.RederiveStateAsync(work.Db, pending.PaymentId, now, none);
                    break;
                case PaymentTransaction.Refund:
                    await rows.ExecuteUpdateAsync(s => s.SetProperty(p => p.Refunding, p => p.Refunding - a)
                        .SetProperty(p => p.Refunded, p => p.Refunded + done).SetProperty(p => p.UpdatedAt, now), none);
                    await PaymentLedger.RederiveStateAsync(work.Db, pending.PaymentId, now, none);
                    break;
                default:
                    if (!result.Succeeded)
                        await rows.Where(p => p.State == PaymentState.Voided).ExecuteUpdateAsync(s => s
                            .SetProperty(p => p.State, p => p.Method == PaymentMethod.Manual ? PaymentState.Pending
                                : p.Authorized > 0 ? PaymentState.Authorized : PaymentState.RequiresAction)
                            .SetProperty(p => p.UpdatedAt, now), none);
                    break;
            }
            var orderReference = await rows.Select(p => p.OrderReference).SingleAsync(none);
            var amount = new Money(a, pending.Currency);
            PaymentLedger.Fee(work.Outbox, pending.PaymentId, orderReference, pending.Kind, amount, result.Fee, now);
            if (result.Succeeded)
                await PaymentLedger.AnnounceAsync(work.Db, work.Outbox, pending.PaymentId, pending.Kind, amount, now, eventDelay, none);
        });
        return settled;
    }
}
