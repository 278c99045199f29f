using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Runner.Identity.Sessions;
using Runner.Kernel.Data;
using Runner.Kernel.Hosting;

namespace Runner.Identity.Security;

/// <summary>
/// Every ten minutes: drops attempt counters of windows long over, sign-in codes a day past their expiry, answered passkey challenges past theirs, and refresh
/// tokens a week past theirs (kept that long so a late reuse is still recognised as one). Any host process may run
/// it; the deletes are idempotent.
/// </summary>
internal sealed class IdentityHousekeeping(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdentityHousekeeping> logger)
    : PeriodicService(scopes, clock, logger)
{
    protected override bool Enabled => true;
    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);
    protected override string PassName => "Identity housekeeping";

    protected override Task RunPassAsync(CancellationToken ct) => PassAsync(ct);

    internal async Task PassAsync(CancellationToken ct)
    {
        await using var scope = Scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        await scope.ServiceProvider.GetRequiredService<Attempts>().PruneAsync(ct);
        var now = Instants.Now(Clock);
        var codes = now - TimeSpan.FromDays(1);
        await db.Set<SignInCode>().Where(c => c.ExpiresAt < codes).ExecuteDeleteAsync(ct);
        await db.Set<Passkeys.UsedPasskeyChallenge>().Where(c => c.ExpiresAt < now).ExecuteDeleteAsync(ct);
        var sessions = now - TimeSpan.FromDays(7);
        await db.Set<Session>().Where(s => s.ExpiresAt < sessions).ExecuteDeleteAsync(ct);
    }
}
