using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Runner.Bench.Hosting;
using Runner.Bench.Load;
using Runner.Bench.Scenarios;

namespace Runner.Bench.Analytics;

/// <summary>One report's latency over <see cref="Runs"/> sequential requests (ms, nearest-rank).</summary>
internal sealed record ReportTiming(string Report, int Runs, double P50, double P95, double Max, long Orders);

internal sealed record ProfitFigures(LedgerSeed Seed, IReadOnlyList<ReportTiming> Reports, string? Check);

/// <summary>
/// <c>profit</c>: a year of <c>--ledger-orders</c> orders (1,000,000 by default) written straight into the ledger's
/// tables (<see cref="LedgerSeeder"/>), a store in New York with a monthly rent, then every profit report over that year
/// (by day, ISO week, month, product, collection, channel, cohort and sales channel; by hour over its last quarter, the
/// longest an hourly report covers) asked <see cref="Runs"/> times one after another over HTTP, after
/// <see cref="Warmup"/> unmeasured runs each. The target: each answers in under 200 ms.
/// </summary>
internal static class ProfitScenario
{
    public const string Name = "profit";
    public const int Runs = 20, Warmup = 3;
    public const double TargetMs = 200;

    private static readonly (string Label, string Query)[] Reports =
    [
        ("day", "from=2025-01-01&to=2025-12-31&groupBy=day"), ("week", "from=2025-01-01&to=2025-12-31&groupBy=week"),
        ("month", "from=2025-01-01&to=2025-12-31&groupBy=month"), ("product", "from=2025-01-01&to=2025-12-31&groupBy=product"),
        ("collection", "from=2025-01-01&to=2025-12-31&groupBy=collection"), ("channel", "from=2025-01-01&to=2025-12-31&groupBy=channel"),
        ("cohort", "from=2025-01-01&to=2025-12-31&groupBy=cohort"), ("salesChannel", "from=2025-01-01&to=2025-12-31&groupBy=salesChannel"),
        ("hour (Q4)", "from=2025-10-01&to=2025-12-31&groupBy=hour"), ("day csv", "from=2025-01-01&to=2025-12-31&groupBy=day&format=csv"),
    ];

    public static string Description(BenchOptions o) =>
        $"{o.LedgerOrders:N0} orders over {LedgerSeeder.Year} in the ledger; each profit report {Runs} times, one after another";

    public static async Task<ScenarioResult> RunAsync(BenchContext context, BenchDatabase database, HostProcess host, CancellationToken ct)
    {
        var description = Description(context.Options);
        Console.Out.WriteLine($"== {Name}: {description}");
        using var client = HttpLoad.CreateClient(context.BaseAddress, 2, context.AdminHeaders);
        try
        {
            (await client.PatchAsJsonAsync("admin/store", new { timeZone = "America/New_York" }, ct)).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync("admin/expenses", new
            {
                date = $"{LedgerSeeder.Year}-01-01", category = "rent", amount = new { amount = 250_000, currency = "USD" }, recurrence = "monthly",
            }, ct)).EnsureSuccessStatusCode();
            Console.Out.WriteLine($"   writing {context.Options.LedgerOrders:N0} orders into the ledger…");
            var seed = await new LedgerSeeder(database, context.Options.LedgerOrders, context.Options.Seed).RunAsync(ct);
            Console.Out.WriteLine($"   {seed.Orders:N0} orders ({seed.Refunds:N0} refunds, {seed.Labels:N0} labels) in {seed.Took.TotalSeconds:N0} s: "
                + $"{seed.QuarterRows:N0} quarter-hour, {seed.HourRows:N0} hour, {seed.DayRows:N0} day and {seed.MonthRows:N0} month rows");
            await host.WaitIdleAsync(TimeSpan.FromSeconds(120), ct);
            var timings = new List<ReportTiming>();
            foreach (var (label, query) in Reports) timings.Add(await TimeAsync(client, label, query, ct));
            var orders = timings[0].Orders;
            var check = orders == seed.Orders ? $"the year's report counts {orders:N0} orders, as written" : $"the year's report counts {orders:N0} orders, not {seed.Orders:N0}";
            var figures = new ProfitFigures(seed, timings, check);
            Console.Out.WriteLine(Describe(figures));
            return new ScenarioResult(Name, description, null, null, null, check, Profit: figures);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or IOException or InvalidOperationException or JsonException
            || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            Console.Out.WriteLine($"   failed: {e.GetType().Name}: {e.Message}");
            return ScenarioResult.Skip(Name, description, $"failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private static async Task<ReportTiming> TimeAsync(HttpClient client, string label, string query, CancellationToken ct)
    {
        var ticks = new long[Runs];
        long orders = -1;
        for (var i = -Warmup; i < Runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync("admin/analytics/profit?" + query, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            var elapsed = Stopwatch.GetTimestamp() - started;
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{label}: {(int)response.StatusCode} {body}");
            if (i >= 0) ticks[i] = elapsed;
            if (orders < 0 && !query.Contains("format=csv")) orders = JsonDocument.Parse(body).RootElement.GetProperty("orders").GetInt64();
        }
        var latency = Latency.Of(ticks, Runs);
        var p95 = ticks[(int)Math.Ceiling(0.95 * Runs) - 1] * 1000.0 / Stopwatch.Frequency;
        return new ReportTiming(label, Runs, latency.P50, p95, latency.Max, orders);
    }

    public static string Describe(ProfitFigures f) => string.Join(Environment.NewLine,
        new[] { $"   ledger: {f.Seed.Orders:N0} orders, {f.Seed.QuarterRows:N0} quarter-hour / {f.Seed.HourRows:N0} hour / {f.Seed.DayRows:N0} day / {f.Seed.MonthRows:N0} month rows, written in {f.Seed.Took.TotalSeconds:N0} s" }
            .Concat(f.Reports.Select(r => $"   {r.Report,-12} p50 {r.P50,7:F1} ms  p95 {r.P95,7:F1} ms  max {r.Max,7:F1} ms")));

    public static string Markdown(ProfitFigures f)
    {
        var s = new System.Text.StringBuilder();
        s.AppendLine($"Ledger: {f.Seed.Orders:N0} orders over {LedgerSeeder.Year} ({f.Seed.Refunds:N0} refunds, {f.Seed.Labels:N0} labels), "
            + $"{f.Seed.QuarterRows:N0} quarter-hour, {f.Seed.HourRows:N0} hour, {f.Seed.DayRows:N0} day and {f.Seed.MonthRows:N0} month rows, written in {f.Seed.Took.TotalSeconds:N0} s.").AppendLine();
        s.AppendLine("| Report (a year, store in New York) | runs | p50 ms | p95 ms | max ms |");
        s.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var r in f.Reports) s.AppendLine($"| {r.Report} | {r.Runs} | {r.P50:F1} | {r.P95:F1} | {r.Max:F1} |");
        return s.ToString();
    }
}
