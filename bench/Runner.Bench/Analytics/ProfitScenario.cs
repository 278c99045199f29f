using System.Net.Http.Json;
using System.Text.Json;
using Runner.Bench.Hosting;
using Runner.Bench.Load;
using Runner.Bench.Scenarios;

namespace Runner.Bench.Analytics;

/// <summary>
/// <c>profit</c>: a year of <c>--ledger-orders</c> orders (1,000,000 by default) written straight into the ledger's
/// tables (<see cref="LedgerSeeder"/>), a store in New York with a monthly rent, then every profit report over that year
/// (by day, ISO week, month, product, collection, channel, cohort and sales channel; by hour over its last quarter, the
/// longest an hourly report covers; by day, product and hour again with the store in Kolkata, a half-hour offset) asked <see cref="ReportTimer.Runs"/> times one after another over HTTP, after
/// <see cref="ReportTimer.Warmup"/> unmeasured runs each. The target: each answers in under 200 ms.
/// </summary>
internal static class ProfitScenario
{
    public const string Name = "profit";

    private static readonly (string Label, string Query)[] Reports =
    [
        ("day", "from=2025-01-01&to=2025-12-31&groupBy=day"), ("week", "from=2025-01-01&to=2025-12-31&groupBy=week"),
        ("month", "from=2025-01-01&to=2025-12-31&groupBy=month"), ("product", "from=2025-01-01&to=2025-12-31&groupBy=product"),
        ("collection", "from=2025-01-01&to=2025-12-31&groupBy=collection"), ("channel", "from=2025-01-01&to=2025-12-31&groupBy=channel"),
        ("cohort", "from=2025-01-01&to=2025-12-31&groupBy=cohort"), ("salesChannel", "from=2025-01-01&to=2025-12-31&groupBy=salesChannel"),
        ("hour (Q4)", "from=2025-10-01&to=2025-12-31&groupBy=hour"), ("day csv", "from=2025-01-01&to=2025-12-31&groupBy=day&format=csv"),
    ];

    private static readonly (string Label, string Query)[] Kolkata =
    [
        ("day", "from=2025-01-01&to=2025-12-31&groupBy=day"), ("product", "from=2025-01-01&to=2025-12-31&groupBy=product"),
        ("hour (Q4)", "from=2025-10-01&to=2025-12-31&groupBy=hour"),
    ];

    public static string Description(BenchOptions o) =>
        $"{o.LedgerOrders:N0} orders over {LedgerSeeder.Year} in the ledger; each profit report {ReportTimer.Runs} times, one after another";

    public static async Task<ScenarioResult> RunAsync(BenchContext context, BenchDatabase database, HostProcess host, CancellationToken ct)
    {
        var description = Description(context.Options);
        return await ReportTimer.RunScenarioAsync(Name, description, context, async client =>
        {
            (await client.PatchAsJsonAsync("admin/store", new { timeZone = "America/New_York" }, ct)).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync("admin/expenses", new
            {
                date = $"{LedgerSeeder.Year}-01-01", category = "rent", amount = new { amount = 250_000, currency = "USD" }, recurrence = "monthly",
            }, ct)).EnsureSuccessStatusCode();
            Console.Out.WriteLine($"   writing {context.Options.LedgerOrders:N0} orders into the ledger…");
            var seed = await new LedgerSeeder(database, context.Options.LedgerOrders, context.Options.Seed).RunAsync(ct);
            var seeded = $"Ledger: {seed.Orders:N0} orders over {LedgerSeeder.Year} ({seed.Refunds:N0} refunds, {seed.Labels:N0} labels), "
                + $"{seed.QuarterRows:N0} quarter-hour, {seed.HourRows:N0} hour, {seed.DayRows:N0} day and {seed.MonthRows:N0} month rows, written in {seed.Took.TotalSeconds:N0} s.";
            Console.Out.WriteLine("   " + seeded);
            await host.WaitIdleAsync(TimeSpan.FromSeconds(120), ct);
            var timings = new List<ReportTiming>();
            foreach (var (label, query) in Reports)
                timings.Add(await ReportTimer.TimeAsync(client, "admin/analytics/profit", label, query, r => r.GetProperty("orders").GetInt64(), ct));
            // A half-hour zone: its local days cannot be cut from UTC hours.
            (await client.PatchAsJsonAsync("admin/store", new { timeZone = "Asia/Kolkata" }, ct)).EnsureSuccessStatusCode();
            foreach (var (label, query) in Kolkata)
                timings.Add(await ReportTimer.TimeAsync(client, "admin/analytics/profit", label + ", Kolkata", query, r => r.GetProperty("orders").GetInt64(), ct));
            var orders = timings[0].Counted;
            var check = orders == seed.Orders ? $"the year's report counts {orders:N0} orders, as written" : $"the year's report counts {orders:N0} orders, not {seed.Orders:N0}";
            var figures = new ReportFigures(seeded, seed.Orders, "Report (a year, store in New York unless named)", timings);
            Console.Out.WriteLine(ReportTimer.Describe(figures));
            return new ScenarioResult(Name, description, null, null, null, check, Reports: figures);
        }, ct);
    }
}
