using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Runner.Bench.Load;
using Runner.Bench.Scenarios;

namespace Runner.Bench.Analytics;

/// <summary>One report's latency over <see cref="Runs"/> sequential requests (ms, nearest-rank), and what its first JSON answer counted.</summary>
internal sealed record ReportTiming(string Report, int Runs, double P50, double P95, double Max, long Counted);

/// <summary>
/// What a report scenario wrote (<see cref="Seeded"/>, a sentence; <see cref="Orders"/> the orders of its year) and how
/// fast each report answered over it (<see cref="ReportTimer.TargetMs"/> each).
/// </summary>
internal sealed record ReportFigures(string Seeded, long Orders, string Heading, IReadOnlyList<ReportTiming> Reports)
{
    public ReportTiming Slowest => Reports.MaxBy(r => r.Max)!;
}

/// <summary>Asks an admin report again and again over HTTP, one request after another, and keeps the latencies.</summary>
internal static class ReportTimer
{
    public const int Runs = 20, Warmup = 3;
    public const double TargetMs = 200;

    /// <param name="count">Reads the figure to check from the first JSON answer (ignored for CSV).</param>
    public static async Task<ReportTiming> TimeAsync(HttpClient client, string path, string label, string query, Func<JsonElement, long> count,
        CancellationToken ct)
    {
        var ticks = new long[Runs];
        long counted = -1;
        for (var i = -Warmup; i < Runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path + "?" + query, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            var elapsed = Stopwatch.GetTimestamp() - started;
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{label}: {(int)response.StatusCode} {body}");
            if (i >= 0) ticks[i] = elapsed;
            if (counted < 0 && !query.Contains("format=csv", StringComparison.Ordinal)) counted = count(JsonDocument.Parse(body).RootElement);
        }
        var latency = Latency.Of(ticks, Runs);
        var p95 = ticks[(int)Math.Ceiling(0.95 * Runs) - 1] * 1000.0 / Stopwatch.Frequency;
        return new ReportTiming(label, Runs, latency.P50, p95, latency.Max, counted);
    }

    /// <summary>
    /// Runs a report scenario: prints its description, hands <paramref name="body"/> an admin client, and turns a
    /// failure of the host or of its answers into a skipped result that says why.
    /// </summary>
    public static async Task<ScenarioResult> RunScenarioAsync(string name, string description, BenchContext context,
        Func<HttpClient, Task<ScenarioResult>> body, CancellationToken ct)
    {
        Console.Out.WriteLine($"== {name}: {description}");
        using var client = HttpLoad.CreateClient(context.BaseAddress, 2, context.AdminHeaders);
        try
        {
            return await body(client);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or IOException or InvalidOperationException or JsonException
            || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            Console.Out.WriteLine($"   failed: {e.GetType().Name}: {e.Message}");
            return ScenarioResult.Skip(name, description, $"failed: {e.GetType().Name}: {e.Message}");
        }
    }

    public static string Describe(ReportFigures f) => string.Join(Environment.NewLine,
        new[] { "   " + f.Seeded }.Concat(f.Reports.Select(r => $"   {r.Report,-22} p50 {r.P50,7:F1} ms  p95 {r.P95,7:F1} ms  max {r.Max,7:F1} ms")));

    public static string Markdown(ReportFigures f)
    {
        var s = new StringBuilder();
        s.AppendLine(f.Seeded).AppendLine();
        s.AppendLine($"| {f.Heading} | runs | p50 ms | p95 ms | max ms |");
        s.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var r in f.Reports) s.AppendLine($"| {r.Report} | {r.Runs} | {r.P50:F1} | {r.P95:F1} | {r.Max:F1} |");
        return s.ToString();
    }
}
