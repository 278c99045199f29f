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
    public static async Task AddAsync(RunnerDbContext db, LedgerOrder order, Posting posting, CancellationToken ct)
    {
        if (posting.IsEmpty) return;
        var rows = Rows(order, posting);
        if (rows.Count == 0) return;
        var quarter = StoreCalendar.QuarterOf(posting.At);
        var day = DayOf(quarter);
        var sums = rows.Select(r => ProfitSums.Values(r.Amounts)).ToList();
        await Quarters.AddAsync(db, Keyed(rows, sums, quarter), ct);
        await Hours.AddAsync(db, Keyed(rows, sums, BucketRanges.IndexOf(Grain.Hour, quarter)), ct);
        await Days.AddAsync(db, Keyed(rows, sums, day), ct);
        await Months.AddAsync(db, Keyed(rows, sums, ProfitMonth.Of(day)), ct);
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

    /// <summary>The rows under one bucket of a table: (dimension, time, key) and the sums.</summary>
    private static List<(object[] Keys, long[] Sums)> Keyed(List<(LedgerDimension Dimension, string Key, Amounts Amounts)> rows,
        List<long[]> sums, long time) =>
        [.. rows.Select((r, i) => (new object[] { (int)r.Dimension, time, r.Key }, sums[i]))];
}
