using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Results;
using Runner.Payments.Contracts;
using Runner.Payments.Settings;

namespace Runner.Payments.Payments;

/// <summary>
/// Voids, 3-D Secure confirmations and manual payments marked paid. Each takes the payment out of its state with one
/// conditional UPDATE before anything else happens, so two requests (or a request and the sweeper) never both win.
/// </summary>
internal sealed class ChangeState(IServiceScopeFactory scopes, TimeProvider clock, IOptions<PaymentReconcilerOptions> options,
    ILogger<ChangeState> logger)
{
    private static readonly PaymentState[] Voidable = [PaymentState.Authorized, PaymentState.RequiresAction, PaymentState.Pending];

    public Task<Result<PaymentView>> VoidAsync(PaymentId id, CancellationToken ct) => VoidWhereAsync(id, p => true, null, ct);

    /// <summary>
    /// Voids the payment when it is voidable (nothing captured) and matches <paramref name="also"/> at the moment of
    /// the update (the sweeper: still unclaimed). The same commit that takes it to Voided inserts the pending void
    /// transaction; the gateway is then called under its key and the void settled (<see cref="PendingOperations"/>):
    /// a gateway refusal puts the payment back as it was.
    /// </summary>
    public async Task<Result<PaymentView>> VoidWhereAsync(PaymentId id, Expression<Func<Payment, bool>> also, string? reason, CancellationToken ct)
    {
        await using var work = PaymentScope.Create(scopes, logger);
        var payment = await work.FindAsync(id, ct);
        if (payment is null) return PaymentErrors.NotFound();
        if (!Voidable.Contains(payment.State)) return PaymentErrors.InvalidState(payment.State, "voided");
        var before = payment.State;
        var now = Instants.Now(clock);
        var amount = new Money(payment.Authorized, payment.Currency);
        PaymentTransaction? pending = null;
        await work.InTransactionAsync(async () =>
        {
            var taken = await work.Db.Set<Payment>().Where(also)
                .Where(p => p.Id == id && p.State == before && p.Captured == 0 && p.Capturing == 0)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PaymentState.Voided).SetProperty(p => p.UpdatedAt, now), CancellationToken.None);
            if (taken == 1) pending = PendingOperations.Begin(work, id, PaymentTransaction.Void, amount, reason, now);
        });
        if (pending is null)
        {
            payment = (await work.FindAsync(id, ct))!;
            return PaymentErrors.InvalidState(payment.State, "voided");
        }
        var gateway = work.GatewayOf(payment);
        var key = PendingOperations.KeyOf(pending);
        GatewayResult? result;
        if (gateway is null || payment.GatewayReference is null && payment.Method == PaymentMethod.Card)
            result = new GatewayResult(GatewayStatus.Failed, null, Money.Zero(payment.Currency), "payment.gateway_unavailable", "The gateway cannot void this payment.");
        else
        {
            await DeferredDurability.BarrierAsync(); // the pending operation is on disk before the gateway hears of it
            try
            {
                result = await gateway.VoidAsync(payment.GatewayReference ?? "", amount, key, CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Gateway {Gateway} failed to void payment {PaymentId}.", gateway.Name, id);
                result = await GatewayRecovery.LookupAsync(gateway, key, GatewayRecovery.NotReceived(payment.Currency), logger);
            }
        }
        if (result is null) return PaymentErrors.GatewayUnreachable();
        await PendingOperations.SettleAsync(work, pending, result, Instants.Now(clock), options.Value.EventDelay);
        if (!result.Succeeded) return PaymentErrors.GatewayRefused("void", result.Code, result.Message);
        return (await PaymentLedger.ViewAsync(work.Db, id, CancellationToken.None))!;
    }

    /// <summary>Records a pending manual payment as paid in full.</summary>
    public async Task<Result<PaymentView>> MarkPaidAsync(PaymentId id, CancellationToken ct)
    {
        await using var work = PaymentScope.Create(scopes, logger);
        var payment = await work.FindAsync(id, ct);
        if (payment is null) return PaymentErrors.NotFound();
        var now = Instants.Now(clock);
        var done = 0;
        await work.InTransactionAsync(async () =>
        {
            done = await work.Db.Set<Payment>()
                .Where(p => p.Id == id && p.Method == PaymentMethod.Manual && p.State == PaymentState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PaymentState.Captured).SetProperty(p => p.Authorized, p => p.Amount)
                    .SetProperty(p => p.Captured, p => p.Amount).SetProperty(p => p.UpdatedAt, now));
            if (done == 1)
            {
                var paid = new Money(payment.Amount, payment.Currency);
                PaymentLedger.Record(work.Db, work.Outbox, id, payment.OrderReference, PaymentTransaction.Sale,
                    new GatewayResult(GatewayStatus.Succeeded, null, Money.Zero(payment.Currency)), paid, now);
                await PaymentLedger.AnnounceAsync(work.Db, work.Outbox, id, PaymentTransaction.Sale, paid, now, options.Value.EventDelay,
                    CancellationToken.None);
            }
        });
        if (done == 0)
        {
            payment = (await work.FindAsync(id, ct))!;
            return payment.Method == PaymentMethod.Manual
                ? PaymentErrors.InvalidState(payment.State, "marked as paid")
                : Error.Conflict("payment.not_manual", "Only a manual payment (bank transfer, cash on delivery) can be marked as paid.");
        }
        return (await PaymentLedger.ViewAsync(work.Db, id, CancellationToken.None))!;
    }

    /// <summary>
    /// Completes a 3-D Secure challenge: the gateway decides, then one conditional UPDATE from RequiresAction records
    /// the outcome (authorized, or captured in automatic capture mode; declined when the challenge failed). A second
    /// confirmation finds the payment already decided and returns it unchanged.
    /// </summary>
    public async Task<Result<PaymentView>> ConfirmAsync(PaymentId id, bool passed, CancellationToken ct)
    {
        await using var work = PaymentScope.Create(scopes, logger);
        var payment = await work.FindAsync(id, ct);
        if (payment is null) return PaymentErrors.NotFound();
        if (payment.State != PaymentState.RequiresAction)
            return payment.State is PaymentState.Voided or PaymentState.Expired
                ? PaymentErrors.InvalidState(payment.State, "confirmed")
                : (await PaymentLedger.ViewAsync(work.Db, id, ct))!;
        var settings = await work.Services.GetRequiredService<PaymentSettingsReader>().GetAsync(ct);
        var capture = settings.CaptureMode == CaptureMode.Automatic;
        var amount = new Money(payment.Amount, payment.Currency);
        var gateway = work.GatewayOf(payment);
        var result = gateway is null
            ? new GatewayResult(GatewayStatus.Failed, null, Money.Zero(payment.Currency), "payment.gateway_unavailable", "The gateway is not installed.")
            : await work.CallAsync(gateway, payment, "confirm", amount,
                g => g.ConfirmAsync(payment.GatewayReference ?? "", amount, capture, passed, CancellationToken.None));
        var now = Instants.Now(clock);
        var outcome = new Payment { Id = id, Gateway = payment.Gateway, Currency = payment.Currency, Reference = payment.Reference, Amount = payment.Amount };
        if (result.Succeeded) AuthorizationRecord.Settle(outcome, capture, settings, now);
        var state = result.Status switch
        {
            GatewayStatus.Succeeded => capture ? PaymentState.Captured : PaymentState.Authorized,
            GatewayStatus.Declined => PaymentState.Declined,
            _ => PaymentState.Failed,
        };
        await work.InTransactionAsync(async () =>
        {
            var changed = await work.Db.Set<Payment>().Where(p => p.Id == id && p.State == PaymentState.RequiresAction)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, state).SetProperty(p => p.Authorized, outcome.Authorized)
                    .SetProperty(p => p.Captured, outcome.Captured).SetProperty(p => p.AuthorizationExpiresAt, outcome.AuthorizationExpiresAt)
                    .SetProperty(p => p.UpdatedAt, now));
            if (changed == 1)
                PaymentLedger.Record(work.Db, work.Outbox, id, payment.OrderReference,
                    capture ? PaymentTransaction.Sale : PaymentTransaction.Authorization, result, amount, now);
        });
        return (await PaymentLedger.ViewAsync(work.Db, id, CancellationToken.None))!;
    }
}
