using Runner.Bench.Hosting;
using Runner.Bench.Load;

namespace Runner.Bench.Scenarios;

/// <summary>One scenario, start to end: set-up, warm-up, closed loop, open loop, check.</summary>
internal static class ScenarioRunner
{
    /// <summary>The open loop's connection cap: far above what 2,000 req/s needs, so a stall queues in the host, not here.</summary>
    public const int OpenLoopMaxConnections = 256;

    /// <summary>Runs one scenario; a failure (the host refusing connections, an answer of another shape) is reported and the run goes on.</summary>
    public static async Task<ScenarioResult> RunAsync(BenchContext context, Scenario scenario, HostProcess host, CancellationToken ct)
    {
        Console.Out.WriteLine($"== {scenario.Name}: {scenario.Description}");
        var idle = await host.WaitIdleAsync(TimeSpan.FromSeconds(120), ct);
        if (idle > TimeSpan.FromSeconds(2)) Console.Out.WriteLine($"   (waited {idle.TotalSeconds:F0} s for the host to finish earlier work)");
        try
        {
            return await MeasureAsync(context, scenario, host, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or IOException
            or InvalidOperationException or System.Text.Json.JsonException // an answer of an unexpected shape
            || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            Console.Out.WriteLine($"   failed: {e.GetType().Name}: {e.Message}");
            return ScenarioResult.Skip(scenario.Name, scenario.Description, $"failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private static async Task<ScenarioResult> MeasureAsync(BenchContext context, Scenario scenario, HostProcess host, CancellationToken ct)
    {
        var o = context.Options;
        var skip = await scenario.PrepareAsync(context, ct);
        if (skip is not null)
        {
            Console.Out.WriteLine($"   skipped: {skip}");
            return ScenarioResult.Skip(scenario.Name, scenario.Description, skip);
        }

        using var client = HttpLoad.CreateClient(context.BaseAddress, Math.Max(o.Connections, OpenLoopMaxConnections), scenario.Headers(context));
        var loops = new LoadLoops(client, scenario, host.CpuTime);
        if (o.WarmupSeconds > 0)
        {
            await WarmUpAsync(async () =>
            {
                var window = await loops.ClosedAsync(o.Connections, TimeSpan.FromSeconds(1), ct);
                return (window.Throughput, window.Errors);
            }, o, "req/s", host.TierUpCpuTime);
        }

        var closed = await loops.ClosedAsync(o.Connections, TimeSpan.FromSeconds(o.DurationSeconds), ct);
        Console.Out.WriteLine($"   closed loop  {closed.Throughput,8:N0} req/s at {closed.Connections} connections  errors {closed.Errors}"
            + $"  body {closed.MeanBodyBytes / 1024:F1} KB"
            + $"  (p50 {closed.Latency.P50:F2} ms, p99 {closed.Latency.P99:F2} ms; host {closed.Cpu.HostCores:F2} cores = {closed.HostCpuMsPerRequest:F2} ms CPU/req,"
            + $" bench {closed.Cpu.BenchCores:F2} cores = {closed.BenchCpuMsPerRequest:F2} ms CPU/req)");
        if (closed.Errors > 0) Console.Out.WriteLine($"   errors: {closed.ErrorDetail}");

        await Task.Delay(TimeSpan.FromSeconds(1), ct); // let the host drain what the closed loop left queued
        var open = await OpenAsync(loops, o.Rate, o, ct);
        OpenResult? below = null;
        var half = (int)(closed.Throughput / 2);
        if (o.Rate > closed.Throughput && half >= 10)
        {
            await host.WaitIdleAsync(TimeSpan.FromSeconds(120), ct);
            below = await OpenAsync(loops, half, o, ct);
        }

        var check = await scenario.VerifyAsync(context, ct);
        if (check is not null) Console.Out.WriteLine($"   check: {check}");
        return new ScenarioResult(scenario.Name, scenario.Description, null, closed, open, check, below);
    }

    private static async Task<OpenResult> OpenAsync(LoadLoops loops, int rate, BenchOptions o, CancellationToken ct)
    {
        var open = await loops.OpenAsync(rate, TimeSpan.FromSeconds(o.DurationSeconds), ct);
        Console.Out.WriteLine($"   open loop    {open.Rate,8:N0} req/s scheduled  p50 {open.Latency.P50:F2}  p90 {open.Latency.P90:F2}"
            + $"  p99 {open.Latency.P99:F2}  max {open.Latency.Max:F2} ms  late {open.Late}  errors {open.Errors}"
            + $"  (host {open.Cpu.HostCores:F2} cores, bench {open.Cpu.BenchCores:F2})");
        if (open.Errors > 0) Console.Out.WriteLine($"   errors: {open.ErrorDetail}");
        return open;
    }

    /// <summary>
    /// Closed-loop windows of one second, for at least --warmup seconds and until the mean of the last five is within
    /// 5% of the five before (no trend left), at most --warmup-max seconds. A cold host tiers up its JIT code for
    /// tens of seconds (a list run went from 385 req/s after 16 s to 863 req/s after 60 s on a quiet machine), and a
    /// plateau on the way up is not the steady state: with <paramref name="tierUp"/> (the CPU time of the host's tier-up
    /// thread) the warm-up also goes on while that thread used more than 2% of a core over the last five windows (under
    /// load on two cores it recompiled for 45–60 s; a rate measured meanwhile shares the cores with it).
    /// <paramref name="window"/> runs one window and returns its rate (in <paramref name="unit"/>) and its errors.
    /// </summary>
    public static async Task WarmUpAsync(Func<Task<(double Rate, long Errors)>> window, BenchOptions o, string unit, Func<TimeSpan?>? tierUp = null)
    {
        var windows = new List<double>();
        var jit = new List<TimeSpan?> { tierUp?.Invoke() };
        var errors = 0L;
        double Mean(int from, int count) => windows.Skip(from).Take(count).Average();
        // The JIT's tier-up thread used at most 2% of a core over the last five windows (unknown counts as quiet).
        double? JitShare() => windows.Count >= 5 && jit[^1] is { } now && jit[^6] is { } then ? (now - then).TotalSeconds / 5 : null;
        bool Settled() => windows.Count >= Math.Max(10, o.WarmupSeconds)
            && Math.Abs(Mean(windows.Count - 5, 5) - Mean(windows.Count - 10, 5)) <= 0.05 * Mean(windows.Count - 10, 5)
            && (JitShare() ?? 0) <= 0.02;
        while (!Settled() && windows.Count < o.WarmupMaxSeconds)
        {
            var (rate, failed) = await window();
            windows.Add(rate);
            jit.Add(tierUp?.Invoke());
            errors += failed;
        }
        var trace = string.Join(" ", windows.Chunk(5).Select(c => c.Average().ToString("N0", System.Globalization.CultureInfo.InvariantCulture)));
        Console.Out.WriteLine($"   warm-up      {Mean(Math.Max(0, windows.Count - 5), 5),8:N0} {unit} after {windows.Count} s"
            + $" ({(Settled() ? "settled" : "NOT settled")}; {unit} per 5 s: {trace}"
            + (JitShare() is { } share ? $"; JIT tier-up {share * 100:F1}% of a core over the last 5 s" : "") + $")  errors {errors}");
    }
}
