using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Inventory.Contracts;
using Runner.Inventory.Stock;
using Runner.Kernel.Data;
using Runner.Kernel.Hosting;
using Runner.Kernel.Actors;
using Runner.Kernel.Results;

namespace Runner.Inventory.Reservations;

internal sealed class ReservationSweeperOptions
{
    public bool Enabled { get; set; } = true;
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);
    public int BatchSize { get; set; } = 100;
}

/// <summary>
/// Expires reservations whose time ran out, giving their units back. Any number of host processes may run it against
/// one database: each expiry is the conditional status update of <see cref="ReservationEnd"/>, so a reservation is
/// expired (and its units returned) exactly once, whoever gets there first.
/// </summary>
internal sealed class ReservationSweeper(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReservationSweeperOptions> options, ILogger<ReservationSweeper> logger)
    : PeriodicService(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.Enabled;
    protected override TimeSpan Interval => options.Value.Interval;
    protected override string PassName => "Reservation sweep";
    protected override Task RunPassAsync(CancellationToken ct) => SweepOnceAsync(ct);

    /// <summary>Expires every reservation due now, in batches; returns how many this call expired.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        var batch = Math.Max(1, options.Value.BatchSize);
        var expired = 0;
        while (true)
        {
            await using var scope = Scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
            var now = Instants.Now(Clock);
            var due = await db.Set<Reservation>().AsNoTracking()
                .Where(r => r.Status == ReservationStatus.Active && r.ExpiresAt <= now)
                .OrderBy(r => r.ExpiresAt).Select(r => r.Id).Take(batch).ToListAsync(ct);
            foreach (var id in due)
            {
                var result = await InventoryTransaction.RunAsync(db, async ct =>
                    Result<bool>.Ok(await ReservationEnd.GiveBackAsync(db, id, ReservationStatus.Expired, now, ct)), ct);
                if (result.Value) expired++;
            }
            if (due.Count < batch) return expired;
        }
    }
}
