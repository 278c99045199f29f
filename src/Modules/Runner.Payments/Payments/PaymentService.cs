using Microsoft.EntityFrameworkCore;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Results;
using Runner.Payments.Contracts;

namespace Runner.Payments.Payments;

/// <summary>
/// <see cref="IPayments"/>: authorize, capture, void, refund and mark paid each commit on their own (the gateway is
/// never called inside a transaction); <see cref="ClaimAsync"/> alone joins the caller's transaction.
/// </summary>
internal sealed class PaymentService(RunnerDbContext db, TimeProvider clock, AuthorizePayment authorize, MoveMoney money, ChangeState states)
    : IPayments
{
    public Task<AuthorizeResult> AuthorizeAsync(AuthorizeRequest request, CancellationToken ct = default) => authorize.RunAsync(request, ct);

    public Task<PaymentView?> GetAsync(PaymentId id, CancellationToken ct = default) => PaymentLedger.ViewAsync(db, id, ct);

    public async Task<Result<PaymentView>> ClaimAsync(PaymentId id, string orderReference, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(orderReference) || orderReference.Length > 200)
            return Error.Invalid("orderReference", "validation.required", "An order reference of at most 200 characters is required.");
        var now = Instants.Now(clock);
        var claimable = new[] { PaymentState.Authorized, PaymentState.PartiallyCaptured, PaymentState.Captured, PaymentState.Pending };
        var claimed = await db.Set<Payment>()
            .Where(p => p.Id == id && claimable.Contains(p.State) && (p.OrderReference == null || p.OrderReference == orderReference))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.OrderReference, orderReference)
                .SetProperty(p => p.ClaimedAt, p => p.ClaimedAt ?? now).SetProperty(p => p.UpdatedAt, now), ct);
        var payment = await PaymentLedger.ViewAsync(db, id, ct);
        if (payment is null) return PaymentErrors.NotFound();
        if (claimed == 1) return payment;
        return payment.OrderReference is not null && payment.OrderReference != orderReference
            ? PaymentErrors.AlreadyClaimed()
            : PaymentErrors.InvalidState(payment.State, "claimed by an order");
    }

    public Task<Result<PaymentView>> CaptureAsync(PaymentId id, Money? amount, CancellationToken ct = default) => money.CaptureAsync(id, amount, ct);

    public Task<Result<PaymentView>> VoidAsync(PaymentId id, CancellationToken ct = default) => states.VoidAsync(id, ct);

    public Task<Result<PaymentView>> RefundAsync(PaymentId id, Money amount, string? reason, CancellationToken ct = default) =>
        money.RefundAsync(id, amount, reason, ct);

    public Task<Result<PaymentView>> MarkPaidAsync(PaymentId id, CancellationToken ct = default) => states.MarkPaidAsync(id, ct);
}
