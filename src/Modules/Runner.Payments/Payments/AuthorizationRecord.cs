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
        var completed = await CompleteAsync(db, key);
        if (completed == 0 && await db.Set<Payment>().AsNoTracking().Include(p => p.Transactions)
                .SingleOrDefaultAsync(p => p.Id == key.PaymentId, none) is { } recorded)
            return (recorded, false);
        var payment = Build(key, token, result, settings, now, completed == 1);
        Add(db, outbox, payment, key, result, null, now);
        await db.SaveChangesAsync(none);
        await transaction.CommitAsync(none);
        return (payment, true);
    }

    /// <summary>
    /// Records a succeeded authorization claimed by an order, in the order's transaction (which must be open; the
    /// caller saves): the key completed, the payment with its order reference, its transaction and fee. Null when the
    /// key is no longer pending (the reconciler recorded the payment meanwhile): the caller then claims that one.
    /// </summary>
    public static async Task<PaymentView?> RecordClaimedAsync(RunnerDbContext db, IOutbox outbox, UnrecordedAuthorization authorization,
        string orderReference, DateTimeOffset now)
    {
        var key = authorization.Key;
        if (await CompleteAsync(db, key) == 0) return null;
        var payment = Build(key, authorization.Token, authorization.Result, authorization.Settings, authorization.At, keyCompleted: true);
        payment.OrderReference = orderReference;
        payment.ClaimedAt = now;
        payment.UpdatedAt = now;
        Add(db, outbox, payment, key, authorization.Result, orderReference, authorization.At);
        return payment.ToView();
    }

    /// <summary>The payment of a succeeded authorization as it will be recorded, for the order that will claim it.</summary>
    public static PaymentView Preview(UnrecordedAuthorization authorization)
    {
        var (key, token, result, settings, at) = (authorization.Key, authorization.Token, authorization.Result, authorization.Settings, authorization.At);
        var payment = Build(key, token, result, settings, at, keyCompleted: true);
        payment.Transactions.Add(PaymentLedger.Entry(payment.Id, Kind(key), result, new Money(key.Amount, key.Currency), at));
        return payment.ToView() with { Unrecorded = authorization };
    }

    /// <summary>The key's payment is recorded (a plain statement, run in every checkout's order transaction).</summary>
    private static Task<int> CompleteAsync(RunnerDbContext db, PaymentIdempotency key) => db.Database.ExecuteSqlRawAsync(
        "UPDATE payments_idempotency SET status = {0} WHERE key = {1} AND payment_id = {2} AND status = {3}",
        [PaymentIdempotency.Completed, key.Key, Sql.Id(db.Provider(), key.PaymentId.Value), PaymentIdempotency.Pending], CancellationToken.None);

    private static string Kind(PaymentIdempotency key) => key.Capture ? PaymentTransaction.Sale : PaymentTransaction.Authorization;

    private static Payment Build(PaymentIdempotency key, PaymentToken? token, GatewayResult? result, PaymentSettings settings,
        DateTimeOffset now, bool keyCompleted)
    {
        var payment = new Payment
        {
            Id = key.PaymentId, Gateway = key.Gateway, Method = key.Method, Currency = key.Currency, Amount = key.Amount,
            Reference = key.Reference, IdempotencyKey = keyCompleted ? key.RequestKey : null, CreatedAt = now, UpdatedAt = now,
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
        return payment;
    }

    /// <summary>Adds the payment and, for a card answered (not awaiting the customer), its transaction and fee.</summary>
    private static void Add(RunnerDbContext db, IOutbox outbox, Payment payment, PaymentIdempotency key, GatewayResult? result,
        string? orderReference, DateTimeOffset at)
    {
        db.Add(payment);
        if (key.Method == PaymentMethod.Card && result!.Status != GatewayStatus.RequiresAction)
        {
            // Joins payment.Transactions by fix-up.
            PaymentLedger.Record(db, outbox, payment.Id, orderReference, Kind(key), result, new Money(key.Amount, key.Currency), at);
        }
    }
}

/// <summary>
/// A succeeded card authorization not recorded yet (<see cref="AuthorizeRequest.DeferRecord"/>): what it takes to record
/// it, in the order's transaction that claims it or, when the order fails, in a commit of its own.
/// </summary>
internal sealed record UnrecordedAuthorization(PaymentIdempotency Key, PaymentToken? Token, GatewayResult Result, PaymentSettings Settings,
    DateTimeOffset At);
