using Runner.Analytics.Expenses;

namespace Runner.Tests.Analytics;

/// <summary>How expenses spread over days (<see cref="ExpenseSpread"/>): the rule the profit report subtracts by.</summary>
public class ExpenseScheduleTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static SpreadExpense Monthly(string date, long amount, string? end = null, string category = "rent") =>
        new(D(date), ExpenseRecurrence.Monthly, end is null ? null : D(end), category, amount);

    private static ExpenseSpread Spread(string from, string to, params SpreadExpense[] expenses)
    {
        var spread = new ExpenseSpread(D(from), D(to));
        foreach (var e in expenses) spread.Add(e);
        return spread;
    }

    private static long[] Days(ExpenseSpread s, string from, string to) =>
        [.. s.Totals.Skip(D(from).DayNumber - s.From.DayNumber).Take(D(to).DayNumber - D(from).DayNumber + 1)];

    [Fact]
    public void AOneOffExpense_LandsWholeOnItsDate()
    {
        var s = Spread("2026-03-01", "2026-03-31", new SpreadExpense(D("2026-03-10"), ExpenseRecurrence.None, null, "apps", 4_999),
            new SpreadExpense(D("2026-04-01"), ExpenseRecurrence.None, null, "apps", 100));
        Assert.Equal(4_999, s.Totals[9]);
        Assert.Equal(4_999, s.Totals.Sum());
        Assert.Equal(4_999, s.ByCategory["apps"][9]);
    }

    [Fact]
    public void AMonthlyExpense_OverA31DayMonth_SharesTheAmountExactly()
    {
        var s = Spread("2026-01-01", "2026-01-31", Monthly("2026-01-01", 300_000));
        // 300000 / 31 = 9677 remainder 13: the first 13 days take one cent more.
        Assert.Equal([.. Enumerable.Repeat(9_678L, 13), .. Enumerable.Repeat(9_677L, 18)], s.Totals);
        Assert.Equal(300_000, s.Totals.Sum());
    }

    [Fact]
    public void AMonthlyExpense_OverA30DayMonth_IsTheSameEveryDay()
    {
        var s = Spread("2026-04-01", "2026-04-30", Monthly("2026-01-01", 300_000));
        Assert.All(s.Totals, t => Assert.Equal(10_000, t));
    }

    [Fact]
    public void February_OfALeapYear_Has29Shares_AndOfOtherYears28()
    {
        var leap = Spread("2028-02-01", "2028-02-29", Monthly("2028-01-01", 300_000));
        Assert.Equal(29, leap.Totals.Count);
        Assert.Equal([.. Enumerable.Repeat(10_345L, 24), .. Enumerable.Repeat(10_344L, 5)], leap.Totals); // 10344 r 24
        Assert.Equal(300_000, leap.Totals.Sum());
        var common = Spread("2027-02-01", "2027-02-28", Monthly("2027-01-01", 300_000));
        Assert.Equal([.. Enumerable.Repeat(10_715L, 8), .. Enumerable.Repeat(10_714L, 20)], common.Totals); // 10714 r 8
    }

    [Fact]
    public void AMidMonthStart_BooksOnlyItsDaysShares_ThenWholeMonths()
    {
        var s = Spread("2026-01-01", "2026-02-28", Monthly("2026-01-15", 300_000));
        Assert.All(Days(s, "2026-01-01", "2026-01-14"), t => Assert.Equal(0, t));
        Assert.All(Days(s, "2026-01-15", "2026-01-31"), t => Assert.Equal(9_677, t)); // the shares of days 15..31 of January
        Assert.Equal(17 * 9_677, Days(s, "2026-01-01", "2026-01-31").Sum());
        Assert.Equal(300_000, Days(s, "2026-02-01", "2026-02-28").Sum());
    }

    [Fact]
    public void AnEndDate_StopsTheShares_AfterThatDay()
    {
        var s = Spread("2026-01-01", "2026-05-31", Monthly("2026-01-01", 310_000, end: "2026-03-10"));
        Assert.Equal(310_000, Days(s, "2026-01-01", "2026-01-31").Sum());
        Assert.Equal(310_000, Days(s, "2026-02-01", "2026-02-28").Sum());
        Assert.All(Days(s, "2026-03-01", "2026-03-10"), t => Assert.Equal(10_000, t));
        Assert.All(Days(s, "2026-03-11", "2026-05-31"), t => Assert.Equal(0, t));
        Assert.Equal(2 * 310_000 + 10 * 10_000, s.Totals.Sum());
    }

    [Fact]
    public void ARange_CuttingAMonth_ReadsThatMonthsShares_NotASpreadOverTheRange()
    {
        var whole = Spread("2026-01-01", "2026-01-31", Monthly("2025-06-01", 300_000));
        var part = Spread("2026-01-10", "2026-01-20", Monthly("2025-06-01", 300_000));
        Assert.Equal(Days(whole, "2026-01-10", "2026-01-20"), part.Totals);
        Assert.Equal(D("2026-01-20"), part.To);
    }

    [Fact]
    public void SharesOverManyMonths_AddUpToTheAmountPerMonth_AndByCategory()
    {
        var s = Spread("2024-01-01", "2026-03-10", Monthly("2024-01-01", 99_999, category: "staff"), Monthly("2024-01-01", 1, category: "apps"),
            new SpreadExpense(D("2025-05-05"), ExpenseRecurrence.None, null, "ad_spend", 12_345));
        // Staff: 26 whole months (January 2024 to February 2026), then 1..10 March of 99999 / 31 = 3225 r 24 (3226 on days 1..24).
        Assert.Equal(26 * 99_999 + 10 * 3_226, s.ByCategory["staff"].Sum());
        // One cent a month cannot be shared: it lands on each 1st, March 2026 included.
        Assert.Equal(27, s.ByCategory["apps"].Sum());
        Assert.All(s.ByCategory["apps"].Select((cents, i) => (cents, day: s.From.AddDays(i))), x => Assert.Equal(x.day.Day == 1 ? 1 : 0, x.cents));
        Assert.Equal(12_345, s.ByCategory["ad_spend"].Sum());
        Assert.Equal(26 * 99_999 + 10 * 3_226 + 27 + 12_345, s.Totals.Sum());
        Assert.Equal(s.Totals.Sum(), s.ByCategory.Values.Sum(days => days.Sum()));
    }

    [Fact]
    public void ToDays_ListsEveryDay_WithTheCategoriesThatBooked()
    {
        var s = Spread("2026-03-01", "2026-03-03", new SpreadExpense(D("2026-03-02"), ExpenseRecurrence.None, null, "apps", 500),
            new SpreadExpense(D("2026-03-02"), ExpenseRecurrence.None, null, "rent", 700));
        var daily = ExpenseSchedule.ToDays(s, "USD");
        Assert.Equal([D("2026-03-01"), D("2026-03-02"), D("2026-03-03")], daily.Days.Select(d => d.Date));
        Assert.Equal([0L, 1_200, 0], daily.Days.Select(d => d.Total));
        Assert.Empty(daily.Days[0].ByCategory);
        Assert.Equal(new Dictionary<string, long> { ["apps"] = 500, ["rent"] = 700 }, daily.Days[1].ByCategory);
        Assert.Equal(new Runner.Kernel.Money(1_200, "USD"), daily.Total);
    }
}
