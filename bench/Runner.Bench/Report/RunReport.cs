using System.Globalization;
using System.Text;
using Runner.Bench.Catalog;
using Runner.Bench.Checkout;
using Runner.Bench.Analytics;
using Runner.Bench.Live;
using Runner.Bench.Load;

namespace Runner.Bench.Report;

/// <summary>Everything one run measured, printed as a table and, on request, as Markdown for BENCHMARKS.md.</summary>
internal sealed record RunReport(
    BenchOptions Options, MachineInfo Machine, DateTimeOffset Started, string LoadBefore, string LoadAfter,
    string Database, SeedReport? Seed, TimeSpan HostReady, IReadOnlyList<ScenarioResult> Results)
{
    public string Table()
    {
        var s = new StringBuilder();
        s.AppendLine(Header());
        if (Requests.Any()) s.AppendLine($"{"scenario",-8} {"closed req/s",12} {"err",5} | {"open rate",9} {"p50 ms",7} {"p90 ms",7} {"p99 ms",7} {"max ms",8} {"late",5} {"err",5} | CPU ms/req host/bench (closed); cores host/bench");
        foreach (var r in Requests)
        {
            if (r.Skipped is not null)
            {
                s.AppendLine($"{r.Name,-8} skipped: {r.Skipped}");
                continue;
            }
            var (c, o) = (r.Closed!, r.Open!);
            s.AppendLine($"{r.Name,-8} {c.Throughput,12:N0} {c.Errors,5} | {o.Rate,9:N0} {o.Latency.P50,7:F2} {o.Latency.P90,7:F2} {o.Latency.P99,7:F2} {o.Latency.Max,8:F2} {o.Late,5} {o.Errors,5} | "
                + $"{c.HostCpuMsPerRequest:F2}/{c.BenchCpuMsPerRequest:F2}; {c.Cpu.HostCores:F2}/{c.Cpu.BenchCores:F2} closed, {o.Cpu.HostCores:F2}/{o.Cpu.BenchCores:F2} open");
            if (r.Check is not null) s.AppendLine($"{"",-8} check: {r.Check}");
            if (r.Below is { } b) s.AppendLine($"{"",-8} below saturation: {Describe(b)}");
        }
        var checkouts = Checkouts.ToList();
        if (checkouts.Count > 0)
        {
            s.AppendLine($"{"checkout",-18} {"checkouts/s",11} {"req/s",6} | complete {"p50 ms",7} {"p90 ms",7} {"p99 ms",7} {"max ms",8} | {"flow p99",8} {"failed",6} {"late",5} | CPU ms/checkout host/bench; cores host/bench");
            foreach (var r in checkouts)
            {
                if (r.Skipped is not null) s.AppendLine($"{r.Name,-18} skipped: {r.Skipped}");
                foreach (var p in Phases(r.Checkout))
                {
                    s.AppendLine($"{Label(r.Name, p),-18} {p.CheckoutsPerSecond,11:N1} {p.RequestsPerSecond,6:N0} | {"",8} {p.Complete.P50,7:F2} {p.Complete.P90,7:F2} {p.Complete.P99,7:F2} {p.Complete.Max,8:F2} | "
                        + $"{p.Flow.P99,8:F1} {p.Failed,6} {p.Late,5} | {p.HostCpuMsPerCheckout:F1}/{p.BenchCpuMsPerCheckout:F1}; {p.Cpu.HostCores:F2}/{p.Cpu.BenchCores:F2}");
                    if (p.Failures.Length > 0) s.AppendLine($"{"",-18} failures: {p.Failures}");
                }
                if (r.Check is not null) s.AppendLine($"{"",-18} check: {r.Check}");
            }
        }
        foreach (var r in Lives) s.AppendLine($"{r.Name,-8} " + (r.Live is { } live ? LiveDelayScenario.Describe(live) : $"skipped: {r.Skipped}"));
        foreach (var r in ReportRuns) s.AppendLine($"{r.Name,-8} " + (r.Reports is { } figures ? ReportTimer.Describe(figures).TrimStart() : $"skipped: {r.Skipped}"));
        s.AppendLine(string.Join(Environment.NewLine, Targets().Select(t => "target: " + t)));
        return s.ToString();
    }

    public string Markdown()
    {
        var s = new StringBuilder();
        s.AppendLine(PagesOnly
            ? $"### Pages of the demo store, SQLite ({Started:yyyy-MM-dd})"
            : $"### {Options.Products:N0} products, {(Options.Postgres is null ? "SQLite" : "PostgreSQL")} ({Started:yyyy-MM-dd})").AppendLine();
        s.AppendLine($"- Command: `{Options.Command()}`");
        s.AppendLine($"- Date: {Started:yyyy-MM-dd HH:mm} UTC");
        s.AppendLine($"- Machine: {Machine}");
        s.AppendLine($"- Load: {LoadBefore} before the run, {LoadAfter} after it (the load generator shares the cores with the host)");
        if (PagesOnly) return s.AppendLine().AppendLine(PagesMarkdown()).ToString();
        s.AppendLine(Seed is null
            ? $"- Seed: none (reused {Database})"
            : $"- Seed: {Seed.Products:N0} products and {Seed.Collections} collections in {Seed.Catalog.TotalSeconds:F1} s through ICatalogAdmin"
                + $" ({Seed.Products / Seed.Catalog.TotalSeconds:N0} products/s); {Seed.Outbox}");
        s.AppendLine($"- Host ready (process start to first 200 of /health/ready, seeded database): {HostReady.TotalMilliseconds:N0} ms");
        s.AppendLine($"- Closed loop: {Options.Connections} connections for {Options.DurationSeconds} s; open loop: {Options.Rate:N0} req/s for {Options.DurationSeconds} s;"
            + $" warm-up of at least {Options.WarmupSeconds} s per scenario, until throughput settles"
            + (Checkouts.Any() ? $"; checkout open loop: {Options.CheckoutRate} checkouts started per second" : "")).AppendLine();
        if (Requests.Any())
        {
            s.AppendLine($"| Scenario | req/s at {Options.Connections} conn | errors | p50 at {Options.Rate:N0}/s | p90 | p99 | max | late | errors | CPU ms/req host/bench | cores host/bench (closed · open) | body KB |");
            s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        }
        foreach (var r in Requests)
        {
            if (r.Skipped is not null)
            {
                s.AppendLine($"| {r.Name} | skipped: {r.Skipped} | | | | | | | | | | |");
                continue;
            }
            var (c, o) = (r.Closed!, r.Open!);
            s.AppendLine($"| {r.Name} | {c.Throughput:N0} | {c.Errors} | {Ms(o.Latency.P50)} | {Ms(o.Latency.P90)} | {Ms(o.Latency.P99)} | {Ms(o.Latency.Max)} | {o.Late} | {o.Errors} |"
                + $" {c.HostCpuMsPerRequest:F2}/{c.BenchCpuMsPerRequest:F2} | {c.Cpu.HostCores:F2}/{c.Cpu.BenchCores:F2} · {o.Cpu.HostCores:F2}/{o.Cpu.BenchCores:F2} | {c.MeanBodyBytes / 1024:F1} |");
        }
        if (Requests.Any()) s.AppendLine();
        if (Checkouts.Any()) s.AppendLine(CheckoutMarkdown());
        foreach (var r in Lives)
            s.AppendLine($"- {r.Name} ({r.Description}): " + (r.Live is { } live ? LiveDelayScenario.Describe(live) : $"skipped: {r.Skipped}"));
        foreach (var r in ReportRuns)
            s.AppendLine(r.Reports is { } figures ? ReportTimer.Markdown(figures) : $"- {r.Name}: skipped: {r.Skipped}");
        foreach (var r in Results.Where(r => r.Below is not null))
            s.AppendLine($"- {r.Name} below saturation (open loop at half its closed-loop throughput): {Describe(r.Below!)}");
        foreach (var r in Results.Where(r => r.Check is not null)) s.AppendLine($"- {r.Name} check: {r.Check}");
        foreach (var r in Results.Where(r => r.Closed?.Errors > 0 || r.Open?.Errors > 0))
            s.AppendLine($"- {r.Name} errors: {string.Join("; ", new[] { r.Closed?.ErrorDetail, r.Open?.ErrorDetail }.Where(e => !string.IsNullOrEmpty(e)))}");
        foreach (var r in Checkouts)
        {
            foreach (var p in Phases(r.Checkout).Where(p => p.Failures.Length > 0)) s.AppendLine($"- {Label(r.Name, p)} failures: {p.Failures}");
            foreach (var p in Phases(r.Checkout).Where(p => p.Steps.Count > 0))
                s.AppendLine($"- {Label(r.Name, p)} per call, p50/p99 ms: "
                    + string.Join(", ", p.Steps.Select(x => $"{x.Step} {x.Latency.P50:F1}/{x.Latency.P99:F1}")));
        }
        foreach (var t in Targets()) s.AppendLine($"- Target: {t}");
        return s.ToString();
    }

    /// <summary>The checkout scenarios: every call of the flow counts; latency is the complete call's, from send to answer.</summary>
    private string CheckoutMarkdown()
    {
        var s = new StringBuilder();
        s.AppendLine("| Checkout | checkouts/s | req/s | complete p50 | p90 | p99 | max | flow p99 | failed | late | CPU ms/checkout host/bench | cores host/bench |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in Checkouts)
        {
            if (r.Skipped is not null) s.AppendLine($"| {r.Name} | skipped: {r.Skipped} | | | | | | | | | | |");
            foreach (var p in Phases(r.Checkout))
            {
                s.AppendLine($"| {Label(r.Name, p)} | {p.CheckoutsPerSecond:N1} | {p.RequestsPerSecond:N0} | {Ms(p.Complete.P50)} | {Ms(p.Complete.P90)} | {Ms(p.Complete.P99)} |"
                    + $" {Ms(p.Complete.Max)} | {Ms(p.Flow.P99)} | {p.Failed} | {p.Late} | {p.HostCpuMsPerCheckout:F1}/{p.BenchCpuMsPerCheckout:F1} | {p.Cpu.HostCores:F2}/{p.Cpu.BenchCores:F2} |");
            }
        }
        return s.ToString();
    }

    /// <summary>The request scenarios (list, handle, search, reserve) and the checkout scenarios, skipped ones included.</summary>
    private IEnumerable<ScenarioResult> Requests => Results.Where(r => CheckoutScenario.Find(r.Name) is null && r.Name != LiveDelayScenario.Name
        && !IsReport(r));
    /// <summary>The report scenarios (profit, funnel): a year written, then each report timed.</summary>
    private IEnumerable<ScenarioResult> ReportRuns => Results.Where(IsReport);
    /// <summary>A run of the pages alone: on a demo store of their own, nothing else seeded or measured.</summary>
    private bool PagesOnly => Results.Count > 0 && Results.All(r => r.Name == Pages.PagesScenario.Name);

    private string PagesMarkdown() => string.Join(Environment.NewLine, ReportRuns.Select(r =>
        r.Reports is { } figures ? ReportTimer.Markdown(figures) : $"- {r.Name}: skipped: {r.Skipped}"))
        + Environment.NewLine + string.Join(Environment.NewLine, Targets().Select(t => "- Target: " + t));

    private static bool IsReport(ScenarioResult r) => r.Name is ProfitScenario.Name or FunnelScenario.Name or Pages.PagesScenario.Name;
    private IEnumerable<ScenarioResult> Lives => Results.Where(r => r.Name == LiveDelayScenario.Name);
    private IEnumerable<ScenarioResult> Checkouts => Results.Where(r => CheckoutScenario.Find(r.Name) is not null);

    private static IEnumerable<FlowPhase> Phases(CheckoutFigures? f) => f is null ? [] : f.Open is null ? [f.Main] : [f.Main, f.Open];

    private static string Label(string name, FlowPhase p) => p.Kind switch
    {
        "open" => $"{name} at {p.Rate:N0}/s",
        "sale" => $"{name} ({p.Shoppers:N0} at once)",
        _ => $"{name} ({p.Shoppers} shopper{(p.Shoppers == 1 ? "" : "s")})",
    };

    /// <summary>The issue's targets that one run can judge (the 100k/10k ratio needs two runs).</summary>
    public IEnumerable<string> Targets()
    {
        if (!PagesOnly) yield return Judge("host ready < 3 s", HostReady.TotalSeconds < 3, $"{HostReady.TotalMilliseconds:N0} ms");
        if (Find("list") is { } list)
        {
            yield return Judge("list ≥ 5,000 req/s at 32 connections", list.Closed!.Throughput >= 5000 && list.Closed.Connections == 32,
                $"{list.Closed.Throughput:N0} req/s at {list.Closed.Connections}");
            yield return Judge("list p99 < 10 ms at 2,000 req/s", list.Open!.Latency.P99 < 10 && list.Open.Rate == 2000,
                $"{Ms(list.Open.Latency.P99)} ms at {list.Open.Rate:N0}/s");
        }
        if (Find("checkout16")?.Checkout is { } c16)
            yield return Judge("≥ 200 completed checkouts/s at 16 shoppers", c16.Main.CheckoutsPerSecond >= 200, $"{c16.Main.CheckoutsPerSecond:N1} checkouts/s");
        if (Find("checkout")?.Checkout?.Open is { } open)
            yield return Judge("complete p99 < 50 ms at 50 checkouts/s", open.Complete.P99 < 50 && open.Rate == 50,
                $"{Ms(open.Complete.P99)} ms at {open.Rate:N0}/s");
        if (Find("flashsale") is { Checkout: { } sale } flash)
            yield return Judge("flash sale: exactly 100 orders, 0 available, no 5xx", sale.CheckPassed, flash.Check ?? "");
        if (Find("live")?.Live is { Arrived: > 0 } live)
            yield return Judge("the dashboard sees each order within 2 s of its complete's answer (live max)",
                live.Max < LiveDelayScenario.TargetMs && live.TimedOut == 0, $"max {Ms(live.Max)} ms, {live.TimedOut} timed out of {live.Orders}");
        if (Find("profit")?.Reports is { } profit)
            yield return Judge($"a year of {profit.Orders:N0} orders answers any profit report in < 200 ms (slowest max)",
                profit.Slowest.Max < ReportTimer.TargetMs && profit.Orders >= 1_000_000, $"{profit.Slowest.Report} max {Ms(profit.Slowest.Max)} ms");
        if (Find("funnel")?.Reports is { } funnel)
            yield return Judge($"a year of traffic with {funnel.Orders:N0} orders answers any funnel report in < 200 ms (slowest max)",
                funnel.Slowest.Max < ReportTimer.TargetMs && funnel.Orders >= 1_000_000, $"{funnel.Slowest.Report} max {Ms(funnel.Slowest.Max)} ms");
        if (Find(Pages.PagesScenario.Name)?.Reports is { } pages)
            yield return Judge("every storefront and dashboard page renders in < 300 ms with the demo store (slowest max)",
                pages.Slowest.Max < Pages.PagesScenario.TargetMs, $"{pages.Slowest.Report} max {Ms(pages.Slowest.Max)} ms");
        if (Find("search") is { } search && Options.Products == 10_000)
            yield return Judge("search p99 < 20 ms at 10,000 products", search.Open!.Latency.P99 < 20, $"{Ms(search.Open.Latency.P99)} ms at {search.Open.Rate:N0}/s");
    }

    private static string Describe(OpenResult o) =>
        $"{o.Rate:N0} req/s: p50 {Ms(o.Latency.P50)} ms, p90 {Ms(o.Latency.P90)} ms, p99 {Ms(o.Latency.P99)} ms, max {Ms(o.Latency.Max)} ms, late {o.Late}, errors {o.Errors}";

    private ScenarioResult? Find(string name) => Results.FirstOrDefault(r => r.Name == name && r.Skipped is null);

    private static string Judge(string target, bool met, string measured) => $"{target}: {measured}, {(met ? "met" : "MISSED")}";

    private string Header() =>
        $"{Options.Products:N0} products on {Database}; {Started:yyyy-MM-dd HH:mm} UTC; {Machine}; {LoadBefore} before, {LoadAfter} after";

    private static string Ms(double ms) => double.IsNaN(ms) ? "-" : ms.ToString(ms < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);
}
