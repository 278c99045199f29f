using Microsoft.EntityFrameworkCore;
using Runner.Analytics.Events;
using Runner.Analytics.Reports;
using Runner.Kernel.Data;

namespace Runner.Analytics.Funnels;

/// <summary>
/// The session facts go with the raw events (<see cref="EventRetention"/> runs this in its pass): a session first seen
/// longer ago than <see cref="AnalyticsOptions.RawEventRetentionDays"/> is forgotten, never sooner than an event may
/// arrive late (<see cref="EventIngestion.MaxAge"/>), so a late event cannot count its session twice. The counters stay.
/// </summary>
internal static class FunnelRetention
{
    public static Task<int> DeleteSessionsAsync(RunnerDbContext db, DateTimeOffset now, int retentionDays, CancellationToken ct)
    {
        var kept = TimeSpan.FromDays(retentionDays);
        if (kept <= EventIngestion.MaxAge) kept = EventIngestion.MaxAge + TimeSpan.FromDays(1);
        var before = StoreCalendar.QuarterOf(now - kept);
        return db.Set<FunnelSession>().Where(s => s.FirstQuarter < before).ExecuteDeleteAsync(ct);
    }
}
