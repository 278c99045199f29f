using Runner.Bench;
using Runner.Bench.Analytics;
using Runner.Bench.Catalog;
using Runner.Bench.Checkout;
using Runner.Bench.Hosting;
using Runner.Bench.Live;
using Runner.Bench.Load;
using Runner.Bench.Report;
using Runner.Bench.Scenarios;

// Runner's load bench: seeds a temporary database with a generated catalog through the engine's own composition,
// starts the Release host on it as a separate process on 127.0.0.1, drives each scenario over HTTP (closed loop for
// throughput, open loop for latency), prints the figures and removes everything it made.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // stop in order: the finally blocks kill the host and remove the database
    Console.Error.WriteLine("Stopping…");
    cancel.Cancel();
};
var ct = cancel.Token;

var machine = MachineInfo.Read();
var started = DateTimeOffset.UtcNow;
var loadBefore = MachineInfo.LoadAndSpeed();
Console.Out.WriteLine($"Runner bench: {options.Products:N0} products, scenarios {string.Join(",", options.Scenarios)}");
Console.Out.WriteLine($"Machine: {machine}; {loadBefore}");
if (!HostBuild.IsReleaseBuild()) Console.Out.WriteLine("Note: the bench itself is not a Release build; run it with -c Release for figures worth keeping.");

try
{
    var hostDll = await HostBuild.EnsureReleaseHostAsync(ct);
    // The pages run on a demo store of their own: asked alone, nothing else is seeded.
    var pages = options.Scenarios.Contains(Runner.Bench.Pages.PagesScenario.Name)
        ? await Runner.Bench.Pages.PagesScenario.RunAsync(hostDll, options.PagesProducts, options.Seed, ct) : null;
    if (pages is not null && options.Scenarios.Count == 1)
    {
        var store = options.PagesProducts > 0 ? $"SQLite (the demo store and {options.PagesProducts:N0} generated products)" : "SQLite (the demo store)";
        var alone = new RunReport(options, machine, started, loadBefore, MachineInfo.LoadAndSpeed(), store, null, TimeSpan.Zero, [pages]);
        Console.Out.WriteLine();
        Console.Out.WriteLine(alone.Table());
        if (options.Markdown) Console.Out.WriteLine("---- Markdown for BENCHMARKS.md ----\n" + alone.Markdown());
        return 0;
    }
    await using var database = options.Database is { } file
        ? BenchDatabase.Existing(file)
        : await BenchDatabase.CreateAsync(options.Postgres, options.Keep, ct);
    var keys = BenchKeys.New();
    var catalog = new ProductGenerator(options.Seed, options.Products);
    var seed = options.Database is null ? await SeedAsync(database, catalog, keys, ct) : null;

    await using var host = await HostProcess.StartAsync(hostDll, database, keys, ct);
    Console.Out.WriteLine($"Host {host.BaseAddress} (pid {host.Id}) ready after {host.ReadyAfter.TotalMilliseconds:N0} ms");

    var context = new BenchContext(host.BaseAddress, keys, catalog, options);
    var checkoutStore = new CheckoutStore(context);
    var results = new List<ScenarioResult>();
    if (pages is not null) results.Add(pages);
    foreach (var name in options.Scenarios.Where(n => n != Runner.Bench.Pages.PagesScenario.Name))
    {
        results.Add(name == LiveDelayScenario.Name ? await LiveDelayScenario.RunAsync(context, checkoutStore, host, ct)
            : name == ProfitScenario.Name ? await ProfitScenario.RunAsync(context, database, host, ct)
            : name == FunnelScenario.Name ? await FunnelScenario.RunAsync(context, database, host, ct)
            : CheckoutScenario.Find(name) is { } checkout ? await CheckoutRunner.RunAsync(context, checkoutStore, checkout, host, ct)
            : await ScenarioRunner.RunAsync(context, Scenario.Create(name, context), host, ct));
    }

    var report = new RunReport(options, machine, started, loadBefore, MachineInfo.LoadAndSpeed(), database.Describe(), seed, host.ReadyAfter, results);
    Console.Out.WriteLine();
    Console.Out.WriteLine(report.Table());
    if (options.Markdown)
    {
        Console.Out.WriteLine("---- Markdown for BENCHMARKS.md ----");
        Console.Out.WriteLine(report.Markdown());
    }
    var hostLog = host.LastOutput();
    if (hostLog.Length > 0) Console.Out.WriteLine("Host output (last lines):\n" + hostLog);
    return 0;
}
catch (OperationCanceledException) when (ct.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled; the host was stopped (and the database removed, unless --keep or --database).");
    return 130;
}
catch (Exception e)
{
    // The host and the database were disposed on the way out (await using); say what failed and stop.
    Console.Error.WriteLine($"The bench failed: {e}");
    return 1;
}

static async Task<SeedReport> SeedAsync(BenchDatabase database, ProductGenerator catalog, BenchKeys keys, CancellationToken ct)
{
    Console.Out.WriteLine($"Seeding {database.Describe()}…");
    var seed = await new CatalogSeeder(catalog, CatalogSeeder.HostSettings(database.Provider, database.ConnectionString, keys, demo: false))
        .RunAsync(ct);
    Console.Out.WriteLine($"Seeded {seed.Products:N0} products and {seed.Collections} collections in {seed.Catalog.TotalSeconds:F1} s"
        + $" ({seed.Products / seed.Catalog.TotalSeconds:N0} products/s); {seed.Outbox}");
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    return seed;
}
