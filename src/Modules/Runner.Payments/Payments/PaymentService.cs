using Microsoft.EntityFrameworkCore;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Outbox;
using Runner.Kernel.Results;
using Runner.Payments.Contracts;

namespace Runner.Payments.Payments;

/// <summary>
/// <see cref="IPayments"/>: authorize, capture, void, refund and mark paid each commit on their own (the gateway is
/// never called inside a transaction); <see cref="ClaimAsync"/> alone joins the caller's transaction.
/// </summary>
internal sealed class PaymentService(RunnerDbContext db, IOutbox outbox, TimeProvider clock, AuthorizePayment authorize, MoveMoney money,
    ChangeState states)
    : IPayments
{
    public Task<AuthorizeResult> AuthorizeAsync(AuthorizeRequest request, CancellationToken ct = default) => authorize.RunAsync(request, ct);

    public Task<AuthorizationStart?> StartAuthorizationAsync(AuthorizeRequest request, CancellationToken ct = default) =>
        authorize.StartAsync(request, ct);

    public Task<FraudAssessment?> TakeAuthorizationKeyAsync(AuthorizationStart start, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("An authorization's key is taken in the caller's open transaction.");
        return AuthorizePayment.TakeWithinAsync(db, start, ct);
    }

    public Task RecordRefusedAttemptAsync(AuthorizationStart start, CancellationToken ct = default) => authorize.RecordRefusalAsync(start, ct);

    public Task<AuthorizeResult> FinishAuthorizationAsync(AuthorizationStart start, FraudAssessment? assessment, CancellationToken ct = default) =>
        authorize.FinishAsync(start, assessment, ct);

    public Task<PaymentView?> GetAsync(PaymentId id, CancellationToken ct = default) => PaymentLedger.ViewAsync(db, id, ct);

    public async Task<Result<PaymentView>> ClaimAsync(PaymentId id, string orderReference, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(orderReference) || orderReference.Length > 200)
            return Error.Invalid("orderReference", "validation.required", "An order reference of at most 200 characters is required.");
        // One plain statement: it runs in the order's transaction, while SQLite's one write lock is held.
        var provider = db.Provider();
        var claimed = await db.Database.ExecuteSqlRawAsync(ClaimSql,
            [orderReference, Sql.Time(provider, Instants.Now(clock)), Sql.Id(provider, id.Value)], ct);
        var payment = await PaymentLedger.ViewAsync(db, id, ct);
        if (payment is null) return PaymentErrors.NotFound();
        if (claimed == 1) return payment;
        return payment.OrderReference is not null && payment.OrderReference != orderReference
            ? PaymentErrors.AlreadyClaimed()
            : PaymentErrors.InvalidState(payment.State, "claimed by an order");
    }

    public async Task<Result<PaymentView>> ClaimAsync(PaymentView seen, string orderReference, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(orderReference) || orderReference.Length > 200 || seen.OrderReference is not null)
            return await ClaimAsync(seen.Id, orderReference, ct);
        if (seen.Unrecorded is { } unrecorded)
        {
            // Recorded by the reconciler meanwhile (its key no longer pending): claimed like any recorded payment.
            return await AuthorizationRecord.RecordClaimedAsync(db, outbox, unrecorded, orderReference, Instants.Now(clock))
                ?? await ClaimAsync(seen.Id, orderReference, ct);
        }
        var provider = db.Provider();
        var claimed = await db.Database.ExecuteSqlRawAsync(ClaimSeenSql, [orderReference, Sql.Time(provider, Instants.Now(clock)),
            Sql.Id(provider, seen.Id.Value), seen.State.ToString(), seen.Authorized.Minor, seen.Captured.Minor, seen.Refunded.Minor], ct);
        return claimed == 1 ? seen with { OrderReference = orderReference } : await ClaimAsync(seen.Id, orderReference, ct);
    }

    /// <summary>Claims a payment for an order: one that is authorized, captured or pending, and no other order's.</summary>
    private static readonly string ClaimSql = $$"""
        UPDATE payments_payments SET order_reference = {0}, claimed_at = COALESCE(claimed_at, {1}), updated_at = {1}
        WHERE id = {2} AND state IN ('{{PaymentState.Authorized}}', '{{PaymentState.PartiallyCaptured}}', '{{PaymentState.Captured}}', '{{PaymentState.Pending}}')
            AND (order_reference IS NULL OR order_reference = {0})
        """;

    /// <summary>
    /// The claim, only while the payment's state and amounts are still those the caller saw (so the view it holds is
    /// the payment as claimed); declared after <see cref="ClaimSql"/>, which it extends.
    /// </summary>
    private static readonly string ClaimSeenSql =
        ClaimSql + " AND state = {3} AND authorized = {4} AND captured = {5} AND refunded = {6}";

    public async Task<PaymentView> RecordAsync(PaymentView authorized, CancellationToken ct = default) =>
        authorized.Unrecorded is { } unrecorded ? await authorize.RecordAsync(unrecorded) : authorized;

    public Task<Result<PaymentView>> CaptureAsync(PaymentId id, Money? amount, CancellationToken ct = default) => money.CaptureAsync(id, amount, ct);

    public Task<Result<PaymentView>> VoidAsync(PaymentId id, CancellationToken ct = default) => states.VoidAsync(id, ct);

    public Task<Result<PaymentView>> RefundAsync(PaymentId id, Money amount, string? reason, CancellationToken ct = default) =>
        money.RefundAsync(id, amount, reason, ct);

    public Task<Result<PaymentView>> MarkPaidAsync(PaymentId id, CancellationToken ct = default) => states.MarkPaidAsync(id, ct);
}
