using Microsoft.EntityFrameworkCore;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Outbox;
using Runner.Payments.Contracts;
using Runner.Payments.Settings;
using Runner.Payments.Tokens;

namespace Runner.Payments.Payments;

/// <summary>
/// Records the payment of an authorization under way (<see cref="PaymentIdempotency"/>) from the gateway's answer:
/// the request that called the gateway does it, or the reconciler when that request died. One commit both completes
/// the key (a conditional update, so only one of them records) and inserts the payment with its transaction.
/// </summary>
internal static class AuthorizationRecord
{
    /// <summary>Marks an authorized (or sold) payment's amounts and, when only authorized, when the authorization lapses.</summary>
    public static void Settle(Payment payment, bool captured, PaymentSettings settings, DateTimeOffset now)
    {
        payment.Authorized = payment.Amount;
        payment.Captured = captured ? payment.Amount : 0;
        payment.AuthorizationExpiresAt = captured ? null : now.AddDays(settings.AuthorizationValidityDays);
    }

    /// <summary>
    /// Records the payment (a manual one as Pending; <paramref name="result"/> is then ignored) and returns it. When
    /// the key is no longer pending, the payment another caller recorded is returned; when the key was released (the
    /// reconciler found no trace of the authorization at the gateway, which then answered late), the payment is still
    /// recorded, without the key, so the unclaimed-authorization sweep voids it unless an order claims it. Recorded
    /// is false when another caller had recorded it.
    /// </summary>
    public static async Task<(Payment Payment, bool Recorded)> RecordAsync(RunnerDbContext db, IOutbox outbox, PaymentIdempotency key, PaymentToken? token,
        GatewayResult? result, PaymentSettings settings, DateTimeOffset now)
    {
        var none = CancellationToken.None;
        await using var transaction = await db.Database.BeginTransactionAsync(none);
        var completed = await db.Set<PaymentIdempotency>()
            .Where(k => k.Key == key.Key && k.PaymentId == key.PaymentId && k.Status == PaymentIdempotency.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.Status, PaymentIdempotency.Completed), none);
        if (completed == 0 && await db.Set<Payment>().AsNoTracking().Include(p => p.Transactions)
                .SingleOrDefaultAsync(p => p.Id == key.PaymentId, none) is { } recorded)
            return (recorded, false);
        var payment = new Payment
        {
            Id = key.PaymentId, Gateway = key.Gateway, Method = key.Method, Currency = key.Currency, Amount = key.Amount,
            Reference = key.Reference, IdempotencyKey = completed == 1 ? key.RequestKey : null, CreatedAt = now, UpdatedAt = now,
            Brand = token?.Brand, Last4 = token?.Last4, Fingerprint = token?.Fingerprint,
        };
        if (key.Method == PaymentMethod.Manual) payment.State = PaymentState.Pending;
        else
        {
            payment.GatewayReference = result!.Reference;
            payment.State = result.Status switch
            {
                GatewayStatus.Succeeded => key.Capture ? PaymentState.Captured : PaymentState.Authorized,
                GatewayStatus.RequiresAction => PaymentState.RequiresAction,
                GatewayStatus.Declined => PaymentState.Declined,
                _ => PaymentState.Failed,
            };
            if (result.Succeeded) Settle(payment, key.Capture, settings, now);
        }
        db.Add(payment);
        if (key.Method == PaymentMethod.Card && result!.Status != GatewayStatus.RequiresAction)
        {
            var kind = key.Capture ? PaymentTransaction.Sale : PaymentTransaction.Authorization;
            // Joins payment.Transactions by fix-up.
            PaymentLedger.Record(db, outbox, payment.Id, null, kind, result, new Money(key.Amount, key.Currency), now);
        }
        await db.SaveChangesAsync(none);
        await transaction.CommitAsync(none);
        return (payment, true);
    }
}
