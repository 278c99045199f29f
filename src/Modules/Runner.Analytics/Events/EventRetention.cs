using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Analytics.Funnels;
using Runner.Kernel.Data;
using Runner.Kernel.Hosting;

namespace Runner.Analytics.Events;

/// <summary>
/// Every hour: deletes raw storefront events older than <see cref="AnalyticsOptions.RawEventRetentionDays"/>, and the
/// funnel's session facts with them (<see cref="FunnelRetention"/>). Any host process may run it; the deletes are idempotent.
/// </summary>
internal sealed class EventRetention(IServiceScopeFactory scopes, TimeProvider clock, ILogger<EventRetention> logger, IOptions<AnalyticsOptions> options)
    : PeriodicService(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.RawEventRetentionDays > 0;
    protected override TimeSpan Interval => TimeSpan.FromHours(1);
    protected override string PassName => "Analytics event retention";

    protected override Task RunPassAsync(CancellationToken ct) => PassAsync(ct);

    internal async Task<int> PassAsync(CancellationToken ct)
    {
        await using var scope = Scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        var now = Instants.Now(Clock);
        var cutoff = now - TimeSpan.FromDays(options.Value.RawEventRetentionDays);
        var deleted = await db.Set<StoreEvent>().Where(e => e.OccurredAt < cutoff).ExecuteDeleteAsync(ct);
        return deleted + await FunnelRetention.DeleteSessionsAsync(db, now, options.Value.RawEventRetentionDays, ct);
    }
}
