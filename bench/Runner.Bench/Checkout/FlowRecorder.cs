using System.Collections.Concurrent;
using System.Diagnostics;
using Runner.Bench.Load;

namespace Runner.Bench.Checkout;

/// <summary>
/// What the shoppers' calls answered over a whole scenario, warm-up included: the 201 completes and the units they
/// sold, per variant, so the check afterwards can compare them with the orders and the stock the host reports.
/// </summary>
internal sealed class CheckoutLedger
{
    private readonly ConcurrentDictionary<string, long> _sold = new(StringComparer.OrdinalIgnoreCase);
    private long _completed;
    private long _unanswered;
    private long _serverErrors;
    private long _unansweredUnits;

    public long Completed => Interlocked.Read(ref _completed);
    /// <summary>Completes the client stopped waiting for (time-out, dropped connection): each may or may not have placed its order.</summary>
    public long UnansweredCompletes => Interlocked.Read(ref _unanswered);
    public long UnansweredUnits => Interlocked.Read(ref _unansweredUnits);
    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    public long Sold(string variantId) => _sold.GetValueOrDefault(variantId);

    public void Complete(ShopperPlan plan)
    {
        Interlocked.Increment(ref _completed);
        foreach (var line in plan.Lines) _sold.AddOrUpdate(line.VariantId, line.Quantity, (_, n) => n + line.Quantity);
    }

    public void Unanswered(ShopperPlan plan)
    {
        Interlocked.Increment(ref _unanswered);
        Interlocked.Add(ref _unansweredUnits, plan.Lines.Sum(l => l.Quantity));
    }

    public void ServerError() => Interlocked.Increment(ref _serverErrors);
}

/// <summary>
/// One measured phase of shoppers: every call answered (any status but 2xx stops that shopper and is counted with its
/// step, status and problem code), the latency of each complete call (send to end of answer), and of each whole flow.
/// </summary>
internal sealed class FlowRecorder(CheckoutLedger ledger)
{
    private readonly ConcurrentDictionary<string, long> _failures = new();
    private readonly List<long> _complete = new(4096);
    private readonly List<long> _flows = new(4096);
    private readonly ConcurrentDictionary<string, List<long>> _steps = new();
    private long _requests;
    private long _started;
    private long _completed;
    private long _insufficientStock;
    private long _serverErrors;

    public long Requests => Interlocked.Read(ref _requests);
    public long Started => Interlocked.Read(ref _started);
    public long Completed => Interlocked.Read(ref _completed);
    public long InsufficientStock => Interlocked.Read(ref _insufficientStock);
    public long ServerErrors => Interlocked.Read(ref _serverErrors);
    /// <summary>Flows that did not end with a 201 complete.</summary>
    public long Failed => Started - Completed;

    public void Start() => Interlocked.Increment(ref _started);

    public void Request() => Interlocked.Increment(ref _requests);

    /// <summary>One answered call of <paramref name="step"/>, whatever its status: its latency from send to end of answer.</summary>
    public void Step(string step, long ticks)
    {
        var list = _steps.GetOrAdd(step, _ => new List<long>(4096));
        lock (list) list.Add(ticks);
    }

    /// <summary>A call that did not answer 2xx: status 0 is no answer at all (time-out, connection error).</summary>
    public void Fail(string step, int status, string? code)
    {
        _failures.AddOrUpdate(status == 0 ? $"{step}: {code}" : $"{step} {status} {code}".TrimEnd(), 1, (_, n) => n + 1);
        if (code == "inventory.insufficient_stock") Interlocked.Increment(ref _insufficientStock);
        if (status >= 500)
        {
            Interlocked.Increment(ref _serverErrors);
            ledger.ServerError();
        }
    }

    public void Complete(ShopperPlan plan, long ticks)
    {
        Interlocked.Increment(ref _completed);
        ledger.Complete(plan);
        lock (_complete) _complete.Add(ticks);
    }

    public void CompleteUnanswered(ShopperPlan plan) => ledger.Unanswered(plan);

    /// <summary>A whole flow, from its start (the scheduled start in the open loop) to its last answer, whatever it ended with.</summary>
    public void Flow(long ticks)
    {
        lock (_flows) _flows.Add(ticks);
    }

    public FlowPhase Result(string kind, int shoppers, int? rate, double seconds, long late, CpuUse cpu)
    {
        long[] complete, flows;
        lock (_complete) complete = [.. _complete];
        lock (_flows) flows = [.. _flows];
        var steps = _steps.OrderBy(s => Array.IndexOf(StepOrder, s.Key)).Select(s =>
        {
            long[] ticks;
            lock (s.Value) ticks = [.. s.Value];
            return new StepLatency(s.Key, Latency.Of(ticks, ticks.Length));
        }).ToArray();
        var failures = string.Join(", ", _failures.OrderByDescending(f => f.Value).Take(6).Select(f => $"{f.Key} ×{f.Value}"));
        return new FlowPhase(kind, shoppers, rate, seconds, Started, Completed, Requests, Latency.Of(complete, complete.Length),
            Latency.Of(flows, flows.Length), Failed, failures, InsufficientStock, ServerErrors, late, cpu, steps);
    }

    private static readonly string[] StepOrder = ["cart", "line", "address", "rates", "rate", "token", "complete"];

    public static long Since(long start) => Stopwatch.GetTimestamp() - start;
}

/// <summary>
/// One phase of a checkout scenario: <see cref="Kind"/> is <c>closed</c> (K shoppers back to back), <c>open</c> (a
/// shopper started at a fixed rate) or <c>sale</c> (every shopper of the flash sale at once).
/// </summary>
internal sealed record FlowPhase(string Kind, int Shoppers, int? Rate, double Seconds, long Flows, long Completed, long Requests,
    Latency Complete, Latency Flow, long Failed, string Failures, long InsufficientStock, long ServerErrors, long Late, CpuUse Cpu,
    IReadOnlyList<StepLatency> Steps)
{
    public double CheckoutsPerSecond => Completed / Seconds;
    public double RequestsPerSecond => Requests / Seconds;
    /// <summary>Host CPU milliseconds per completed checkout (all of its calls).</summary>
    public double HostCpuMsPerCheckout => Completed == 0 ? double.NaN : Cpu.HostCores * Seconds * 1000 / Completed;
    public double BenchCpuMsPerCheckout => Completed == 0 ? double.NaN : Cpu.BenchCores * Seconds * 1000 / Completed;
}

/// <summary>A checkout scenario's figures, and whether its check passed (the flash sale's target depends on it).</summary>
internal sealed record CheckoutFigures(FlowPhase Main, FlowPhase? Open, bool CheckPassed);

/// <summary>The latency of every answered call of one step of the flow (<c>cart</c>, <c>line</c>, … <c>complete</c>).</summary>
internal sealed record StepLatency(string Step, Latency Latency);
