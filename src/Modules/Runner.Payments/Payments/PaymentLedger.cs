using Microsoft.EntityFrameworkCore;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Outbox;
using Runner.Payments.Contracts;

namespace Runner.Payments.Payments;

/// <summary>
/// Writes to a payment's books: its transaction log (with a <c>payment.fee</c> outbox row for any fee) and its state,
/// which is always derived from the amounts in one conditional UPDATE, so concurrent moves cannot leave a stale state.
/// </summary>
internal static class PaymentLedger
{
    /// <summary>The money states, whose state follows from authorized, captured and refunded.</summary>
    public static readonly PaymentState[] MoneyStates =
        [PaymentState.Authorized, PaymentState.PartiallyCaptured, PaymentState.Captured, PaymentState.PartiallyRefunded, PaymentState.Refunded];

    public static PaymentTransaction Record(RunnerDbContext db, IOutbox outbox, PaymentId id, string? orderReference, string kind,
        GatewayResult result, Money amount, DateTimeOffset at, string? reason = null)
    {
        var transaction = Entry(id, kind, result, amount, at, reason);
        db.Add(transaction);
        Fee(outbox, id, orderReference, kind, amount, result.Fee, at);
        return transaction;
    }

    /// <summary>A transaction of the log as <see cref="Record"/> writes it, not added to any context.</summary>
    public static PaymentTransaction Entry(PaymentId id, string kind, GatewayResult result, Money amount, DateTimeOffset at, string? reason = null) =>
        new()
        {
            Id = Guid.CreateVersion7(at),
            PaymentId = id,
            Kind = kind,
            Status = result.Succeeded ? PaymentTransaction.Succeeded : PaymentTransaction.Failed,
            Amount = amount.Minor,
            Fee = result.Fee.Minor,
            Currency = amount.Currency,
            GatewayReference = result.Reference,
            Code = result.Succeeded ? null : result.Code,
            Message = result.Succeeded ? null : result.Message,
            Reason = reason,
            At = at,
        };

    /// <summary>Writes the <c>payment.fee</c> outbox row of a transaction that carried a fee.</summary>
    public static void Fee(IOutbox outbox, PaymentId id, string? orderReference, string kind, Money amount, Money fee, DateTimeOffset at)
    {
        if (fee.Minor != 0) outbox.Enqueue(PaymentEvents.Fee, new PaymentFeeEvent(id, orderReference, kind, amount, fee, amount.Currency, at));
    }

    /// <summary>
    /// Writes <c>payment.captured</c>, <c>payment.refunded</c> or <c>payment.voided</c> with the payment's totals as
    /// this (uncommitted) unit of work leaves them, available to handlers after <paramref name="delay"/>.
    /// </summary>
    public static async Task AnnounceAsync(RunnerDbContext db, IOutbox outbox, PaymentId id, string kind, Money amount, DateTimeOffset at,
        TimeSpan delay, CancellationToken ct)
    {
        var type = kind switch
        {
            PaymentTransaction.Capture or PaymentTransaction.Sale => PaymentEvents.Captured,
            PaymentTransaction.Refund => PaymentEvents.Refunded,
            _ => PaymentEvents.Voided,
        };
        var p = await db.Set<Payment>().AsNoTracking().SingleAsync(x => x.Id == id, ct);
        outbox.Enqueue(type, new PaymentMovedEvent(id, p.OrderReference, kind, amount, p.State, new Money(p.Authorized, p.Currency),
            new Money(p.Captured, p.Currency), new Money(p.Refunded, p.Currency), at), at + delay);
    }

    /// <summary>Sets the state of a payment in a money state from its amounts.</summary>
    public static Task<int> RederiveStateAsync(RunnerDbContext db, PaymentId id, DateTimeOffset now, CancellationToken ct) =>
        db.Set<Payment>().Where(p => p.Id == id && MoneyStates.Contains(p.State))
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.State, p =>
                    p.Refunded > 0 && p.Refunded >= p.Captured ? PaymentState.Refunded
                    : p.Refunded > 0 ? PaymentState.PartiallyRefunded
                    : p.Captured > 0 && p.Captured >= p.Authorized ? PaymentState.Captured
                    : p.Captured > 0 ? PaymentState.PartiallyCaptured
                    : PaymentState.Authorized)
                .SetProperty(p => p.UpdatedAt, now), ct);

    public static async Task<PaymentView?> ViewAsync(RunnerDbContext db, PaymentId id, CancellationToken ct)
    {
        var payment = await db.Set<Payment>().AsNoTracking().Include(p => p.Transactions).SingleOrDefaultAsync(p => p.Id == id, ct);
        return payment?.ToView();
    }
}
