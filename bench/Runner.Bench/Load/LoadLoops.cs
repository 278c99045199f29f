using System.Diagnostics;
using Runner.Bench.Scenarios;

namespace Runner.Bench.Load;

/// <summary>The two ways of driving a scenario: a closed loop for throughput and an open loop for latency.</summary>
internal sealed class LoadLoops(HttpClient client, Scenario scenario, Func<TimeSpan> hostCpu)
{
    private long _next;

    /// <summary>
    /// <paramref name="connections"/> workers, each sending its next request as soon as the previous one is
    /// answered, for <paramref name="duration"/>. Requests still in flight at the end are counted.
    /// </summary>
    public async Task<ClosedResult> ClosedAsync(int connections, TimeSpan duration, CancellationToken ct)
    {
        var outcomes = new Outcomes();
        var latencies = new List<long>[connections];
        var cpu = CpuSample.Take(hostCpu);
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, connections).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<long>(8192);
            while (Stopwatch.GetTimestamp() < end && !ct.IsCancellationRequested)
            {
                var sent = Stopwatch.GetTimestamp();
                scenario.Observe(await HttpLoad.SendAsync(client, scenario.Request(Interlocked.Increment(ref _next)), outcomes, ct));
                mine.Add(Stopwatch.GetTimestamp() - sent);
            }
        }, ct)).ToArray();
        await Task.WhenAll(workers);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var used = CpuSample.Take(hostCpu).Since(cpu);
        var all = latencies.SelectMany(l => l).ToArray();
        return new ClosedResult(connections, seconds, all.Length, outcomes.Errors, outcomes.Describe(), Latency.Of(all, all.Length), used,
            outcomes.MeanBodyBytes);
    }

    /// <summary>
    /// <paramref name="rate"/> requests per second for <paramref name="duration"/>, each sent at its scheduled time
    /// whether or not earlier ones were answered. Latency runs from the scheduled time to the end of the answer,
    /// so a stall shows up in every request scheduled during it (no coordinated omission).
    /// </summary>
    public async Task<OpenResult> OpenAsync(int rate, TimeSpan duration, CancellationToken ct)
    {
        var outcomes = new Outcomes();
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new long[total];
        var inFlight = new Task[total];
        var late = 0L;
        var maxLag = 0L;
        var cpu = CpuSample.Take(hostCpu);
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 100;
        var lateTicks = (long)(OpenResult.LateThresholdMs / 1000 * Stopwatch.Frequency);
        long Scheduled(int i) => start + (long)((double)i * Stopwatch.Frequency / rate);

        // The schedule runs on a thread of its own, waking every millisecond or so to send what is due.
        var pacer = new Thread(() =>
        {
            for (var i = 0; i < total && !ct.IsCancellationRequested;)
            {
                var now = Stopwatch.GetTimestamp();
                for (; i < total && Scheduled(i) <= now; i++)
                {
                    var lag = now - Scheduled(i);
                    if (lag > lateTicks) late++;
                    if (lag > maxLag) maxLag = lag;
                    inFlight[i] = SendScheduledAsync(i, Scheduled(i), latencies, outcomes, ct);
                }
                // Never Sleep(0): at 2,000/s the next send is half a millisecond away, and spinning would take a core.
                if (i < total) Thread.Sleep(Math.Max(1, (int)((Scheduled(i) - now) * 1000 / Stopwatch.Frequency)));
            }
        }) { IsBackground = true, Name = "open-loop pacer", Priority = ThreadPriority.AboveNormal };
        pacer.Start();
        await Task.Run(pacer.Join, ct);
        var sent = inFlight.Count(t => t is not null);
        await Task.WhenAll(inFlight.Where(t => t is not null));
        var used = CpuSample.Take(hostCpu).Since(cpu);
        var answered = outcomes.Successes + outcomes.Errors;
        return new OpenResult(rate, duration.TotalSeconds, total, answered, outcomes.Errors + (total - sent), outcomes.Describe(), late,
            maxLag * 1000.0 / Stopwatch.Frequency, Latency.Of(latencies, sent), used);
    }

    private async Task SendScheduledAsync(int i, long scheduled, long[] latencies, Outcomes outcomes, CancellationToken ct)
    {
        await Task.Yield(); // the pacer thread only schedules; the send runs on the pool
        scenario.Observe(await HttpLoad.SendAsync(client, scenario.Request(Interlocked.Increment(ref _next)), outcomes, ct));
        latencies[i] = Stopwatch.GetTimestamp() - scheduled;
    }
}
