using System.Globalization;

namespace Runner.Bench;

/// <summary>The command line of the bench; every option has a default so a bare run measures the issue's targets.</summary>
internal sealed record BenchOptions
{
    public static readonly string[] AllScenarios = ["list", "handle", "search", "reserve", "checkout", "checkout16", "checkout64", "flashsale", "live", "profit", "funnel", "pages"];

    /// <summary>What a bare run measures: every scenario but <c>profit</c> and <c>funnel</c>, which write a year of data first.</summary>
    public static readonly string[] DefaultScenarios = [.. AllScenarios.Where(s => s is not ("profit" or "funnel" or "pages"))];

    public int Products { get; init; } = 10_000;
    public int DurationSeconds { get; init; } = 10;
    public int Connections { get; init; } = 32;
    public int Rate { get; init; } = 2_000;
    /// <summary>Checkouts started per second in the checkout scenario's open loop.</summary>
    public int CheckoutRate { get; init; } = 50;
    /// <summary>Least warm-up per scenario; it goes on until throughput stops rising (the host's JIT has tiered up), up to <see cref="WarmupMaxSeconds"/>.</summary>
    public int WarmupSeconds { get; init; } = 30;
    public int WarmupMaxSeconds { get; init; } = 120;
    public IReadOnlyList<string> Scenarios { get; init; } = DefaultScenarios;
    public string? Postgres { get; init; }
    public bool Markdown { get; init; }
    /// <summary>Leave the database in place after the run (for EXPLAIN and other inspection); its location is printed.</summary>
    public bool Keep { get; init; }
    /// <summary>An SQLite file kept by an earlier run (same --products and --seed): no seed, and the file stays.</summary>
    public string? Database { get; init; }
    public int Seed { get; init; } = 42;
    /// <summary>Measured orders of the <c>live</c> scenario (after its warm-up orders).</summary>
    public int LiveOrders { get; init; } = 50;
    /// <summary>Seconds the <c>live</c> scenario waits for an order's event before it reports it missing.</summary>
    public int LiveTimeoutSeconds { get; init; } = 10;
    /// <summary>Orders the <c>profit</c> scenario writes into the ledger over a year.</summary>
    public int LedgerOrders { get; init; } = 1_000_000;
    /// <summary>Storefront sessions the <c>funnel</c> scenario counts into the funnel over a year.</summary>
    public int FunnelSessions { get; init; } = 10_000_000;
    /// <summary>Generated products the <c>pages</c> scenario adds to the demo store (0: the demo store alone).</summary>
    public int PagesProducts { get; init; }
    /// <summary>The arguments as typed, to print the exact command next to the figures.</summary>
    public IReadOnlyList<string> RawArgs { get; init; } = [];

    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Runner.Bench -- [options]
          --products N        products in the generated catalog (default 10000)
          --duration S        seconds per measured phase (default 10)
          --connections K     connections of the closed loop (default 32)
          --rate R            requests per second of the open loop (default 2000)
          --warmup S          least seconds of warm-up per scenario (default 30); it goes on until the mean
                              throughput of the last 5 s is within 5% of the 5 s before (the JIT has tiered up)
          --warmup-max S      most seconds of warm-up per scenario (default 120)
          --checkout-rate R   checkouts started per second in the open loop of `checkout` (default 50)
          --scenarios LIST    comma-separated: list,handle,search,reserve,checkout,checkout16,checkout64,flashsale,live,
                              profit,funnel,pages (default all but profit, funnel and pages; pages runs on a
                              demo store of its own, so `--scenarios pages` alone seeds nothing else)
          --live-orders N     measured orders of `live`, one after another (default 50)
          --live-timeout S    seconds `live` waits for an order's event on the stream (default 10)
          --ledger-orders N   orders `profit` writes into the ledger over a year (default 1000000)
          --funnel-sessions N sessions `funnel` counts into the funnel over a year (default 10000000, a tenth buying)
          --pages-products N  generated products `pages` adds to the demo store first (default 0: the demo store alone)
          --postgres CS       run on PostgreSQL: a database of its own is created on this server and dropped after
          --seed N            seed of the catalog generator (default 42)
          --markdown          also print a block ready to paste into BENCHMARKS.md
          --keep              leave the database in place after the run and print where it is
          --database FILE     reuse an SQLite file kept by an earlier run with the same --products and --seed
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions { RawArgs = args };
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            o = name switch
            {
                "--products" => o with { Products = Positive(name, Value()) },
                "--duration" => o with { DurationSeconds = Positive(name, Value()) },
                "--connections" => o with { Connections = Positive(name, Value()) },
                "--rate" => o with { Rate = Positive(name, Value()) },
                "--checkout-rate" => o with { CheckoutRate = Positive(name, Value()) },
                "--warmup" => o with { WarmupSeconds = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--warmup-max" => o with { WarmupMaxSeconds = Positive(name, Value()) },
                "--scenarios" => o with { Scenarios = ParseScenarios(Value()) },
                "--postgres" => o with { Postgres = Value() },
                "--seed" => o with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--live-orders" => o with { LiveOrders = Positive(name, Value()) },
                "--live-timeout" => o with { LiveTimeoutSeconds = Positive(name, Value()) },
                "--ledger-orders" => o with { LedgerOrders = Positive(name, Value()) },
                "--funnel-sessions" => o with { FunnelSessions = Positive(name, Value()) },
                "--pages-products" => o with { PagesProducts = Positive(name, Value()) },
                "--markdown" => o with { Markdown = true },
                "--keep" => o with { Keep = true },
                "--database" => o with { Database = Path.GetFullPath(Value()) },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }
        return o;
    }

    public string Command()
    {
        var quoted = RawArgs.Select(a => a.Contains(' ') || a.Contains(';') ? $"\"{a}\"" : a);
        var tail = RawArgs.Count == 0 ? "" : " -- " + string.Join(' ', quoted);
        return "dotnet run -c Release --project bench/Runner.Bench" + tail;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive whole number, not '{value}'.");

    private static string[] ParseScenarios(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Where(n => !AllScenarios.Contains(n)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown scenario(s): {string.Join(", ", unknown)}.");
        return names;
    }
}
