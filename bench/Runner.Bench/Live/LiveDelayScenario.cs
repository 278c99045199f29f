using System.Diagnostics;
using System.Globalization;
using Runner.Bench.Checkout;
using Runner.Bench.Hosting;
using Runner.Bench.Load;
using Runner.Bench.Scenarios;

namespace Runner.Bench.Live;

/// <summary>
/// The live delay's figures: for each measured order, the time from its complete's answer to the arrival of its
/// <c>order.placed</c> event on the stream (0 when the event came first), in milliseconds (nearest-rank percentiles).
/// </summary>
internal sealed record LiveFigures(int Orders, int Arrived, int TimedOut, int BeforeAnswer, double P50, double P95, double Max, string? Stopped);

/// <summary>
/// <c>live</c>: a dashboard listens to <c>GET /admin/analytics/live</c> while guest checkouts (the checkout scenarios'
/// flow, on their pool) run one after another; each order's delay runs from its complete's answer to its
/// <c>order.placed</c> event. <see cref="WarmupOrders"/> orders go first unmeasured; an order whose event does not come
/// within <c>--live-timeout</c> seconds is reported, and after <see cref="GiveUpAfter"/> in a row the scenario stops.
/// </summary>
internal static class LiveDelayScenario
{
    public const string Name = "live";
    public const int WarmupOrders = 5;
    public const int GiveUpAfter = 3;

    /// <summary>The issue's figure: the dashboard's numbers change within 2 s of an order.</summary>
    public const double TargetMs = 2000;

    public static string Description(BenchOptions o) =>
        $"{o.LiveOrders} guest checkouts one after another while GET /admin/analytics/live listens: complete's answer → its order.placed event";

    public static async Task<ScenarioResult> RunAsync(BenchContext context, CheckoutStore store, HostProcess host, CancellationToken ct)
    {
        var description = Description(context.Options);
        Console.Out.WriteLine($"== {Name}: {description}");
        await host.WaitIdleAsync(TimeSpan.FromSeconds(120), ct);
        try
        {
            if (await store.PrepareAsync(ct) is { } noCheckout) return Skipped(description, noCheckout);
            var (listener, noStream) = await LiveListener.OpenAsync(context, ct);
            if (listener is null) return Skipped(description, noStream!);
            await using (listener)
            {
                var figures = await MeasureAsync(context, store, listener, ct);
                Console.Out.WriteLine("   " + Describe(figures));
                return new ScenarioResult(Name, description, null, null, null, null, Live: figures);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or IOException or InvalidOperationException
            or System.Text.Json.JsonException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            Console.Out.WriteLine($"   failed: {e.GetType().Name}: {e.Message}");
            return ScenarioResult.Skip(Name, description, $"failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private static ScenarioResult Skipped(string description, string reason)
    {
        Console.Out.WriteLine($"   skipped: {reason}");
        return ScenarioResult.Skip(Name, description, reason);
    }

    private static async Task<LiveFigures> MeasureAsync(BenchContext context, CheckoutStore store, LiveListener listener, CancellationToken ct)
    {
        var o = context.Options;
        var timeout = TimeSpan.FromSeconds(o.LiveTimeoutSeconds);
        var tag = $"{Name}-{Guid.NewGuid():N}"[..(Name.Length + 9)];
        using var client = HttpLoad.CreateClient(context.BaseAddress, 4, context.StorefrontHeaders);
        var recorder = new FlowRecorder(new CheckoutLedger());
        var delays = new List<long>();
        var (timedOut, inARow, early) = (0, 0, 0);
        for (var i = 0; i < WarmupOrders + o.LiveOrders; i++)
        {
            var warmup = i < WarmupOrders;
            var plan = new ShopperPlan($"{tag}-{i}@example.com",
                [new ShopperLine(store.Pool[i % store.Pool.Count], 1), new ShopperLine(store.Pool[(i + 1) % store.Pool.Count], 1)]);
            var order = await ShopperFlow.RunAsync(client, plan, recorder, Stopwatch.GetTimestamp(), ct)
                ?? throw new InvalidOperationException($"checkout {i + 1} did not place its order: {recorder.Result(Name, 1, null, 1, 0, default).Failures}");
            var id = order.Id;
            var arrived = await listener.ArrivalAsync(id, timeout, ct);
            if (arrived is null)
            {
                var message = $"order {id} ({(warmup ? "warm-up" : "measured")} order {i + 1}): no order.placed event with this orderId on the "
                    + $"stream within {o.LiveTimeoutSeconds} s of the complete's answer. The feed carries order.placed once the profit ledger "
                    + "appends it as it books the order (LiveFeed.Append); without the ledger this scenario cannot pass.";
                // A warm-up order that never shows means none will: stop at once rather than wait out every order.
                if (warmup) throw new TimeoutException(message);
                Console.Out.WriteLine("   timed out: " + message);
                timedOut++;
                if (++inARow < GiveUpAfter) continue;
                return Figures(o.LiveOrders, delays, timedOut, early, $"stopped after {GiveUpAfter} orders in a row timed out; last: {message}");
            }
            inARow = 0;
            if (warmup) continue;
            if (arrived < order.AnsweredAt) early++;
            delays.Add(Math.Max(0, arrived.Value - order.AnsweredAt));
        }
        return Figures(o.LiveOrders, delays, timedOut, early, null);
    }

    private static LiveFigures Figures(int orders, List<long> delays, int timedOut, int early, string? stopped)
    {
        var ticks = delays.Order().ToArray();
        double Ms(long t) => t * 1000.0 / Stopwatch.Frequency;
        double At(double q) => ticks.Length == 0 ? double.NaN : Ms(ticks[Math.Clamp((int)Math.Ceiling(q * ticks.Length) - 1, 0, ticks.Length - 1)]);
        return new LiveFigures(orders, ticks.Length, timedOut, early, At(0.50), At(0.95), ticks.Length == 0 ? double.NaN : Ms(ticks[^1]), stopped);
    }

    /// <summary>One line for the console and the report.</summary>
    public static string Describe(LiveFigures f) =>
        $"{f.Arrived} of {f.Orders} orders' events arrived: delay p50 {Ms(f.P50)}  p95 {Ms(f.P95)}  max {Ms(f.Max)} ms"
        + $"  (timed out {f.TimedOut}, before the answer {f.BeforeAnswer})" + (f.Stopped is null ? "" : $"; {f.Stopped}");

    private static string Ms(double ms) => double.IsNaN(ms) ? "-" : ms.ToString("F1", CultureInfo.InvariantCulture);
}
