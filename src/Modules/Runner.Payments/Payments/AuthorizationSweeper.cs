using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Kernel.Actors;
using Runner.Kernel.Data;
using Runner.Kernel.Hosting;
using Runner.Payments.Contracts;
using Runner.Payments.Fraud;
using Runner.Payments.Settings;


namespace Runner.Payments.Payments;

internal sealed class AuthorizationSweeperOptions
{
    public bool Enabled { get; set; } = true;
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
    public int BatchSize { get; set; } = 100;
}

/// <summary>
/// Cleans up after crashes and abandoned payments. An authorization (or 3-D Secure session) that no order claimed
/// within the unclaimed timeout is voided: checkout died between authorizing and placing the order. An authorization
/// past its validity is marked Expired. Any number of host processes may run it: each step is a conditional update
/// (the void re-checks "still unclaimed" in its UPDATE), so a payment is voided or expired once, and never after an
/// order claimed it.
/// </summary>
internal sealed class AuthorizationSweeper(IServiceScopeFactory scopes, TimeProvider clock, IOptions<AuthorizationSweeperOptions> options,
    ChangeState states, MoveMoney money, ILogger<AuthorizationSweeper> logger)
    : PeriodicService(scopes, clock, logger)
{
    /// <summary>The order reference a sale no order claimed is given before it is refunded, so no order can claim it after.</summary>
    public const string Unclaimed = "(unclaimed)";

    protected override bool Enabled => options.Value.Enabled;
    protected override TimeSpan Interval => options.Value.Interval;
    protected override string PassName => "Payment sweep";
    protected override Task RunPassAsync(CancellationToken ct) => SweepOnceAsync(ct);

    /// <summary>
    /// Voids unclaimed authorizations, refunds unclaimed sales (automatic capture mode) and expires lapsed
    /// authorizations; returns how many this call voided (or refunded) and expired.
    /// </summary>
    public async Task<(int Voided, int Expired)> SweepOnceAsync(CancellationToken ct)
    {
        var batch = Math.Max(1, options.Value.BatchSize);
        await using var scope = Scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        var settings = await scope.ServiceProvider.GetRequiredService<PaymentSettingsReader>().GetAsync(ct);
        var now = Instants.Now(Clock);
        var cutoff = now.AddMinutes(-settings.UnclaimedAuthorizationMinutes);
        var oldest = VelocityCounter.MinuteOf(now) - VelocityCounter.KeptMinutes;
        await db.Set<FraudVelocity>().Where(v => v.Minute < oldest).ExecuteDeleteAsync(ct);

        var voided = 0;
        while (true)
        {
            var due = await db.Set<Payment>().AsNoTracking()
                .Where(p => (p.State == PaymentState.Authorized || p.State == PaymentState.RequiresAction)
                            && p.OrderReference == null && p.Captured == 0 && p.Capturing == 0 && p.CreatedAt <= cutoff)
                .OrderBy(p => p.CreatedAt).Select(p => p.Id).Take(batch).ToListAsync(ct);
            foreach (var id in due)
            {
                var result = await states.VoidWhereAsync(id, p => p.OrderReference == null && p.CreatedAt <= cutoff, "unclaimed", ct);
                if (result.IsSuccess) voided++;
            }
            if (due.Count < batch || voided == 0) break;
        }
        voided += await RefundUnclaimedSalesAsync(db, cutoff, batch, ct);

        var expired = 0;
        while (true)
        {
            var n = await db.Set<Payment>()
                .Where(p => p.State == PaymentState.Authorized && p.AuthorizationExpiresAt <= now)
                .OrderBy(p => p.AuthorizationExpiresAt).Take(batch)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PaymentState.Expired).SetProperty(p => p.UpdatedAt, now), ct);
            expired += n;
            if (n < batch) break;
        }
        return (voided, expired);
    }

    /// <summary>
    /// A sale (authorized and captured at once) that no order claimed is first marked <see cref="Unclaimed"/> with a
    /// conditional update (so a late claim fails and only one sweeper goes on), then refunded in full.
    /// </summary>
    private async Task<int> RefundUnclaimedSalesAsync(RunnerDbContext db, DateTimeOffset cutoff, int batch, CancellationToken ct)
    {
        var due = await db.Set<Payment>().AsNoTracking()
            .Where(p => p.State == PaymentState.Captured && p.OrderReference == null && p.Refunded == 0 && p.CreatedAt <= cutoff)
            .OrderBy(p => p.CreatedAt).Select(p => new { p.Id, p.Captured, p.Currency }).Take(batch).ToListAsync(ct);
        var refunded = 0;
        foreach (var sale in due)
        {
            var taken = await db.Set<Payment>().Where(p => p.Id == sale.Id && p.OrderReference == null)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.OrderReference, Unclaimed), ct);
            if (taken == 1 && (await money.RefundAsync(sale.Id, new Kernel.Money(sale.Captured, sale.Currency), "unclaimed", ct)).IsSuccess)
                refunded++;
        }
        return refunded;
    }
}
