using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Hosting;
using Runner.Kernel.Outbox;
using Runner.Payments.Contracts;
using Runner.Payments.Settings;
using Runner.Payments.Tokens;

namespace Runner.Payments.Payments;

/// <summary>
/// Settles what a crash (or a gateway that stopped answering) left half-done, from the gateway's own records, once
/// it is older than <see cref="PaymentReconcilerOptions.After"/>:
/// <list type="bullet">
/// <item>a pending capture, refund or void: the gateway did it → applied exactly as the request would have (money,
/// transaction log, fee and payment event); it failed or never reached the gateway → the reservation is released
/// (a void: the payment goes back to its state);</item>
/// <item>an authorization under way (<see cref="PaymentIdempotency"/> still pending): authorized (or awaiting 3-D
/// Secure) at the gateway → the payment is recorded, so the shopper's retry with the same key finds it and the
/// unclaimed-authorization sweep voids it if no order claims it; otherwise the key and the card token are released,
/// so the retry starts over.</item>
/// </list>
/// Any number of host processes may run it at once: every settlement is a conditional update, so each operation is
/// applied once. An operation the gateway cannot be asked about now stays as it is until a later pass.
/// </summary>
internal sealed class PaymentReconciler(IServiceScopeFactory scopes, TimeProvider clock, IOptions<PaymentReconcilerOptions> options,
    ILogger<PaymentReconciler> logger) : PeriodicService(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.Enabled;
    protected override TimeSpan Interval => options.Value.Interval;
    protected override string PassName => "Payment reconciliation";
    protected override Task RunPassAsync(CancellationToken ct) => ReconcileOnceAsync(ct);

    /// <summary>Settles what is due; returns how many operations and authorizations this call settled.</summary>
    public async Task<(int Operations, int Authorizations)> ReconcileOnceAsync(CancellationToken ct)
    {
        var cutoff = Instants.Now(Clock) - options.Value.After;
        var batch = Math.Max(1, options.Value.BatchSize);
        return (await OperationsAsync(cutoff, batch, ct), await AuthorizationsAsync(cutoff, batch, ct));
    }

    private Task<int> OperationsAsync(DateTimeOffset cutoff, int batch, CancellationToken ct) =>
        SweepAsync<PaymentTransaction, Guid>((db, left) => db.Set<PaymentTransaction>().AsNoTracking()
                .Where(t => t.Status == PaymentTransaction.Pending && t.At <= cutoff && !left.Contains(t.Id)).OrderBy(t => t.At),
            t => t.Id, SettleAsync, batch, ct);

    private Task<int> AuthorizationsAsync(DateTimeOffset cutoff, int batch, CancellationToken ct) =>
        SweepAsync<PaymentIdempotency, string>((db, left) => db.Set<PaymentIdempotency>().AsNoTracking()
                .Where(k => k.Status == PaymentIdempotency.Pending && k.CreatedAt <= cutoff && !left.Contains(k.Key)).OrderBy(k => k.CreatedAt),
            k => k.Key, SettleAsync, batch, ct);

    /// <summary>
    /// Settles what <paramref name="due"/> finds, a batch at a time, until a batch comes back short; what could not
    /// be settled this pass (the gateway did not answer) is left out of the next batches and tried again next pass.
    /// </summary>
    private async Task<int> SweepAsync<T, TKey>(Func<RunnerDbContext, List<TKey>, IQueryable<T>> due, Func<T, TKey> keyOf,
        Func<T, CancellationToken, Task<bool>> settle, int batch, CancellationToken ct)
    {
        var settled = 0;
        var left = new List<TKey>();
        while (true)
        {
            List<T> items;
            await using (var scope = Scopes.CreateAsyncScope())
                items = await due(scope.ServiceProvider.GetRequiredService<RunnerDbContext>(), left).Take(batch).ToListAsync(ct);
            foreach (var item in items)
            {
                if (await settle(item, ct)) settled++;
                else left.Add(keyOf(item));
            }
            if (items.Count < batch) return settled;
        }
    }

    private async Task<bool> SettleAsync(PaymentTransaction pending, CancellationToken ct)
    {
        await using var work = PaymentScope.Create(Scopes, logger);
        var payment = await work.FindAsync(pending.PaymentId, ct);
        var gateway = payment is null ? null : work.GatewayOf(payment);
        if (gateway is null)
        {
            logger.LogWarning("Pending {Kind} {Id} cannot be settled: payment {PaymentId}'s gateway is not installed.",
                pending.Kind, pending.Id, pending.PaymentId);
            return false;
        }
        var result = await GatewayRecovery.LookupAsync(gateway, PendingOperations.KeyOf(pending), GatewayRecovery.NoRecord(pending.Currency), logger, ct);
        if (result is null) return false;
        var settled = await PendingOperations.SettleAsync(work, pending, result, Instants.Now(Clock), options.Value.EventDelay);
        if (settled)
            logger.LogWarning("Reconciled {Kind} {Id} of payment {PaymentId} from the gateway's records: {Status}.",
                pending.Kind, pending.Id, pending.PaymentId, result.Succeeded ? "done" : "released");
        return settled;
    }

    private async Task<bool> SettleAsync(PaymentIdempotency key, CancellationToken ct)
    {
        await using var scope = Scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<RunnerDbContext>();
        GatewayResult? result = null;
        if (key.Method == PaymentMethod.Card)
        {
            var gateway = services.GetServices<IPaymentGateway>().FirstOrDefault(g => g.Name == key.Gateway);
            if (gateway is null) return false;
            result = await GatewayRecovery.LookupAsync(gateway, PaymentIdempotency.GatewayKey(key.PaymentId), GatewayRecovery.NoRecord(key.Currency), logger, ct);
            if (result is null) return false;
        }
        if (result is { Status: GatewayStatus.Succeeded or GatewayStatus.RequiresAction })
        {
            var token = await db.Set<PaymentToken>().AsNoTracking().SingleOrDefaultAsync(t => t.Token == key.Token, ct);
            var settings = await services.GetRequiredService<PaymentSettingsReader>().GetAsync(ct);
            var (_, recorded) = await AuthorizationRecord.RecordAsync(db, services.GetRequiredService<IOutbox>(), key, token, result,
                settings, Instants.Now(Clock));
            if (recorded) logger.LogWarning("Reconciled authorization {PaymentId} (key {Key}): recorded as the gateway has it.", key.PaymentId, key.Key);
            return recorded;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var released = await db.Set<PaymentIdempotency>()
            .Where(k => k.Key == key.Key && k.PaymentId == key.PaymentId && k.Status == PaymentIdempotency.Pending)
            .ExecuteDeleteAsync(CancellationToken.None);
        if (released == 1 && key.Token is { } t)
            await db.Set<PaymentToken>().Where(x => x.Token == t).ExecuteUpdateAsync(s => s.SetProperty(x => x.UsedAt, (DateTimeOffset?)null),
                CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        if (released == 1) logger.LogWarning("Reconciled authorization {PaymentId} (key {Key}): not authorized, key released.", key.PaymentId, key.Key);
        return released == 1;
    }
}
