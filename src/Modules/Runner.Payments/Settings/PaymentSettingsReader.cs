using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;

namespace Runner.Payments.Settings;

/// <summary>Reads the payment settings: the stored row, or the defaults while none was saved.</summary>
internal sealed class PaymentSettingsReader(RunnerDbContext db)
{
    public async Task<PaymentSettings> GetAsync(CancellationToken ct) =>
        await db.Set<PaymentSettings>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == PaymentSettings.SingletonId, ct)
        ?? PaymentSettings.Defaults();
}
