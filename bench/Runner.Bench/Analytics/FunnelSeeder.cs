using System.Diagnostics;
using Runner.Analytics.Funnels;
using Runner.Analytics.Reports;
using Runner.Bench.Hosting;
using Runner.Catalog.Contracts;

namespace Runner.Bench.Analytics;

/// <summary>What <see cref="FunnelSeeder"/> wrote: sessions, their product views and orders, and the counter rows by grain.</summary>
internal sealed record FunnelSeed(int Sessions, long ProductViews, long Orders, long QuarterRows, long HourRows, long DayRows, long MonthRows,
    long YearRows, TimeSpan Took, IReadOnlyDictionary<long, long> PurchasesByQuarter)
{
    /// <summary>The purchases counted in the quarter-hours <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    public long PurchasesBetween(long from, long to) => PurchasesByQuarter.Where(p => p.Key >= from && p.Key < to).Sum(p => p.Value);
}

/// <summary>
/// Writes a year of storefront traffic straight into the funnel's counters (<c>analytics_funnel_buckets</c>), as the
/// funnel's handlers would have counted it: every increment goes to its UTC quarter-hour and to the hour, day and month
/// holding it, and to its year (<see cref="BucketRanges.StartOf"/>), under the total, the session's traffic source (<see cref="TrafficSource"/>)
/// and device, the product and each of its collections. Sessions are spread evenly over 2025 in every time zone (from
/// 31 December 2024 to 1 January 2026 in UTC); each views 1 to 3 products (popular ones far more) with 70% chance, adds
/// one of them to a cart with 35%, starts checkout with 65% and buys with 65% (about one session in ten buys), a third
/// also open a collection's page. The session facts themselves are not written: they are kept only as long as the raw
/// events, and no report reads them.
/// </summary>
internal sealed class FunnelSeeder(BenchDatabase database, int sessions, int seed)
{
    public const int Year = 2025;
    private static readonly string[] Devices = ["mobile", "mobile", "mobile", "mobile", "mobile", "mobile", "desktop", "desktop", "desktop", "tablet"];
    private static readonly (string? Source, string? Medium, string? Referrer)[] Sources =
    [
        ("newsletter", "email", null), ("google", "cpc", null), ("facebook", "paid_social", null), ("instagram", "social", null),
        ("tiktok", "paid_social", null), ("partner", "affiliate", null), (null, null, "https://www.google.com/"), (null, null, "https://duckduckgo.com/"),
        (null, null, "https://blog.example/"), (null, null, null), (null, null, null), (null, null, null),
    ];

    // A counter row's member (a dimension and key, indexed in _members), grain and first quarter-hour.
    private readonly Dictionary<(int Member, Grain Grain, long Quarter), long[]> _rows = [];
    private readonly List<(string Dimension, string Key)> _members = [];
    private readonly Dictionary<long, long> _purchases = [];

    public async Task<FunnelSeed> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var engine = EngineScope.Open(database);
        var products = await engine.ProductsAsync(ct);
        var found = await engine.Get<IProductDirectory>().FindAsync([.. products.Select(p => new ProductId(p))], ct);
        var total = Member(FunnelDimensions.Total, "");
        var productMembers = products.Select(p => Member(FunnelDimensions.Product, FunnelTally.Key(p))).ToArray();
        var collectionMembers = new Dictionary<Guid, int>();
        var collectionsOf = products.Select(p => found.TryGetValue(new ProductId(p), out var s)
            ? s.Collections.Select(c => collectionMembers.TryGetValue(c.Value, out var m) ? m
                : collectionMembers[c.Value] = Member(FunnelDimensions.Collection, FunnelTally.Key(c.Value))).ToArray()
            : []).ToArray();
        var collections = collectionMembers.Values.ToArray();
        var sourceMembers = Members(FunnelDimensions.Channel, [.. Sources.Select(s => TrafficSource.Of(s.Source, s.Medium, s.Referrer))]);
        var deviceMembers = Members(FunnelDimensions.Device, Devices);

        var random = new Random(seed);
        var start = new DateTimeOffset(Year - 1, 12, 31, 0, 0, 0, TimeSpan.Zero);
        var seconds = (new DateTimeOffset(Year + 1, 1, 2, 0, 0, 0, TimeSpan.Zero) - start).TotalSeconds;
        long views = 0, orders = 0;
        var viewed = new List<int>(3);
        for (var i = 0; i < sessions; i++)
        {
            var at = start.AddSeconds(Math.Floor(seconds * random.NextDouble()));
            var q = StoreCalendar.QuarterOf(at);
            int[] session = [total, sourceMembers[random.Next(sourceMembers.Length)], deviceMembers[random.Next(deviceMembers.Length)]];
            Count(session, q, FunnelCounter.Sessions);
            if (random.NextDouble() < 1 / 3.0)
                Add(collections[random.Next(collections.Length)], q, FunnelCounter.CollectionViews, 1);
            if (random.NextDouble() >= 0.7) continue;

            viewed.Clear();
            for (var v = 1 + random.Next(3); v > 0; v--)
            {
                var p = (int)(Math.Pow(random.NextDouble(), 3) * products.Count);
                viewed.Add(p);
                views++;
                CountProduct(total, productMembers[p], collectionsOf[p], StoreCalendar.QuarterOf(at.AddMinutes(2 * viewed.Count)), FunnelCounter.Views, 1);
            }
            Count(session, q, FunnelCounter.ProductViews);
            if (random.NextDouble() >= 0.35) continue;

            var added = viewed[random.Next(viewed.Count)];
            var units = random.NextDouble() < 0.8 ? 1 : 2;
            CountProduct(total, productMembers[added], collectionsOf[added], StoreCalendar.QuarterOf(at.AddMinutes(8)), FunnelCounter.Adds, units);
            Count(session, q, FunnelCounter.AddsToCart);
            if (random.NextDouble() >= 0.65) continue;

            Count(session, q, FunnelCounter.CheckoutsStarted);
            if (random.NextDouble() >= 0.65) continue;

            orders++;
            Count(session, q, FunnelCounter.Purchases);
            Count(session, q, FunnelCounter.CheckoutPurchases);
            _purchases[q] = _purchases.GetValueOrDefault(q) + 1;
            CountProduct(total, productMembers[added], collectionsOf[added], StoreCalendar.QuarterOf(at.AddMinutes(15)), FunnelCounter.PurchasedUnits, units);
        }

        var byGrain = _rows.Keys.GroupBy(k => k.Grain).ToDictionary(g => g.Key, g => (long)g.Count());
        string[] columns = ["dimension", "grain", "quarter", "dimension_key", .. FunnelTally.Columns];
        // In key order, so each insert appends to the primary key's tree.
        var rows = _rows.OrderBy(r => _members[r.Key.Member].Dimension, StringComparer.Ordinal).ThenBy(r => r.Key.Grain).ThenBy(r => r.Key.Quarter)
            .ThenBy(r => _members[r.Key.Member].Key, StringComparer.Ordinal)
            .Select(r => (object?[])[_members[r.Key.Member].Dimension, (int)r.Key.Grain, r.Key.Quarter, _members[r.Key.Member].Key, .. r.Value.Cast<object>()]);
        await BulkRows.InsertAllAsync(engine.Db, "analytics_funnel_buckets", columns, rows, ct);
        await engine.AnalyzeAsync(ct);
        return new FunnelSeed(sessions, views, orders, byGrain.GetValueOrDefault(Grain.Quarter), byGrain.GetValueOrDefault(Grain.Hour),
            byGrain.GetValueOrDefault(Grain.Day), byGrain.GetValueOrDefault(Grain.Month), byGrain.GetValueOrDefault(Grain.Year), clock.Elapsed, _purchases);
    }

    private int Member(string dimension, string key)
    {
        _members.Add((dimension, key));
        return _members.Count - 1;
    }

    /// <summary>The member of each key (the same member for the same key), so a draw from the array weighs keys by their repeats.</summary>
    private int[] Members(string dimension, string[] keys)
    {
        var members = keys.Distinct().ToDictionary(k => k, k => Member(dimension, k));
        return [.. keys.Select(k => members[k])];
    }

    /// <summary>A session fact, in the session's first quarter: in the total and under its source and device.</summary>
    private void Count(int[] session, long quarter, FunnelCounter counter)
    {
        foreach (var member in session) Add(member, quarter, counter, 1);
    }

    /// <summary>What happened to a product: in the total, for the product and for each of its collections.</summary>
    private void CountProduct(int total, int product, int[] collections, long quarter, FunnelCounter counter, long n)
    {
        Add(total, quarter, counter, n);
        Add(product, quarter, counter, n);
        foreach (var collection in collections) Add(collection, quarter, counter, n);
    }

    private void Add(int member, long quarter, FunnelCounter counter, long n)
    {
        foreach (var grain in BucketRanges.Grains)
        {
            var key = (member, grain, BucketRanges.StartOf(grain, quarter));
            if (!_rows.TryGetValue(key, out var counts)) _rows[key] = counts = new long[FunnelTally.Columns.Length];
            counts[(int)counter] += n;
        }
    }
}
