using System.Diagnostics;

namespace Runner.Bench.Load;

/// <summary>Latency percentiles in milliseconds (nearest-rank).</summary>
internal sealed record Latency(int Count, double P50, double P90, double P99, double Max)
{
    public static readonly Latency None = new(0, double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>Sorts <paramref name="ticks"/> (Stopwatch ticks) in place.</summary>
    public static Latency Of(long[] ticks, int count)
    {
        if (count == 0) return None;
        Array.Sort(ticks, 0, count);
        double Ms(long t) => t * 1000.0 / Stopwatch.Frequency;
        double At(double q) => Ms(ticks[Math.Clamp((int)Math.Ceiling(q * count) - 1, 0, count - 1)]);
        return new Latency(count, At(0.50), At(0.90), At(0.99), Ms(ticks[count - 1]));
    }
}

/// <summary>Closed loop: K connections, each sending its next request when the previous one is answered.</summary>
internal sealed record ClosedResult(int Connections, double Seconds, long Requests, long Errors, string ErrorDetail, Latency Latency, CpuUse Cpu,
    double MeanBodyBytes)
{
    public double Throughput => Requests / Seconds;
    /// <summary>Host CPU milliseconds per request: what the engine spends on one, whatever else shares the cores.</summary>
    public double HostCpuMsPerRequest => Cpu.HostCores * 1000 / Throughput;
    public double BenchCpuMsPerRequest => Cpu.BenchCores * 1000 / Throughput;
}

/// <summary>
/// Open loop: requests sent on a fixed schedule whatever the answers; latency counts from the scheduled time, so
/// time spent queued (in the client pool or the server) is in the figure. <see cref="Late"/> counts requests the
/// generator itself sent more than <see cref="OpenResult.LateThresholdMs"/> after their scheduled time.
/// </summary>
internal sealed record OpenResult(int Rate, double Seconds, long Scheduled, long Answered, long Errors, string ErrorDetail,
    long Late, double MaxSendLagMs, Latency Latency, CpuUse Cpu)
{
    public const double LateThresholdMs = 5;
    public double AchievedRate => Answered / Seconds;
}

/// <summary>One scenario's figures; <see cref="Skipped"/> holds the reason when it could not run.</summary>
/// <remarks>
/// <see cref="Below"/> is a second open loop at half the closed loop's throughput, run when the fixed rate is beyond
/// what the host can serve: the latency of a request that does not queue. A checkout scenario has
/// <see cref="Checkout"/> instead of <see cref="Closed"/> and <see cref="Open"/>, the live delay <see cref="Live"/>, a report scenario <see cref="Reports"/>.
/// </remarks>
internal sealed record ScenarioResult(string Name, string Description, string? Skipped, ClosedResult? Closed, OpenResult? Open, string? Check,
    OpenResult? Below = null, Runner.Bench.Checkout.CheckoutFigures? Checkout = null, Runner.Bench.Live.LiveFigures? Live = null,
    Runner.Bench.Analytics.ReportFigures? Reports = null)
{
    public static ScenarioResult Skip(string name, string description, string reason) => new(name, description, reason, null, null, null);
}
