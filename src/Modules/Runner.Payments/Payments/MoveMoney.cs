using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Results;
using Runner.Payments.Contracts;

namespace Runner.Payments.Payments;

/// <summary>
/// Captures and refunds. Each first reserves its amount with one conditional UPDATE (captured + capturing + amount ≤
/// authorized; refunded + refunding + amount ≤ captured) committed together with a pending transaction row; then calls
/// the gateway with no transaction open, under that transaction's idempotency key; then settles it in one commit
/// (<see cref="PendingOperations.SettleAsync"/>): the reservation becomes captured (refunded) money or is given back,
/// the transaction is logged, the fee and the <c>payment.captured</c> / <c>payment.refunded</c> outbox rows written.
/// However many run at once, the totals never pass their limits; when this process dies before settling, or the
/// gateway's answer is lost and it cannot be asked, the reconciler settles the operation from the gateway's records.
/// </summary>
internal sealed class MoveMoney(IServiceScopeFactory scopes, TimeProvider clock, IOptions<PaymentReconcilerOptions> options,
    ILogger<MoveMoney> logger)
{
    private static readonly PaymentState[] Capturable = [PaymentState.Authorized, PaymentState.PartiallyCaptured];
    private static readonly PaymentState[] Refundable = [PaymentState.PartiallyCaptured, PaymentState.Captured, PaymentState.PartiallyRefunded];

    public async Task<Result<PaymentView>> CaptureAsync(PaymentId id, Money? amount, CancellationToken ct)
    {
        await using var work = PaymentScope.Create(scopes, logger);
        var payment = await work.FindAsync(id, ct);
        if (payment is null) return PaymentErrors.NotFound();
        if (amount is { } m && m.Currency != payment.Currency) return PaymentErrors.CurrencyMismatch(payment.Currency);
        if (amount is { Minor: <= 0 }) return PaymentErrors.AmountNotPositive();
        if (payment.Method == PaymentMethod.Manual || !Capturable.Contains(payment.State))
            return PaymentErrors.InvalidState(payment.State, "captured");
        var a = amount?.Minor ?? payment.Authorized - payment.Captured - payment.Capturing;
        var now = Instants.Now(clock);
        PaymentTransaction? pending = null;
        if (a > 0)
            await work.InTransactionAsync(async () =>
            {
                var reserved = await work.Db.Set<Payment>()
                    .Where(p => p.Id == id && Capturable.Contains(p.State) && p.Captured + p.Capturing + a <= p.Authorized
                                && (p.AuthorizationExpiresAt == null || p.AuthorizationExpiresAt > now))
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.Capturing, p => p.Capturing + a).SetProperty(p => p.UpdatedAt, now),
                        CancellationToken.None);
                if (reserved == 1) pending = PendingOperations.Begin(work, id, PaymentTransaction.Capture, new Money(a, payment.Currency), null, now);
            });
        if (pending is null)
        {
            payment = (await work.FindAsync(id, ct))!;
            if (!Capturable.Contains(payment.State)) return PaymentErrors.InvalidState(payment.State, "captured");
            if (payment.AuthorizationExpiresAt <= now) return PaymentErrors.InvalidState(PaymentState.Expired, "captured");
            return PaymentErrors.CaptureExceedsAuthorized(payment.Authorized - payment.Captured - payment.Capturing);
        }
        return await SettleAsync(work, payment, pending, (g, reference, money, key) => g.CaptureAsync(reference, money, key, CancellationToken.None));
    }

    public async Task<Result<PaymentView>> RefundAsync(PaymentId id, Money amount, string? reason, CancellationToken ct)
    {
        await using var work = PaymentScope.Create(scopes, logger);
        var payment = await work.FindAsync(id, ct);
        if (payment is null) return PaymentErrors.NotFound();
        if (amount.Currency != payment.Currency) return PaymentErrors.CurrencyMismatch(payment.Currency);
        if (amount.Minor <= 0) return PaymentErrors.AmountNotPositive();
        if (!Refundable.Contains(payment.State)) return PaymentErrors.InvalidState(payment.State, "refunded");
        if (reason?.Length > 500) return Error.Invalid("reason", "validation.too_long", "reason must be at most 500 characters.");
        var a = amount.Minor;
        var now = Instants.Now(clock);
        PaymentTransaction? pending = null;
        await work.InTransactionAsync(async () =>
        {
            var reserved = await work.Db.Set<Payment>()
                .Where(p => p.Id == id && Refundable.Contains(p.State) && p.Refunded + p.Refunding + a <= p.Captured)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Refunding, p => p.Refunding + a).SetProperty(p => p.UpdatedAt, now),
                    CancellationToken.None);
            if (reserved == 1) pending = PendingOperations.Begin(work, id, PaymentTransaction.Refund, amount, reason, now);
        });
        if (pending is null)
        {
            payment = (await work.FindAsync(id, ct))!;
            if (!Refundable.Contains(payment.State)) return PaymentErrors.InvalidState(payment.State, "refunded");
            return PaymentErrors.RefundExceedsCaptured(payment.Captured - payment.Refunded - payment.Refunding);
        }
        return await SettleAsync(work, payment, pending, (g, reference, money, key) => g.RefundAsync(reference, money, key, CancellationToken.None));
    }

    /// <summary>
    /// Calls the gateway for the reserved amount under the pending transaction's key, then settles it. When the call
    /// throws, the gateway is asked what became of the key; when it cannot tell, the operation stays pending (its
    /// amount reserved) for the reconciler, and the caller is told so.
    /// </summary>
    private async Task<Result<PaymentView>> SettleAsync(PaymentScope work, Payment payment, PaymentTransaction pending,
        Func<IPaymentGateway, string, Money, string, Task<GatewayResult>> call)
    {
        var amount = new Money(pending.Amount, pending.Currency);
        var key = PendingOperations.KeyOf(pending);
        var gateway = work.GatewayOf(payment);
        GatewayResult? result;
        if (gateway is null)
            result = new GatewayResult(GatewayStatus.Failed, null, Money.Zero(amount.Currency), "payment.gateway_unavailable",
                $"The gateway '{payment.Gateway}' is not installed.");
        else
        {
            await DeferredDurability.BarrierAsync(); // the pending operation is on disk before the gateway hears of it
            try
            {
                result = await call(gateway, payment.GatewayReference ?? "", amount, key);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Gateway {Gateway} failed to {Action} payment {PaymentId}.", gateway.Name, pending.Kind, payment.Id);
                result = await GatewayRecovery.LookupAsync(gateway, key, GatewayRecovery.NotReceived(amount.Currency), logger);
            }
        }
        if (result is null) return PaymentErrors.GatewayUnreachable();
        await PendingOperations.SettleAsync(work, pending, result, Instants.Now(clock), options.Value.EventDelay);
        if (!result.Succeeded) return PaymentErrors.GatewayRefused(pending.Kind, result.Code, result.Message);
        return (await PaymentLedger.ViewAsync(work.Db, payment.Id, CancellationToken.None))!;
    }
}
