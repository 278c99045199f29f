using Runner.Analytics.Reports;
using Runner.Kernel.Data;

namespace Runner.Analytics.Ledger;

/// <summary>
/// Adds a posting to the buckets: the order-level sums under the total and the order's channel, cohort and sales
/// channel; each line's share under its product and the product's collections. Four statements (quarter-hours, hours,
/// days and months), each one atomic <c>INSERT … ON CONFLICT DO UPDATE SET x = x + excluded.x</c> over rows in key order, so
/// concurrent postings add up (never read-then-write) and never wait for each other crosswise. The rows go as one
/// JSON parameter (<see cref="SumUpsert"/>).
/// </summary>
internal static class Postings
{
    public static Task AddAsync(RunnerDbContext db, LedgerOrder order, Posting posting, CancellationToken ct)
    {
        var buffer = new Buffer();
        buffer.Add(order, posting);
        return buffer.FlushAsync(db, ct);
    }

    /// <summary>
    /// Postings gathered over several orders (a chunk of the ledger's messages) and written together: the sums of each
    /// bucket added up in memory, then the same four statements, each bucket once.
    /// </summary>
    public sealed class Buffer
    {
        private readonly SortedDictionary<(int Dimension, long Time, string Key), long[]>[] _tables =
            [new(BucketOrder), new(BucketOrder), new(BucketOrder), new(BucketOrder)];

        public void Add(LedgerOrder order, Posting posting)
        {
            if (posting.IsEmpty) return;
            var quarter = StoreCalendar.QuarterOf(posting.At);
            var day = DayOf(quarter);
            long[] times = [quarter, BucketRanges.IndexOf(Grain.Hour, quarter), day, ProfitMonth.Of(day)];
            foreach (var (dimension, key, amounts) in Rows(order, posting))
            {
                var values = ProfitSums.Values(amounts);
                for (var t = 0; t < _tables.Length; t++)
                {
                    var bucket = ((int)dimension, times[t], key);
                    if (!_tables[t].TryGetValue(bucket, out var sums)) _tables[t][bucket] = sums = new long[values.Length];
                    for (var i = 0; i < values.Length; i++) sums[i] += values[i];
                }
            }
        }

        /// <summary>Writes what was gathered, in the caller's transaction, and starts again empty.</summary>
        public async Task FlushAsync(RunnerDbContext db, CancellationToken ct)
        {
            SumUpsert[] upserts = [Quarters, Hours, Days, Months];
            for (var t = 0; t < _tables.Length; t++)
            {
                var rows = _tables[t].Where(r => r.Value.Any(v => v != 0))
                    .Select(r => (new object[] { r.Key.Dimension, r.Key.Time, r.Key.Key }, r.Value)).ToList();
                _tables[t].Clear();
                await upserts[t].AddAsync(db, rows, ct);
            }
        }

        /// <summary>The tables' key order (dimension, time, key): writers lock the rows they share in one order.</summary>
        private static readonly Comparer<(int Dimension, long Time, string Key)> BucketOrder = Comparer<(int Dimension, long Time, string Key)>.Create(
            (a, b) => a.Dimension != b.Dimension ? a.Dimension.CompareTo(b.Dimension)
                : a.Time != b.Time ? a.Time.CompareTo(b.Time) : string.CompareOrdinal(a.Key, b.Key));
    }

    /// <summary>The UTC day (from the Unix epoch) of a quarter-hour.</summary>
    public static int DayOf(long quarter) => (int)BucketRanges.IndexOf(Grain.Day, quarter);

    /// <summary>The bucket rows a posting adds to, in key order, each with what it adds (zero rows left out).</summary>
    public static List<(LedgerDimension Dimension, string Key, Amounts Amounts)> Rows(LedgerOrder order, Posting posting)
    {
        var sums = new SortedDictionary<(LedgerDimension, string), Amounts>(KeyOrder);
        void Add(LedgerDimension dimension, string key, Amounts amounts) =>
            sums[(dimension, key)] = sums.GetValueOrDefault((dimension, key)) + amounts;
        Add(LedgerDimension.Total, "", posting.Order);
        Add(LedgerDimension.Channel, order.Channel, posting.Order);
        Add(LedgerDimension.Cohort, order.Cohort, posting.Order);
        Add(LedgerDimension.SalesChannel, order.SalesChannel, posting.Order);
        foreach (var (line, amounts) in posting.Lines)
        {
            if (line.ProductId is not { } product) continue;
            Add(LedgerDimension.Product, product.ToString(), amounts);
            foreach (var collection in line.Collections) Add(LedgerDimension.Collection, collection.ToString(), amounts);
        }
        // A product sold on two lines (two variants) is still one order for it.
        return [.. sums.Where(s => !s.Value.IsZero)
            .Select(s => (s.Key.Item1, s.Key.Item2, s.Key.Item1 is LedgerDimension.Product or LedgerDimension.Collection
                ? s.Value with { Orders = Math.Sign(s.Value.Orders) } : s.Value))];
    }

    private static readonly Comparer<(LedgerDimension Dimension, string Key)> KeyOrder = Comparer<(LedgerDimension Dimension, string Key)>.Create(
        (a, b) => a.Dimension != b.Dimension ? a.Dimension.CompareTo(b.Dimension) : string.CompareOrdinal(a.Key, b.Key));

    private static readonly SumUpsert Quarters = Table("analytics_profit_quarters", "quarter", SumKey.BigInt);
    private static readonly SumUpsert Hours = Table("analytics_profit_hours", "hour", SumKey.BigInt);
    private static readonly SumUpsert Days = Table("analytics_profit_days", "day", SumKey.Integer);
    private static readonly SumUpsert Months = Table("analytics_profit_months", "month", SumKey.Integer);

    private static SumUpsert Table(string table, string timeColumn, SumKey timeType) =>
        new(table, [("dimension", SumKey.Integer), (timeColumn, timeType), ("dim_key", SumKey.Text)], ProfitSums.Columns);
}
