using System.Globalization;
using System.Text;
using Runner.Bench.Catalog;
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
        s.AppendLine($"{"scenario",-8} {"closed req/s",12} {"err",5} | {"open rate",9} {"p50 ms",7} {"p90 ms",7} {"p99 ms",7} {"max ms",8} {"late",5} {"err",5} | CPU ms/req host/bench (closed); cores host/bench");
        foreach (var r in Results)
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
        s.AppendLine(string.Join(Environment.NewLine, Targets().Select(t => "target: " + t)));
        return s.ToString();
    }

    public string Markdown()
    {
        var s = new StringBuilder();
        s.AppendLine($"### {Options.Products:N0} products, {(Options.Postgres is null ? "SQLite" : "PostgreSQL")} ({Started:yyyy-MM-dd})").AppendLine();
        s.AppendLine($"- Command: `{Options.Command()}`");
        s.AppendLine($"- Date: {Started:yyyy-MM-dd HH:mm} UTC");
        s.AppendLine($"- Machine: {Machine}");
        s.AppendLine($"- Load: {LoadBefore} before the run, {LoadAfter} after it (the load generator shares the cores with the host)");
        s.AppendLine(Seed is null
            ? $"- Seed: none (reused {Database})"
            : $"- Seed: {Seed.Products:N0} products and {Seed.Collections} collections in {Seed.Catalog.TotalSeconds:F1} s through ICatalogAdmin"
                + $" ({Seed.Products / Seed.Catalog.TotalSeconds:N0} products/s); {Seed.Outbox}");
        s.AppendLine($"- Host ready (process start to first 200 of /health/ready, seeded database): {HostReady.TotalMilliseconds:N0} ms");
        s.AppendLine($"- Closed loop: {Options.Connections} connections for {Options.DurationSeconds} s; open loop: {Options.Rate:N0} req/s for {Options.DurationSeconds} s;"
            + $" warm-up of at least {Options.WarmupSeconds} s per scenario, until throughput settles").AppendLine();
        s.AppendLine($"| Scenario | req/s at {Options.Connections} conn | errors | p50 at {Options.Rate:N0}/s | p90 | p99 | max | late | errors | CPU ms/req host/bench | cores host/bench (closed · open) | body KB |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        foreach (var r in Results)
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
        s.AppendLine();
        foreach (var r in Results.Where(r => r.Below is not null))
            s.AppendLine($"- {r.Name} below saturation (open loop at half its closed-loop throughput): {Describe(r.Below!)}");
        foreach (var r in Results.Where(r => r.Check is not null)) s.AppendLine($"- {r.Name} check: {r.Check}");
        foreach (var r in Results.Where(r => r.Closed?.Errors > 0 || r.Open?.Errors > 0))
            s.AppendLine($"- {r.Name} errors: {string.Join("; ", new[] { r.Closed?.ErrorDetail, r.Open?.ErrorDetail }.Where(e => !string.IsNullOrEmpty(e)))}");
        foreach (var t in Targets()) s.AppendLine($"- Target: {t}");
        return s.ToString();
    }

    /// <summary>The issue's targets that one run can judge (the 100k/10k ratio needs two runs).</summary>
    public IEnumerable<string> Targets()
    {
        yield return Judge("host ready < 3 s", HostReady.TotalSeconds < 3, $"{HostReady.TotalMilliseconds:N0} ms");
        if (Find("list") is { } list)
        {
            yield return Judge("list ≥ 5,000 req/s at 32 connections", list.Closed!.Throughput >= 5000 && list.Closed.Connections == 32,
                $"{list.Closed.Throughput:N0} req/s at {list.Closed.Connections}");
            yield return Judge("list p99 < 10 ms at 2,000 req/s", list.Open!.Latency.P99 < 10 && list.Open.Rate == 2000,
                $"{Ms(list.Open.Latency.P99)} ms at {list.Open.Rate:N0}/s");
        }
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
