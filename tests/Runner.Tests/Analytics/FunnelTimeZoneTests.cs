using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Runner.Kernel.Outbox;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Analytics.FunnelData;

namespace Runner.Tests.Analytics;

/// <summary>
/// The engine on the day after New York's 2026 spring-forward (8 March: 02:00 EST became 03:00 EDT), with the outbox
/// delivered by hand: a host of its own, since these tests set the store's time zone.
/// </summary>
public sealed class FunnelZoneApp : RunnerApp
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 9, 12, 0, 0, TimeSpan.Zero));
    protected override FakeTimeProvider? Clock => Time;
    protected override bool BackgroundWork => false;

    public async Task DeliverAsync()
    {
        var dispatcher = Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.RunOnceAsync(CancellationToken.None) > 0) { }
    }
}

/// <summary>Local days and hours cut from the UTC quarter-hour counters at query time, in whatever zone the store has now.</summary>
public class FunnelTimeZoneTests(FunnelZoneApp app) : IClassFixture<FunnelZoneApp>
{
    private static DateTimeOffset Utc(int day, int hour, int minute) => new(2026, 3, day, hour, minute, 0, TimeSpan.Zero);

    private async Task ZoneAsync(string zone) => await (await app.Admin().PatchJson("/admin/store", new { timeZone = zone })).Json();

    private static List<(string Key, long Sessions)> Series(JsonElement report) =>
        [.. report.GetProperty("series").EnumerateArray().Select(r => (r.Str("key"), r.Long("sessions")))];

    [Fact]
    public async Task Days_AreCutInTheStoresZone_AcrossADaylightSavingChange_AndRecutWhenTheZoneChanges()
    {
        await ZoneAsync("America/New_York");
        // In New York: 7 March 23:30 EST, 8 March 00:30 EST, 14:45 EDT, 23:30 EDT (a purchase), 9 March 00:30 EDT.
        await SendAsync(app,
        [
            Event("page_view", "late-on-the-7th", at: Utc(8, 4, 30)), Event("page_view", "early-on-the-8th", at: Utc(8, 5, 30)),
            Event("page_view", "afternoon-of-the-8th", at: Utc(8, 18, 45)),
            Event("page_view", "late-on-the-8th", at: Utc(9, 3, 30)), Event("purchase", "late-on-the-8th", at: Utc(9, 3, 35)),
            Event("page_view", "early-on-the-9th", at: Utc(9, 4, 30)),
        ]);
        await app.DeliverAsync();

        var days = await ReportAsync(app, "?from=2026-03-07&to=2026-03-09&groupBy=day");
        Assert.Equal("America/New_York", days.Str("timeZone"));
        Assert.Equal([("2026-03-07", 1L), ("2026-03-08", 3L), ("2026-03-09", 1L)], Series(days));
        Assert.Equal((5, 1), (days.GetProperty("totals").Long("sessions"), days.GetProperty("totals").Long("purchases")));
        Assert.Equal(1, days.GetProperty("series")[1].Long("purchases"));

        // The 8th has 23 hours: 01:00 EST is followed by 03:00 EDT.
        var hours = await ReportAsync(app, "?from=2026-03-08&to=2026-03-08&groupBy=hour");
        var keys = Series(hours).Select(h => h.Key).ToList();
        Assert.Equal(23, keys.Count);
        Assert.Equal(keys.IndexOf("2026-03-08T01:00-05:00") + 1, keys.IndexOf("2026-03-08T03:00-04:00"));
        Assert.Equal(("2026-03-08T00:00-05:00", 1L), Series(hours)[0]);
        Assert.Equal(("2026-03-08T14:00-04:00", 1L), Series(hours)[keys.IndexOf("2026-03-08T14:00-04:00")]);
        Assert.Equal(("2026-03-08T23:00-04:00", 1L), Series(hours)[^1]);
        Assert.Equal(3, Series(hours).Sum(h => h.Sessions));
        Assert.Equal(1, hours.GetProperty("previous").Long("sessions")); // the 7th

        // The counters are UTC quarter-hours: a store moved to UTC, or to India's half-hour offset (18:45 UTC is 00:15 on
        // the 9th there), cuts the same ones at other midnights.
        await ZoneAsync("UTC");
        var utc = await ReportAsync(app, "?from=2026-03-07&to=2026-03-09");
        Assert.Equal("day", utc.Str("groupBy"));
        Assert.Equal([("2026-03-07", 0L), ("2026-03-08", 3L), ("2026-03-09", 2L)], Series(utc));
        await ZoneAsync("Asia/Kolkata");
        Assert.Equal([("2026-03-07", 0L), ("2026-03-08", 2L), ("2026-03-09", 3L)], Series(await ReportAsync(app, "?from=2026-03-07&to=2026-03-09")));
        Assert.Equal([("2026-03", 5L)], Series(await ReportAsync(app, "?from=2026-03-01&to=2026-03-31&groupBy=month")));
    }
}
