using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Caching;
using Runner.Kernel.Data;

namespace Runner.Payments.Settings;

/// <summary>
/// Reads the payment settings: the stored row, or the defaults while none was saved. Every checkout reads them, so
/// they are kept in memory (<see cref="SnapshotCache{T}"/>): the instance returned is shared, and no caller changes
/// it (the settings endpoint edits a tracked copy of its own).
/// </summary>
internal sealed class PaymentSettingsReader(RunnerDbContext db, SnapshotCache<PaymentSettings> cache)
{
    public async Task<PaymentSettings> GetAsync(CancellationToken ct) =>
        await cache.GetAsync(async token =>
            await db.Set<PaymentSettings>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == PaymentSettings.SingletonId, token)
            ?? PaymentSettings.Defaults(), ct);
}
