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
/// Reads the ledger's buckets for a report. Time groupings read the store total's quarter-hours of the range (a year is
/// 35,040 rows) and cut them into local periods in memory; groupings by product, collection, channel, cohort or sales
/// channel sum in SQL: whole UTC months from the month table, other whole UTC days from the day table and only the
/// ragged ends from the quarter-hours. Expenses come
/// per local day from the expenses and are spread over the hours of their day for an hourly report; they belong to no
/// product or channel, so groups carry none (the totals do).
/// </summary>
internal sealed class ProfitReport(RunnerDbContext db, ExpenseSchedule expenses)
{
    public async Task<ProfitFigures> TotalsAsync(StoreCalendar calendar, ReportRange range, CancellationToken ct)
    {
        var (from, to) = calendar.Quarters(range.From, range.To);
        var sums = await db.Set<ProfitQuarter>().AsNoTracking()
            .Where(x => x.Dimension == LedgerDimension.Total && x.Key == "" && x.Quarter >= from && x.Quarter < to)
            .GroupBy(x => x.Key).Select(Sum<ProfitQuarter>()).FirstOrDefaultAsync(ct);
        var spent = await expenses.DailyAsync(range.From, range.To, ct);
        return new ProfitFigures(sums?.Amounts ?? default, spent.Total.Minor)
        {
            ExpensesByCategory = spent.Days.SelectMany(d => d.ByCategory).GroupBy(c => c.Key).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(c => c.Value)),
        };
    }

    public async Task<IReadOnlyList<ProfitRow>> SeriesAsync(StoreCalendar calendar, ReportRange range, TimeGrouping grouping, CancellationToken ct)
    {
        var periods = calendar.Periods(range.From, range.To, grouping);
        var (from, to) = calendar.Quarters(range.From, range.To);
        var sums = new Amounts[periods.Count];
        var spent = new long[periods.Count];
        var rows = await db.Set<ProfitQuarter>().AsNoTracking()
            .Where(x => x.Dimension == LedgerDimension.Total && x.Key == "" && x.Quarter >= from && x.Quarter < to)
            .Select(x => new { x.Quarter, x.GrossSales, x.Discounts, x.Refunds, x.Shipping, x.Taxes, x.Cogs, x.PaymentFees, x.ShippingCosts, x.Orders, x.Units })
            .ToListAsync(ct);
        foreach (var x in rows)
        {
            var i = StoreCalendar.IndexOf(periods, x.Quarter);
            if (i >= 0) sums[i] += new Amounts(x.GrossSales, x.Discounts, x.Refunds, x.Shipping, x.Taxes, x.Cogs, x.PaymentFees, x.ShippingCosts, x.Orders, x.Units);
        }
        foreach (var day in (await expenses.DailyAsync(range.From, range.To, ct)).Days)
            if (day.Total != 0) Spread(calendar, periods, day.Date, day.Total, spent);
        return [.. periods.Select((p, i) => new ProfitRow(p.Key, new ProfitFigures(sums[i], spent[i])))];
    }

    public async Task<IReadOnlyList<ProfitRow>> GroupsAsync(StoreCalendar calendar, ReportRange range, LedgerDimension dimension, CancellationToken ct)
    {
        var (from, to) = calendar.Quarters(range.From, range.To);
        var parts = new List<Group>();
        // Whole UTC months inside the range come from the month table, the other whole UTC days from the day table,
        // and only the quarter-hours before the first whole day and after the last from the quarter table.
        var (firstDay, endDay) = ((int)Math.Ceiling(from / 96.0), (int)Math.Floor(to / 96.0));
        if (firstDay >= endDay)
        {
            parts.AddRange(await QuartersAsync(dimension, from, to, ct));
            return Merge(parts);
        }
        var firstMonth = ProfitMonth.Of(firstDay) + (ProfitMonth.FirstDay(ProfitMonth.Of(firstDay)) == firstDay ? 0 : 1);
        var endMonth = ProfitMonth.Of(endDay);
        var (monthsFrom, monthsTo) = firstMonth < endMonth ? (ProfitMonth.FirstDay(firstMonth), ProfitMonth.FirstDay(endMonth)) : (endDay, endDay);
        if (firstMonth < endMonth)
            parts.AddRange(await db.Set<ProfitMonth>().AsNoTracking()
                .Where(x => x.Dimension == dimension && x.Month >= firstMonth && x.Month < endMonth)
                .GroupBy(x => x.Key).Select(Sum<ProfitMonth>()).ToListAsync(ct));
        parts.AddRange(await DaysAsync(dimension, firstDay, monthsFrom, ct));
        parts.AddRange(await DaysAsync(dimension, monthsTo, endDay, ct));
        parts.AddRange(await QuartersAsync(dimension, from, firstDay * 96L, ct));
        parts.AddRange(await QuartersAsync(dimension, endDay * 96L, to, ct));
        return Merge(parts);
    }

    private static List<ProfitRow> Merge(List<Group> parts) =>
        [.. parts.GroupBy(p => p.Key).Select(g => new ProfitRow(g.Key, new ProfitFigures(g.Aggregate(default(Amounts), (s, p) => s + p.Amounts), 0)))];

    private async Task<List<Group>> DaysAsync(LedgerDimension dimension, int from, int to, CancellationToken ct) =>
        from >= to ? [] : await db.Set<ProfitDay>().AsNoTracking()
            .Where(x => x.Dimension == dimension && x.Day >= from && x.Day < to)
            .GroupBy(x => x.Key).Select(Sum<ProfitDay>()).ToListAsync(ct);

    private async Task<List<Group>> QuartersAsync(LedgerDimension dimension, long from, long to, CancellationToken ct) =>
        from >= to ? [] : await db.Set<ProfitQuarter>().AsNoTracking()
            .Where(x => x.Dimension == dimension && x.Quarter >= from && x.Quarter < to)
            .GroupBy(x => x.Key).Select(Sum<ProfitQuarter>()).ToListAsync(ct);

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
    private static System.Linq.Expressions.Expression<Func<IGrouping<string, T>, Group>> Sum<T>() where T : ProfitSums => g => new Group
    {
        Key = g.Key, GrossSales = g.Sum(x => x.GrossSales), Discounts = g.Sum(x => x.Discounts), Refunds = g.Sum(x => x.Refunds),
        Shipping = g.Sum(x => x.Shipping), Taxes = g.Sum(x => x.Taxes), Cogs = g.Sum(x => x.Cogs), PaymentFees = g.Sum(x => x.PaymentFees),
        ShippingCosts = g.Sum(x => x.ShippingCosts), Orders = g.Sum(x => x.Orders), Units = g.Sum(x => x.Units),
    };
}
