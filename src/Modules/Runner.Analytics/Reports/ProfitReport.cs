using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Runner.Analytics.Expenses;
using Runner.Analytics.Ledger;
using Runner.Kernel;
using Runner.Kernel.Data;

namespace Runner.Analytics.Reports;

/// <summary>How a profit report groups its series.</summary>
public enum ProfitGrouping { Hour, Day, Week, Month, Product, Collection, Channel, Cohort, SalesChannel }

/// <summary>The sums of a report, a period or a group, with the expenses that fell in it (store currency, minor units).</summary>
internal sealed record ProfitFigures(Amounts Sums, long Expenses)
{
    public long NetProfit => Sums.Profit - Expenses;

    /// <summary>The expenses by category (totals of a report only).</summary>
    public IReadOnlyDictionary<string, long> ExpensesByCategory { get; init; } = new Dictionary<string, long>();

    /// <summary>Net profit over net sales, to 4 decimals (0 without net sales).</summary>
    public decimal Margin => Sums.NetSales == 0 ? 0m : Math.Round((decimal)NetProfit / Sums.NetSales, 4, MidpointRounding.AwayFromZero);
}

internal sealed record ProfitRow(string Key, ProfitFigures Figures);

/// <summary>
/// Reads the ledger's buckets for a report. Totals and groupings (by product, collection, channel, cohort or sales
/// channel) sum in SQL over the fewest buckets that cover the range exactly (<see cref="BucketRanges.Cover"/>: whole UTC
/// months, days and hours, quarter-hours only at the ragged ends). Time series cover each local period the same way
/// (<see cref="BucketRanges.Series"/>: a New York day is its UTC day less five hours plus five), read the buckets those
/// covers name once each, and add them up per period in memory. Expenses come per local day from the expenses and are spread over
/// the hours of their day for an hourly report; they belong to no product or channel, so groups carry none.
/// </summary>
internal sealed class ProfitReport(RunnerDbContext db, ExpenseSchedule expenses)
{
    // A report's totals and its series spread the same range's expenses: read once per request (the service is scoped).
    private readonly Dictionary<ReportRange, DailyExpenses> _expenses = [];

    private async Task<DailyExpenses> ExpensesAsync(ReportRange range, CancellationToken ct) =>
        _expenses.TryGetValue(range, out var read) ? read : _expenses[range] = await expenses.DailyAsync(range.From, range.To, ct);

    public async Task<ProfitFigures> TotalsAsync(StoreCalendar calendar, ReportRange range, CancellationToken ct)
    {
        var (from, to) = calendar.Quarters(range.From, range.To);
        var sums = (await SumAsync(LedgerDimension.Total, from, to, ct)).Aggregate(default(Amounts), (s, g) => s + g.Amounts);
        var spent = await ExpensesAsync(range, ct);
        return new ProfitFigures(sums, spent.Total.Minor)
        {
            ExpensesByCategory = spent.Days.SelectMany(d => d.ByCategory).GroupBy(c => c.Key).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(c => c.Value)),
        };
    }

    public async Task<IReadOnlyList<ProfitRow>> SeriesAsync(StoreCalendar calendar, ReportRange range, TimeGrouping grouping, CancellationToken ct)
    {
        var periods = calendar.Periods(range.From, range.To, grouping);
        var plan = BucketRanges.Series(periods);
        var buckets = new Dictionary<(Grain, long), Amounts>();
        foreach (var (grain, indexes) in plan.Buckets)
            foreach (var (index, amounts) in await TotalsOfAsync(grain, indexes, plan.IsDense(grain), ct)) buckets[(grain, index)] = amounts;
        var sums = new Amounts[periods.Count];
        var spent = new long[periods.Count];
        foreach (var (period, grain, bucket, sign) in plan.Cells())
            if (buckets.TryGetValue((grain, bucket), out var amounts)) sums[period] += sign > 0 ? amounts : -amounts;
        foreach (var day in (await ExpensesAsync(range, ct)).Days)
            if (day.Total != 0) Spread(calendar, periods, day.Date, day.Total, spent);
        return [.. periods.Select((p, i) => new ProfitRow(p.Key, new ProfitFigures(sums[i], spent[i])))];
    }

    public async Task<IReadOnlyList<ProfitRow>> GroupsAsync(StoreCalendar calendar, ReportRange range, LedgerDimension dimension, CancellationToken ct)
    {
        var (from, to) = calendar.Quarters(range.From, range.To);
        return [.. (await SumAsync(dimension, from, to, ct)).GroupBy(p => p.Key)
            .Select(g => new ProfitRow(g.Key, new ProfitFigures(g.Aggregate(default(Amounts), (s, p) => s + p.Amounts), 0)))
            .Where(r => !r.Figures.Sums.IsZero)];
    }

    /// <summary>
    /// The sums of each key of a dimension over quarter-hours [from, to), one query per segment of the cover (a segment
    /// taken away counts negatively; a key may then come back with zeros, and is dropped by the caller's grouping).
    /// </summary>
    private async Task<List<(string Key, Amounts Amounts)>> SumAsync(LedgerDimension d, long from, long to, CancellationToken ct)
    {
        var parts = new List<(string Key, Amounts Amounts)>();
        foreach (var s in BucketRanges.Cover(from, to))
        {
            var sums = s.Grain switch
            {
                Grain.Quarter => await Sum(db.Set<ProfitQuarter>().Where(x => x.Dimension == d && x.Quarter >= s.From && x.Quarter < s.To), ct),
                Grain.Hour => await Sum(db.Set<ProfitHour>().Where(x => x.Dimension == d && x.Hour >= s.From && x.Hour < s.To), ct),
                Grain.Day => await Sum(db.Set<ProfitDay>().Where(x => x.Dimension == d && x.Day >= s.From && x.Day < s.To), ct),
                _ => await Sum(db.Set<ProfitMonth>().Where(x => x.Dimension == d && x.Month >= s.From && x.Month < s.To), ct),
            };
            parts.AddRange(sums.Select(g => (g.Key, s.Sign > 0 ? g.Amounts : -g.Amounts)));
        }
        return parts;
    }

    private static Task<List<Group>> Sum<T>(IQueryable<T> rows, CancellationToken ct) where T : ProfitSums =>
        rows.AsNoTracking().GroupBy(x => x.Key).Select(SumOf<T>()).ToListAsync(ct);

    /// <summary>
    /// The store's total in each of these buckets of a grain (a bucket with nothing booked is absent): read as one range
    /// of the key when they are <paramref name="dense"/> (the few extra are never used), else by list.
    /// </summary>
    private async Task<List<(long Start, Amounts Amounts)>> TotalsOfAsync(Grain grain, long[] buckets, bool dense, CancellationToken ct)
    {
        const LedgerDimension total = LedgerDimension.Total;
        var (ids, first, last) = (buckets.ToList(), buckets[0], buckets[^1]);
        var days = buckets.Select(b => (int)b).ToList();
        var (firstDay, lastDay) = ((int)first, (int)last);
        return grain switch
        {
            Grain.Quarter => Read(await Pick<ProfitQuarter>(x => x.Quarter >= first && x.Quarter <= last, x => EF.Parameter(ids).Contains(x.Quarter))
                .Select(x => new Timed(x.Quarter, x)).ToListAsync(ct)),
            Grain.Hour => Read(await Pick<ProfitHour>(x => x.Hour >= first && x.Hour <= last, x => EF.Parameter(ids).Contains(x.Hour))
                .Select(x => new Timed(x.Hour, x)).ToListAsync(ct)),
            Grain.Day => Read(await Pick<ProfitDay>(x => x.Day >= firstDay && x.Day <= lastDay, x => EF.Parameter(days).Contains(x.Day))
                .Select(x => new Timed(x.Day, x)).ToListAsync(ct)),
            _ => Read(await Pick<ProfitMonth>(x => x.Month >= firstDay && x.Month <= lastDay, x => EF.Parameter(days).Contains(x.Month))
                .Select(x => new Timed(x.Month, x)).ToListAsync(ct)),
        };

        // The store's total rows, by range or by list.
        IQueryable<T> Pick<T>(Expression<Func<T, bool>> range, Expression<Func<T, bool>> list) where T : ProfitSums =>
            db.Set<T>().AsNoTracking().Where(x => x.Dimension == total && x.Key == "").Where(dense ? range : list);
        static List<(long, Amounts)> Read(List<Timed> rows) => [.. rows.Select(r => (r.Start, r.Sums.Amounts()))];
    }

    private sealed record Timed(long Start, ProfitSums Sums);

    /// <summary>
    /// Puts a day's expenses in its period; for hours, shared over the day's hours by their length (a 25-hour day
    /// has 25 shares, an hour cut short by a clock change a smaller one), exactly.
    /// </summary>
    private static void Spread(StoreCalendar calendar, IReadOnlyList<Period> periods, DateOnly day, long amount, long[] spent)
    {
        var (from, to) = (StoreCalendar.QuarterOf(calendar.StartOfDay(day)), StoreCalendar.QuarterOf(calendar.StartOfDay(day.AddDays(1))));
        var hours = new List<(int Index, long Quarters)>();
        for (var i = Math.Max(0, StoreCalendar.IndexOf(periods, from)); i < periods.Count && periods[i].FromQuarter < to; i++)
        {
            var overlap = Math.Min(to, periods[i].ToQuarter) - Math.Max(from, periods[i].FromQuarter);
            if (overlap > 0) hours.Add((i, overlap));
        }
        if (hours.Count == 0) return;
        var shares = Rounding.Allocate(amount, [.. hours.Select(h => h.Quarters)]);
        for (var i = 0; i < hours.Count; i++) spent[hours[i].Index] += shares[i];
    }

    private sealed class Group
    {
        public required string Key { get; init; }
        public long GrossSales { get; init; }
        public long Discounts { get; init; }
        public long Refunds { get; init; }
        public long Shipping { get; init; }
        public long Taxes { get; init; }
        public long Cogs { get; init; }
        public long PaymentFees { get; init; }
        public long ShippingCosts { get; init; }
        public long Orders { get; init; }
        public long Units { get; init; }

        public Amounts Amounts => new(GrossSales, Discounts, Refunds, Shipping, Taxes, Cogs, PaymentFees, ShippingCosts, Orders, Units);
    }

    /// <summary>The sums of a group, in SQL.</summary>
    private static System.Linq.Expressions.Expression<Func<IGrouping<string, T>, Group>> SumOf<T>() where T : ProfitSums => g => new Group
    {
        Key = g.Key, GrossSales = g.Sum(x => x.GrossSales), Discounts = g.Sum(x => x.Discounts), Refunds = g.Sum(x => x.Refunds),
        Shipping = g.Sum(x => x.Shipping), Taxes = g.Sum(x => x.Taxes), Cogs = g.Sum(x => x.Cogs), PaymentFees = g.Sum(x => x.PaymentFees),
        ShippingCosts = g.Sum(x => x.ShippingCosts), Orders = g.Sum(x => x.Orders), Units = g.Sum(x => x.Units),
    };
}
