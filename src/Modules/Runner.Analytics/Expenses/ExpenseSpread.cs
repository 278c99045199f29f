using Runner.Kernel;

namespace Runner.Analytics.Expenses;

/// <summary>What the schedule needs of one expense.</summary>
internal readonly record struct SpreadExpense(DateOnly Date, string Recurrence, DateOnly? EndDate, string Category, long Amount);

/// <summary>
/// Spreads expenses over days. A one-off expense lands whole on its date. A monthly one books its amount every calendar
/// month from its date's month on (to its end date's month), shared evenly over that month's days with
/// <see cref="Rounding.Allocate"/>, so each month's shares add up to the amount exactly (3000.00 over 31 days: 96.78 on
/// the first 13 days, 96.77 on the other 18). Days before its date or after its end date take no share, so a first or
/// last month that is partly covered books only its covered days' shares, not the whole amount.
/// </summary>
internal sealed class ExpenseSpread
{
    private readonly DateOnly _from;
    private readonly long[] _totals;
    private readonly Dictionary<string, long[]> _byCategory = new(StringComparer.Ordinal);
    // The shares of one amount over a month of n days depend on nothing else: a recurring expense computes each of its
    // (at most four) month lengths once, however many months the range covers.
    private readonly Dictionary<(long Amount, int Days), long[]> _shares = [];

    public ExpenseSpread(DateOnly from, DateOnly to)
    {
        if (to < from) throw new ArgumentException("to is before from.", nameof(to));
        _from = from;
        _totals = new long[to.DayNumber - from.DayNumber + 1];
    }

    public DateOnly From => _from;
    public DateOnly To => _from.AddDays(_totals.Length - 1);

    /// <summary>The total of each day, from <see cref="From"/> on.</summary>
    public IReadOnlyList<long> Totals => _totals;

    /// <summary>Each category's amount per day, from <see cref="From"/> on (only the categories that booked something).</summary>
    public IReadOnlyDictionary<string, long[]> ByCategory => _byCategory;

    public void Add(SpreadExpense e)
    {
        if (e.Recurrence == ExpenseRecurrence.Monthly) AddMonthly(e);
        else if (e.Date >= From && e.Date <= To) Book(e.Category, e.Date, e.Amount);
    }

    private void AddMonthly(SpreadExpense e)
    {
        var first = Max(e.Date, From);
        var last = e.EndDate is { } end && end < To ? end : To;
        // Month by month over the days both the expense and the range cover.
        for (var day = first; day <= last;)
        {
            var days = DateTime.DaysInMonth(day.Year, day.Month);
            var monthEnd = new DateOnly(day.Year, day.Month, days);
            var shares = Shares(e.Amount, days);
            var stop = monthEnd < last ? monthEnd : last;
            for (var d = day; d <= stop; d = d.AddDays(1)) Book(e.Category, d, shares[d.Day - 1]);
            day = monthEnd.AddDays(1);
        }
    }

    private long[] Shares(long amount, int days)
    {
        if (!_shares.TryGetValue((amount, days), out var shares))
            _shares[(amount, days)] = shares = Rounding.Allocate(amount, Enumerable.Repeat(1L, days).ToArray());
        return shares;
    }

    private void Book(string category, DateOnly day, long amount)
    {
        var i = day.DayNumber - _from.DayNumber;
        _totals[i] += amount;
        if (!_byCategory.TryGetValue(category, out var days)) _byCategory[category] = days = new long[_totals.Length];
        days[i] += amount;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
