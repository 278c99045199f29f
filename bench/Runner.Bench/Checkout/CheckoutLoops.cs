using System.Diagnostics;
using Runner.Bench.Load;

namespace Runner.Bench.Checkout;

/// <summary>
/// The three ways of driving shoppers: back to back (closed loop, throughput), started on a fixed schedule (open loop,
/// latency), and all at once (the flash sale). Shopper <c>i</c> gets <c>plan(i)</c>; the index grows across phases.
/// </summary>
internal sealed class CheckoutLoops(HttpClient client, Func<TimeSpan> hostCpu)
{
    private long _next;

    /// <summary><paramref name="shoppers"/> shoppers, each starting its next checkout when the last one ended, for <paramref name="duration"/>.</summary>
    public async Task<FlowPhase> ClosedAsync(int shoppers, TimeSpan duration, Func<long, ShopperPlan> plan, CheckoutLedger ledger, CancellationToken ct)
    {
        var recorder = new FlowRecorder(ledger);
        var cpu = CpuSample.Take(hostCpu);
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, shoppers).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end && !ct.IsCancellationRequested)
                await ShopperFlow.RunAsync(client, plan(Interlocked.Increment(ref _next)), recorder, Stopwatch.GetTimestamp(), ct);
        }, ct)));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return recorder.Result("closed", shoppers, null, seconds, 0, CpuSample.Take(hostCpu).Since(cpu));
    }

    /// <summary>
    /// A shopper started every 1/<paramref name="rate"/> s for <paramref name="duration"/>, whether or not earlier ones
    /// have finished. The complete call's latency runs from its send; the flow's from its scheduled start, so a stall
    /// shows in every flow scheduled during it. <c>late</c> counts flows the generator started over 5 ms behind schedule.
    /// </summary>
    public async Task<FlowPhase> OpenAsync(int rate, TimeSpan duration, Func<long, ShopperPlan> plan, CheckoutLedger ledger, CancellationToken ct)
    {
        var recorder = new FlowRecorder(ledger);
        var total = (int)(rate * duration.TotalSeconds);
        var flows = new List<Task>(total);
        var late = 0L;
        var lateTicks = (long)(OpenResult.LateThresholdMs / 1000 * Stopwatch.Frequency);
        var cpu = CpuSample.Take(hostCpu);
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 100;
        long Scheduled(int i) => start + (long)((double)i * Stopwatch.Frequency / rate);

        var pacer = new Thread(() =>
        {
            for (var i = 0; i < total && !ct.IsCancellationRequested;)
            {
                var now = Stopwatch.GetTimestamp();
                for (; i < total && Scheduled(i) <= now; i++)
                {
                    if (now - Scheduled(i) > lateTicks) late++;
                    var scheduled = Scheduled(i);
                    var shopper = plan(Interlocked.Increment(ref _next));
                    flows.Add(Task.Run(() => ShopperFlow.RunAsync(client, shopper, recorder, scheduled, ct), ct));
                }
                if (i < total) Thread.Sleep(Math.Max(1, (int)((Scheduled(i) - now) * 1000 / Stopwatch.Frequency)));
            }
        }) { IsBackground = true, Name = "checkout pacer", Priority = ThreadPriority.AboveNormal };
        pacer.Start();
        await Task.Run(pacer.Join, ct);
        await Task.WhenAll(flows);
        var seconds = Math.Max(duration.TotalSeconds, Stopwatch.GetElapsedTime(start).TotalSeconds);
        return recorder.Result("open", 0, rate, seconds, late, CpuSample.Take(hostCpu).Since(cpu));
    }

    /// <summary><paramref name="shoppers"/> shoppers released at the same instant, each running one checkout; ends when the last one has.</summary>
    public async Task<FlowPhase> AtOnceAsync(int shoppers, Func<long, ShopperPlan> plan, CheckoutLedger ledger, CancellationToken ct)
    {
        var recorder = new FlowRecorder(ledger);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var flows = Enumerable.Range(0, shoppers).Select(_ => plan(Interlocked.Increment(ref _next))).Select(shopper => Task.Run(async () =>
        {
            await go.Task;
            await ShopperFlow.RunAsync(client, shopper, recorder, Stopwatch.GetTimestamp(), ct);
        }, ct)).ToArray();
        await Task.Delay(100, ct); // every shopper is waiting at the gate
        var cpu = CpuSample.Take(hostCpu);
        var start = Stopwatch.GetTimestamp();
        go.SetResult();
        await Task.WhenAll(flows);
        return recorder.Result("sale", shoppers, null, Stopwatch.GetElapsedTime(start).TotalSeconds, 0, CpuSample.Take(hostCpu).Since(cpu));
    }
}
