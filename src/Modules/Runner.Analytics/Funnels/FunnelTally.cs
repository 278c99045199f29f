using System.Globalization;
using Runner.Analytics.Reports;
using Runner.Kernel.Data;

namespace Runner.Analytics.Funnels;

/// <summary>The dimensions the funnel's counters are kept by (<see cref="FunnelBucket.Dimension"/>).</summary>
internal static class FunnelDimensions
{
    public const string Total = "total", Channel = "channel", Device = "device", Product = "product", Collection = "collection";

    /// <summary>The device of a session or order known only from the server (an order placed before its session's events arrived).</summary>
    public const string UnknownDevice = "unknown";
}

/// <summary>A counter of <see cref="FunnelBucket"/>, in the order of <see cref="FunnelTally.Columns"/>.</summary>
internal enum FunnelCounter { Sessions, ProductViews, AddsToCart, CheckoutsStarted, Purchases, CheckoutPurchases, Views, Adds, PurchasedUnits, CollectionViews }

/// <summary>
/// The increments one message makes to the counters, gathered in memory and written at the end in a few upserts
/// (<c>INSERT … ON CONFLICT … DO UPDATE SET n = n + excluded.n</c>), each to the quarter-hour's bucket and to its UTC
/// hour's, day's and month's: atomic, so handlers in several host processes add to the same rows without reading them
/// first. Rows go in key order, so two handlers touching the same rows lock them in the same order.
/// </summary>
internal sealed class FunnelTally
{
    public static readonly string[] Columns =
    [
        "sessions", "product_views", "adds_to_cart", "checkouts_started", "purchases", "checkout_purchases", "views", "adds",
        "purchased_units", "collection_views",
    ];

    /// <summary>Rows per statement (a session batch can touch thousands of buckets).</summary>
    private const int RowsPerStatement = 500;

    // In the table's key order: dimension, grain, quarter, key.
    private readonly SortedDictionary<(string Dimension, Grain Grain, long Quarter, string Key), long[]> _rows = new(
        Comparer<(string, Grain, long, string)>.Create((a, b) =>
            string.CompareOrdinal(a.Item1, b.Item1) is var d and not 0 ? d
            : a.Item2 != b.Item2 ? a.Item2.CompareTo(b.Item2)
            : a.Item3 != b.Item3 ? a.Item3.CompareTo(b.Item3) : string.CompareOrdinal(a.Item4, b.Item4)));

    public void Add(string dimension, string key, long quarter, FunnelCounter counter, long n = 1)
    {
        if (n == 0) return;
        foreach (var grain in BucketRanges.Grains)
        {
            var bucket = (dimension, grain, BucketRanges.StartOf(grain, quarter), key);
            if (!_rows.TryGetValue(bucket, out var counts)) _rows[bucket] = counts = new long[Columns.Length];
            counts[(int)counter] += n;
        }
    }

    /// <summary>Counts a session fact in the session's first quarter, in the total and under its source and device.</summary>
    public void AddSession(long quarter, string source, string device, FunnelCounter counter)
    {
        Add(FunnelDimensions.Total, "", quarter, counter);
        Add(FunnelDimensions.Channel, source, quarter, counter);
        Add(FunnelDimensions.Device, device, quarter, counter);
    }

    /// <summary>Counts what happened to a product in a quarter: in the total, for the product and for each of its collections.</summary>
    public void AddProduct(Guid product, IEnumerable<Guid> collections, long quarter, FunnelCounter counter, long n)
    {
        Add(FunnelDimensions.Total, "", quarter, counter, n);
        Add(FunnelDimensions.Product, Key(product), quarter, counter, n);
        foreach (var collection in collections) Add(FunnelDimensions.Collection, Key(collection), quarter, counter, n);
    }

    /// <summary>A bucket's counters, in the order of <see cref="Columns"/>.</summary>
    public static long[] CountsOf(FunnelBucket b) =>
        [b.Sessions, b.ProductViews, b.AddsToCart, b.CheckoutsStarted, b.Purchases, b.CheckoutPurchases, b.Views, b.Adds, b.PurchasedUnits, b.CollectionViews];

    public static string Key(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>Adds the increments to the counters, in the caller's transaction.</summary>
    public async Task SaveAsync(RunnerDbContext db, CancellationToken ct)
    {
        foreach (var chunk in _rows.Chunk(RowsPerStatement))
            await Upsert.AddAsync(db, [.. chunk.Select(r => (new object[] { r.Key.Dimension, (int)r.Key.Grain, r.Key.Quarter, r.Key.Key }, r.Value))], ct);
        _rows.Clear();
    }

    /// <summary>The counters' upsert: the rows go as one JSON parameter.</summary>
    private static readonly SumUpsert Upsert = new("analytics_funnel_buckets",
        [("dimension", SumKey.Text), ("grain", SumKey.Integer), ("quarter", SumKey.BigInt), ("dimension_key", SumKey.Text)], Columns);
}
