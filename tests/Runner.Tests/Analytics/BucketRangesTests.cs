using Runner.Analytics.Reports;

namespace Runner.Tests.Analytics;

/// <summary>The fewest buckets that cover a range exactly, and the grain a series can be read in.</summary>
public class BucketRangesTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The quarter-hours a cover spans, from its segments alone.</summary>
    private static List<(long From, long To)> Spans(IEnumerable<Segment> segments) =>
        [.. segments.Select(s => (BucketRanges.StartQuarter(s.Grain, s.From), BucketRanges.StartQuarter(s.Grain, s.To)))];

    [Theory]
    [InlineData("America/New_York", "2025-01-01", "2025-12-31")]
    [InlineData("Asia/Kolkata", "2025-01-01", "2025-12-31")]
    [InlineData("Asia/Kathmandu", "2026-02-14", "2026-03-20")]
    [InlineData("UTC", "2026-03-01", "2026-03-31")]
    [InlineData("Europe/Paris", "2026-03-29", "2026-03-29")]
    [InlineData("Pacific/Chatham", "2024-12-31", "2026-01-02")]
    public void Cover_IsContiguous_AndExact(string zone, string from, string to)
    {
        var (first, end) = StoreCalendar.Of(zone).Quarters(D(from), D(to));
        var spans = Spans(BucketRanges.Cover(first, end));
        Assert.Equal(first, spans[0].From);
        Assert.Equal(end, spans[^1].To);
        for (var i = 1; i < spans.Count; i++) Assert.Equal(spans[i - 1].To, spans[i].From);
        Assert.All(spans, s => Assert.True(s.From < s.To));
    }

    [Fact]
    public void AYearInNewYork_ReadsMonthsDaysAndHours_NoQuarterHours()
    {
        var (first, end) = StoreCalendar.Of("America/New_York").Quarters(D("2025-01-01"), D("2025-12-31"));
        var cover = BucketRanges.Cover(first, end);
        Assert.DoesNotContain(cover, s => s.Grain == Grain.Quarter);
        Assert.Equal(11, cover.Where(s => s.Grain == Grain.Month).Sum(s => s.To - s.From));
        Assert.True(cover.Count <= 5);
    }

    [Theory]
    [InlineData("UTC", TimeGrouping.Month, Grain.Month)]
    [InlineData("UTC", TimeGrouping.Day, Grain.Day)]
    [InlineData("America/New_York", TimeGrouping.Day, Grain.Hour)]
    [InlineData("America/New_York", TimeGrouping.Month, Grain.Hour)]
    [InlineData("Asia/Kolkata", TimeGrouping.Week, Grain.Quarter)]
    [InlineData("Asia/Kolkata", TimeGrouping.Hour, Grain.Quarter)]
    public void SeriesGrain_IsTheCoarsestThatNeverStraddlesAPeriod(string zone, TimeGrouping grouping, Grain expected)
    {
        var periods = StoreCalendar.Of(zone).Periods(D("2025-01-01"), D("2025-03-31"), grouping);
        Assert.Equal(expected, BucketRanges.SeriesGrain(periods));
    }
}
