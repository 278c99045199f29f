using Runner.Analytics.Reports;

namespace Runner.Tests.Analytics;

/// <summary>Local days, hours, weeks and months cut from UTC quarter-hours, across clock changes and odd offsets.</summary>
public class StoreCalendarTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset T(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void SpringForward_DayHas23Hours_AndStartsAtLocalMidnight()
    {
        var paris = StoreCalendar.Of("Europe/Paris");
        var day = paris.Periods(D("2026-03-29"), D("2026-03-29"), TimeGrouping.Day).Single();
        Assert.Equal(T("2026-03-28T23:00:00Z"), day.Start);
        Assert.Equal(T("2026-03-29T22:00:00Z"), day.End);
        Assert.Equal(23 * 4, day.ToQuarter - day.FromQuarter);
        var hours = paris.Periods(D("2026-03-29"), D("2026-03-29"), TimeGrouping.Hour);
        Assert.Equal(23, hours.Count);
        Assert.Equal("2026-03-29T01:00+01:00", hours[1].Key);
        Assert.Equal("2026-03-29T03:00+02:00", hours[2].Key);
    }

    [Fact]
    public void FallBack_DayHas25Hours_AndTheRepeatedHourIsTwoPeriods()
    {
        var newYork = StoreCalendar.Of("America/New_York");
        var day = newYork.Periods(D("2026-11-01"), D("2026-11-01"), TimeGrouping.Day).Single();
        Assert.Equal(T("2026-11-01T04:00:00Z"), day.Start);
        Assert.Equal(T("2026-11-02T05:00:00Z"), day.End);
        var hours = newYork.Periods(D("2026-11-01"), D("2026-11-01"), TimeGrouping.Hour);
        Assert.Equal(25, hours.Count);
        Assert.Equal(["2026-11-01T01:00-04:00", "2026-11-01T01:00-05:00"], hours.Skip(1).Take(2).Select(h => h.Key));
    }

    [Theory]
    [InlineData("Asia/Kolkata", "2026-06-15T18:30:00Z", 24)]
    [InlineData("Asia/Kathmandu", "2026-06-15T18:15:00Z", 24)]
    [InlineData("Australia/Adelaide", "2026-06-15T14:30:00Z", 24)]
    public void HalfAndQuarterHourOffsets_CutDaysOnQuarterHours(string zone, string midnightUtc, int hours)
    {
        var calendar = StoreCalendar.Of(zone);
        var day = calendar.Periods(D("2026-06-16"), D("2026-06-16"), TimeGrouping.Day).Single();
        Assert.Equal(T(midnightUtc), day.Start);
        Assert.Equal(hours * 4, day.ToQuarter - day.FromQuarter);
        Assert.Equal(hours, calendar.Periods(D("2026-06-16"), D("2026-06-16"), TimeGrouping.Hour).Count);
    }

    [Fact]
    public void SkippedMidnight_DayStartsAtItsFirstValidQuarterHour()
    {
        // Santiago's clocks jump from 00:00 to 01:00 on the first Sunday of September.
        var santiago = StoreCalendar.Of("America/Santiago");
        var day = santiago.Periods(D("2026-09-06"), D("2026-09-06"), TimeGrouping.Day).Single();
        Assert.Equal(T("2026-09-06T04:00:00Z"), day.Start);
        Assert.Equal(23 * 4, day.ToQuarter - day.FromQuarter);
    }

    [Fact]
    public void WeeksAndMonths_AreClippedToTheRange_AndContiguous()
    {
        var utc = StoreCalendar.Of("UTC");
        var weeks = utc.Periods(D("2026-03-04"), D("2026-03-20"), TimeGrouping.Week);
        Assert.Equal(["2026-03-02", "2026-03-09", "2026-03-16"], weeks.Select(w => w.Key));
        Assert.Equal(T("2026-03-04T00:00:00Z"), weeks[0].Start);
        Assert.Equal(T("2026-03-21T00:00:00Z"), weeks[^1].End);
        var months = utc.Periods(D("2026-01-15"), D("2026-03-02"), TimeGrouping.Month);
        Assert.Equal(["2026-01", "2026-02", "2026-03"], months.Select(m => m.Key));
        for (var i = 1; i < months.Count; i++) Assert.Equal(months[i - 1].ToQuarter, months[i].FromQuarter);
    }

    [Fact]
    public void IndexOf_FindsTheQuarterHoursPeriod()
    {
        var berlin = StoreCalendar.Of("Europe/Berlin");
        var days = berlin.Periods(D("2026-10-24"), D("2026-10-26"), TimeGrouping.Day);
        Assert.Equal(1, StoreCalendar.IndexOf(days, StoreCalendar.QuarterOf(T("2026-10-25T22:45:00Z"))));
        Assert.Equal(2, StoreCalendar.IndexOf(days, StoreCalendar.QuarterOf(T("2026-10-26T00:00:00Z"))));
        Assert.Equal(-1, StoreCalendar.IndexOf(days, StoreCalendar.QuarterOf(T("2026-10-23T21:59:00Z"))));
        Assert.Equal(-1, StoreCalendar.QuarterOf(T("1969-12-31T23:59:59Z")));
    }
}
