using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Results;
using Runner.Payments.Contracts;

namespace Runner.Payments.Payments;

/// <summary>
/// Captures and refunds. Each first reserves its amount with one conditional UPDATE (captured + capturing + amount ≤
/// authorized; refunded + refunding + amount ≤ captured), then calls the gateway with no transaction open, then in one
/// commit turns the reservation into captured (refunded) money or gives it back, logs the transaction and, for a fee,
/// writes the <c>payment.fee</c> outbox row. However many run at once, the totals never pass their limits.
/// </summary>
internal sealed class MoveMoney(IServiceScopeFactory scopes, TimeProvider clock, ILogger<MoveMoney> logger)
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
        var reserved = a > 0 && await work.Db.Set<Payment>()
            .Where(p => p.Id == id && Capturable.Contains(p.State) && p.Captured + p.Capturing + a <= p.Authorized
                        && (p.AuthorizationExpiresAt == null || p.AuthorizationExpiresAt > now))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Capturing, p => p.Capturing + a).SetProperty(p => p.UpdatedAt, now), ct) == 1;
        if (!reserved)
        {
            payment = (await work.FindAsync(id, ct))!;
            if (!Capturable.Contains(payment.State)) return PaymentErrors.InvalidState(payment.State, "captured");
            if (payment.AuthorizationExpiresAt <= now) return PaymentErrors.InvalidState(PaymentState.Expired, "captured");
            return PaymentErrors.CaptureExceedsAuthorized(payment.Authorized - payment.Captured - payment.Capturing);
        }
        return await SettleAsync(work, payment, new Money(a, payment.Currency), PaymentTransaction.Capture, null,
            (g, reference, money) => g.CaptureAsync(reference, money, CancellationToken.None));
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
        var reserved = await work.Db.Set<Payment>()
            .Where(p => p.Id == id && Refundable.Contains(p.State) && p.Refunded + p.Refunding + a <= p.Captured)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Refunding, p => p.Refunding + a).SetProperty(p => p.UpdatedAt, now), ct) == 1;
        if (!reserved)
        {
            payment = (await work.FindAsync(id, ct))!;
            if (!Refundable.Contains(payment.State)) return PaymentErrors.InvalidState(payment.State, "refunded");
            return PaymentErrors.RefundExceedsCaptured(payment.Captured - payment.Refunded - payment.Refunding);
        }
        return await SettleAsync(work, payment, amount, PaymentTransaction.Refund, reason,
            (g, reference, money) => g.RefundAsync(reference, money, CancellationToken.None));
    }

    /// <summary>
    /// Calls the gateway for the reserved amount, then in one commit releases the reservation (the in-flight column)
    /// and adds the amount to the settled column when the gateway agreed; logs the transaction either way.
    /// </summary>
    private async Task<Result<PaymentView>> SettleAsync(PaymentScope work, Payment payment, Money amount, string kind, string? reason,
        Func<IPaymentGateway, string, Money, Task<GatewayResult>> call)
    {
        var gateway = work.GatewayOf(payment);
        var result = gateway is null
            ? new GatewayResult(GatewayStatus.Failed, null, Money.Zero(amount.Currency), "payment.gateway_unavailable",
                $"The gateway '{payment.Gateway}' is not installed.")
            : await work.CallAsync(gateway, payment, kind, amount, g => call(g, payment.GatewayReference ?? "", amount));
        var a = amount.Minor;
        var settled = result.Succeeded ? a : 0;
        var now = Instants.Now(clock);
        var id = payment.Id;
        await work.InTransactionAsync(async () =>
        {
            var set = work.Db.Set<Payment>().Where(p => p.Id == id);
            if (kind == PaymentTransaction.Capture)
                await set.ExecuteUpdateAsync(s => s.SetProperty(p => p.Capturing, p => p.Capturing - a)
                    .SetProperty(p => p.Captured, p => p.Captured + settled).SetProperty(p => p.UpdatedAt, now));
            else
                await set.ExecuteUpdateAsync(s => s.SetProperty(p => p.Refunding, p => p.Refunding - a)
                    .SetProperty(p => p.Refunded, p => p.Refunded + settled).SetProperty(p => p.UpdatedAt, now));
            await PaymentLedger.RederiveStateAsync(work.Db, id, now, CancellationToken.None);
            PaymentLedger.Record(work.Db, work.Outbox, id, payment.OrderReference, kind, result, amount, now, reason);
        });
        if (!result.Succeeded) return PaymentErrors.GatewayRefused(kind, result.Code, result.Message);
        return (await PaymentLedger.ViewAsync(work.Db, id, CancellationToken.None))!;
    }
}
