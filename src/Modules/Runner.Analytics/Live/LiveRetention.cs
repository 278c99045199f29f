using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Kernel.Data;
using Runner.Kernel.Hosting;

namespace Runner.Analytics.Live;

/// <summary>
/// Every hour: deletes live feed rows older than <see cref="LiveOptions.Retention"/> (a day). The feed only carries
/// changes to dashboards that are open, and a resumption reaches back an hour at most; the figures themselves live
/// in the ledger. Any host process may run it; the delete is idempotent.
/// </summary>
internal sealed class LiveRetention(IServiceScopeFactory scopes, TimeProvider clock, ILogger<LiveRetention> logger, IOptions<LiveOptions> options)
    : PeriodicService(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.Retention > TimeSpan.Zero;
    protected override TimeSpan Interval => TimeSpan.FromHours(1);
    protected override string PassName => "Live analytics feed retention";

    protected override Task RunPassAsync(CancellationToken ct) => PassAsync(ct);

    internal async Task<int> PassAsync(CancellationToken ct)
    {
        await using var scope = Scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        var cutoff = Instants.Now(Clock) - options.Value.Retention;
        return await db.Set<LiveChange>().Where(c => c.At < cutoff).ExecuteDeleteAsync(ct);
    }
}
