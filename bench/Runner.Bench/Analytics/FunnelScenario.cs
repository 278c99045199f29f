using System.Net.Http.Json;
using System.Text.Json;
using Runner.Analytics.Reports;
using Runner.Bench.Hosting;
using Runner.Bench.Load;
using Runner.Bench.Scenarios;

namespace Runner.Bench.Analytics;

/// <summary>
/// <c>funnel</c>: a year of <c>--funnel-sessions</c> storefront sessions (10,000,000 by default, about a tenth of them
/// buying) counted straight into the funnel's tables (<see cref="FunnelSeeder"/>), then every funnel report over that
/// year (by day, ISO week, month, channel, device, product and collection; by hour over its last quarter, the longest an
/// hourly report covers; the day report as CSV) asked <see cref="ReportTimer.Runs"/> times one after another over HTTP,
/// for a store in New York (daylight saving, whole-hour offsets) and again in Kolkata (a half-hour offset: its local
/// periods cannot be cut from UTC hours). The target: each answers in under 200 ms.
/// </summary>
internal static class FunnelScenario
{
    public const string Name = "funnel";

    private static readonly string[] Zones = ["America/New_York", "Asia/Kolkata"];

    private static readonly (string Label, string Query)[] Reports =
    [
        ("day", "groupBy=day"), ("week", "groupBy=week"), ("month", "groupBy=month"), ("channel", "groupBy=channel"), ("device", "groupBy=device"),
        ("product", "groupBy=product"), ("collection", "groupBy=collection"), ("hour (Q4)", "from=2025-10-01&to=2025-12-31&groupBy=hour"),
        ("day csv", "groupBy=day&format=csv"),
    ];

    private static readonly DateOnly From = new(FunnelSeeder.Year, 1, 1), To = new(FunnelSeeder.Year, 12, 31);

    public static string Description(BenchOptions o) =>
        $"{o.FunnelSessions:N0} sessions over {FunnelSeeder.Year} in the funnel's counters; each funnel report {ReportTimer.Runs} times, one after another, in New York and Kolkata";

    public static async Task<ScenarioResult> RunAsync(BenchContext context, BenchDatabase database, HostProcess host, CancellationToken ct)
    {
        var description = Description(context.Options);
        return await ReportTimer.RunScenarioAsync(Name, description, context, async client =>
        {
            Console.Out.WriteLine($"   counting {context.Options.FunnelSessions:N0} sessions into the funnel…");
            var seed = await new FunnelSeeder(database, context.Options.FunnelSessions, context.Options.Seed).RunAsync(ct);
            var seeded = $"Funnel: {seed.Sessions:N0} sessions over {FunnelSeeder.Year} ({seed.ProductViews:N0} product views, {seed.Orders:N0} orders), "
                + $"{seed.QuarterRows:N0} quarter-hour, {seed.HourRows:N0} hour, {seed.DayRows:N0} day, {seed.MonthRows:N0} month and {seed.YearRows:N0} year rows, written in {seed.Took.TotalSeconds:N0} s.";
            Console.Out.WriteLine("   " + seeded);
            await host.WaitIdleAsync(TimeSpan.FromSeconds(120), ct);
            var timings = new List<ReportTiming>();
            var checks = new List<string>();
            foreach (var zone in Zones)
            {
                (await client.PatchAsJsonAsync("admin/store", new { timeZone = zone }, ct)).EnsureSuccessStatusCode();
                var city = zone[(zone.IndexOf('/') + 1)..].Replace('_', ' ');
                foreach (var (label, query) in Reports)
                {
                    var ranged = query.Contains("from=", StringComparison.Ordinal) ? query : $"from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&{query}";
                    timings.Add(await ReportTimer.TimeAsync(client, "admin/analytics/funnel", $"{label}, {city}", ranged,
                        r => r.GetProperty("totals").GetProperty("purchases").GetInt64(), ct));
                }
                var (from, to) = StoreCalendar.Of(zone).Quarters(From, To);
                var (counted, expected) = (timings[^Reports.Length].Counted, seed.PurchasesBetween(from, to));
                checks.Add(counted == expected ? $"{city}'s year counts {counted:N0} purchases, as written" : $"{city}'s year counts {counted:N0} purchases, not {expected:N0}");
            }
            var figures = new ReportFigures(seeded, seed.Orders, "Funnel report (a year)", timings);
            Console.Out.WriteLine(ReportTimer.Describe(figures));
            return new ScenarioResult(Name, description, null, null, null, string.Join("; ", checks), Reports: figures);
        }, ct);
    }
}
