using Runner.Bench.Hosting;
using Runner.Bench.Load;
using Runner.Bench.Scenarios;

namespace Runner.Bench.Checkout;

/// <summary>
/// The checkout scenarios: <c>checkout</c> (one shopper after another, then shoppers started at a fixed
/// <c>--checkout-rate</c>), <c>checkout16</c> and <c>checkout64</c> (that many shoppers at once), and <c>flashsale</c>
/// (<see cref="SaleShoppers"/> shoppers at once for one variant with <see cref="SaleUnits"/> units).
/// </summary>
internal sealed record CheckoutScenario(string Name, int Shoppers, bool OpenLoop = false, bool FlashSale = false)
{
    public const int SaleShoppers = 1_000;
    public const long SaleUnits = 100;
    /// <summary>Shoppers of the flash sale's warm-up, which buys from the pool, not the sale variant.</summary>
    public const int SaleWarmupShoppers = 16;

    public static readonly CheckoutScenario[] All =
        [new("checkout", 1, OpenLoop: true), new("checkout16", 16), new("checkout64", 64), new("flashsale", SaleShoppers, FlashSale: true)];

    public static CheckoutScenario? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    public string Description(BenchOptions o) => FlashSale
        ? $"{SaleShoppers:N0} shoppers at once, each the whole guest checkout for 1 unit of one variant with exactly {SaleUnits} units"
        : "guest checkout: POST cart, 2 × POST line, PATCH address, GET rates, POST rate, POST payment token, POST complete; "
            + (Shoppers == 1 ? $"1 shopper after another, then a shopper started {o.CheckoutRate}/s" : $"{Shoppers} shoppers at once");
}

/// <summary>One checkout scenario, start to end: set-up, warm-up, measured phases, check through the admin API.</summary>
internal static class CheckoutRunner
{
    public static async Task<ScenarioResult> RunAsync(BenchContext context, CheckoutStore store, CheckoutScenario scenario, HostProcess host, CancellationToken ct)
    {
        var o = context.Options;
        var description = scenario.Description(o);
        Console.Out.WriteLine($"== {scenario.Name}: {description}");
        await host.WaitIdleAsync(TimeSpan.FromSeconds(120), ct);
        try
        {
            var skip = await store.PrepareAsync(ct);
            if (skip is null && scenario.FlashSale) skip = await store.StockSaleAsync(CheckoutScenario.SaleUnits, ct);
            if (skip is not null)
            {
                Console.Out.WriteLine($"   skipped: {skip}");
                return ScenarioResult.Skip(scenario.Name, description, skip);
            }
            return await MeasureAsync(context, store, scenario, description, host, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or IOException or InvalidOperationException
            or System.Text.Json.JsonException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            Console.Out.WriteLine($"   failed: {e.GetType().Name}: {e.Message}");
            return ScenarioResult.Skip(scenario.Name, description, $"failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private static async Task<ScenarioResult> MeasureAsync(BenchContext context, CheckoutStore store, CheckoutScenario scenario, string description,
        HostProcess host, CancellationToken ct)
    {
        var o = context.Options;
        var tag = $"{scenario.Name}-{Guid.NewGuid():N}"[..(scenario.Name.Length + 9)];
        var ledger = new CheckoutLedger();
        // Each shopper's email starts with the prefix of the orders the check counts: the flash sale's warm-up has its own.
        var prefix = scenario.FlashSale ? tag + "-sale-" : tag + "-";
        var poolPlan = PoolPlan(store, prefix, o.Seed);
        var watched = scenario.FlashSale ? [store.SaleVariant] : store.Pool;
        var before = await store.LevelsAsync(watched, ct);
        var since = DateTimeOffset.UtcNow.AddMinutes(-1); // the host's clock is this machine's; a minute spares any rounding

        using var client = HttpLoad.CreateClient(context.BaseAddress, Math.Max(scenario.Shoppers, ScenarioRunner.OpenLoopMaxConnections), context.StorefrontHeaders);
        var loops = new CheckoutLoops(client, host.CpuTime);
        if (o.WarmupSeconds > 0)
        {
            // The flash sale warms up on the pool with orders of its own (not counted as the sale's); the others count theirs.
            var warmShoppers = scenario.FlashSale ? CheckoutScenario.SaleWarmupShoppers : scenario.Shoppers;
            var warmPlan = scenario.FlashSale ? PoolPlan(store, tag + "-warmup-", o.Seed) : poolPlan;
            var warmLedger = scenario.FlashSale ? new CheckoutLedger() : ledger;
            await ScenarioRunner.WarmUpAsync(async () =>
            {
                var window = await loops.ClosedAsync(warmShoppers, TimeSpan.FromSeconds(1), warmPlan, warmLedger, ct);
                return (window.CheckoutsPerSecond, window.Failed);
            }, o, "checkouts/s", host.TierUpCpuTime);
        }

        var main = scenario.FlashSale
            ? await loops.AtOnceAsync(scenario.Shoppers, i => new ShopperPlan(Email(prefix, i), [new ShopperLine(store.SaleVariant, 1)]), ledger, ct)
            : await loops.ClosedAsync(scenario.Shoppers, TimeSpan.FromSeconds(o.DurationSeconds), poolPlan, ledger, ct);
        Print(main);
        FlowPhase? open = null;
        if (scenario.OpenLoop)
        {
            await host.WaitIdleAsync(TimeSpan.FromSeconds(120), ct);
            if (o.WarmupSeconds > 0)
            {
                // The closed loop warmed the host up at one shopper; the open loop's pace runs code paths (and JIT
                // tier-ups) of its own, so it runs unmeasured first, its orders counted like the others.
                var seconds = Math.Max(10, o.WarmupSeconds);
                var warm = await loops.OpenAsync(o.CheckoutRate, TimeSpan.FromSeconds(seconds), poolPlan, ledger, ct);
                Console.Out.WriteLine($"   open warm-up  {seconds} s at {o.CheckoutRate} checkouts/s scheduled, {warm.CheckoutsPerSecond:F1} completed/s  failed {warm.Failed}");
                await host.WaitIdleAsync(TimeSpan.FromSeconds(120), ct);
            }
            open = await loops.OpenAsync(o.CheckoutRate, TimeSpan.FromSeconds(o.DurationSeconds), poolPlan, ledger, ct);
            Print(open);
        }

        var (passed, check) = await CheckAsync(() => scenario.FlashSale
            ? CheckSaleAsync(store, prefix, since, ledger, main, before[store.SaleVariant], ct)
            : CheckStockAsync(store, prefix, since, ledger, before, ct));
        Console.Out.WriteLine($"   check: {check}");
        return new ScenarioResult(scenario.Name, description, null, null, null, check, Checkout: new CheckoutFigures(main, open, passed));
    }

    /// <summary>Two different variants of the pool, one unit each, drawn from a seeded sequence; each shopper has an email of its own.</summary>
    private static Func<long, ShopperPlan> PoolPlan(CheckoutStore store, string prefix, int seed) => i =>
    {
        var random = new Random(unchecked(seed * 7_919 + (int)i));
        var first = random.Next(store.Pool.Count);
        var second = (first + 1 + random.Next(store.Pool.Count - 1)) % store.Pool.Count;
        return new ShopperPlan(Email(prefix, i), [new ShopperLine(store.Pool[first], 1), new ShopperLine(store.Pool[second], 1)]);
    };

    private static string Email(string prefix, long i) => $"{prefix}{i}@example.com";

    private static void Print(FlowPhase p)
    {
        var head = p.Kind == "open" ? $"   open loop    {p.Rate,5:N0} checkouts/s scheduled, {p.CheckoutsPerSecond:N1} completed/s"
            : p.Kind == "sale" ? $"   flash sale   {p.Shoppers:N0} shoppers in {p.Seconds:F1} s: {p.Completed:N0} orders"
            : $"   closed loop  {p.CheckoutsPerSecond,8:N1} checkouts/s at {p.Shoppers} shopper{(p.Shoppers == 1 ? "" : "s")} ({p.RequestsPerSecond:N0} req/s)";
        Console.Out.WriteLine($"{head}  complete p50 {p.Complete.P50:F2}  p90 {p.Complete.P90:F2}  p99 {p.Complete.P99:F2}  max {p.Complete.Max:F2} ms"
            + $"  flow p99 {p.Flow.P99:F1} ms  failed {p.Failed}  late {p.Late}"
            + $"  (host {p.Cpu.HostCores:F2} cores = {p.HostCpuMsPerCheckout:F1} ms CPU/checkout, bench {p.Cpu.BenchCores:F2} = {p.BenchCpuMsPerCheckout:F1})");
        if (p.Failures.Length > 0) Console.Out.WriteLine($"   failures: {p.Failures}");
        Console.Out.WriteLine("   per call p50/p99 ms: " + string.Join("  ", p.Steps.Select(s => $"{s.Step} {s.Latency.P50:F2}/{s.Latency.P99:F2}")));
    }

    /// <summary>The figures were measured whatever the check meets: an admin API that cannot answer fails the check, not the scenario.</summary>
    private static async Task<(bool, string)> CheckAsync(Func<Task<(bool, string)>> check)
    {
        try
        {
            return await check();
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or System.Text.Json.JsonException)
        {
            return (false, $"could not check: {e.Message}");
        }
    }

    /// <summary>Orders placed = 201 completes; on hand and available of every pool variant fell by exactly the units those sold.</summary>
    private static async Task<(bool, string)> CheckStockAsync(CheckoutStore store, string prefix, DateTimeOffset since, CheckoutLedger ledger,
        Dictionary<string, (long OnHand, long Available, long Reserved)> before, CancellationToken ct)
    {
        var orders = await store.CountOrdersAsync(prefix, since, ct);
        var after = await store.LevelsAsync(store.Pool, ct);
        var (completed, unanswered) = (ledger.Completed, ledger.UnansweredCompletes);
        var wrong = store.Pool.Where(v => before[v].OnHand - after[v].OnHand != ledger.Sold(v) || before[v].Available - after[v].Available != ledger.Sold(v)).ToList();
        var sold = store.Pool.Sum(ledger.Sold);
        var fell = store.Pool.Sum(v => before[v].OnHand - after[v].OnHand);
        var serverErrors = ledger.ServerErrors == 0 ? "no 5xx" : $"{ledger.ServerErrors} answers 5xx";
        if (unanswered == 0)
        {
            var ok = orders == completed && wrong.Count == 0;
            return (ok, ok
                ? $"OK: {orders:N0} orders = {completed:N0} completes answered 201; on hand and available fell by exactly the {sold:N0} units sold, variant by variant; {serverErrors}"
                : $"MISMATCH: {orders:N0} orders for {completed:N0} completes answered 201; {wrong.Count} of {store.Pool.Count} variants moved by other than their units sold"
                    + $" (on hand fell by {fell:N0} in all, {sold:N0} sold); {serverErrors}");
        }
        // A complete the client gave up on may still have placed its order: orders and units must lie between the two counts.
        var within = orders >= completed && orders <= completed + unanswered && fell >= sold && fell <= sold + ledger.UnansweredUnits;
        return (within, $"{(within ? "OK" : "MISMATCH")}: {orders:N0} orders for {completed:N0} completes answered 201 and {unanswered:N0} unanswered;"
            + $" on hand fell by {fell:N0} for {sold:N0} units answered sold (+ up to {ledger.UnansweredUnits:N0} unanswered); {serverErrors}");
    }

    /// <summary>Exactly <see cref="CheckoutScenario.SaleUnits"/> orders, none available or reserved afterwards, and no 5xx.</summary>
    private static async Task<(bool, string)> CheckSaleAsync(CheckoutStore store, string prefix, DateTimeOffset since, CheckoutLedger ledger, FlowPhase sale,
        (long OnHand, long Available, long Reserved) before, CancellationToken ct)
    {
        var orders = await store.CountOrdersAsync(prefix, since, ct);
        var after = (await store.LevelsAsync([store.SaleVariant], ct))[store.SaleVariant];
        // A complete the client stopped waiting for (30 s) may have placed one of the orders: the answered ones must not exceed them.
        var ok = orders == CheckoutScenario.SaleUnits && after.Available == 0 && after.Reserved == 0 && ledger.ServerErrors == 0
            && ledger.Completed <= orders && orders <= ledger.Completed + ledger.UnansweredCompletes;
        return (ok, $"{(ok ? "OK" : "FAILED")}: {orders:N0} orders ({ledger.Completed:N0} completes answered 201, {ledger.UnansweredCompletes} unanswered)"
            + $" for {CheckoutScenario.SaleUnits} units; on hand {before.OnHand} → {after.OnHand}, available {before.Available} → {after.Available},"
            + $" reserved {after.Reserved}; {sale.InsufficientStock:N0} answers 409 inventory.insufficient_stock; {ledger.ServerErrors} answers 5xx");
    }
}
