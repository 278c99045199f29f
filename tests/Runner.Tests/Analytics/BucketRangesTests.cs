using Runner.Analytics.Reports;

namespace Runner.Tests.Analytics;

/// <summary>The fewest buckets that cover a range exactly, and the grain a series can be read in.</summary>
public class BucketRangesTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>How many times a cover counts each quarter-hour of [lo, hi), from its segments alone.</summary>
    private static Dictionary<long, int> Counts(IEnumerable<Segment> segments)
    {
        var counts = new Dictionary<long, int>();
        foreach (var s in segments)
            for (var q = BucketRanges.StartQuarter(s.Grain, s.From); q < BucketRanges.StartQuarter(s.Grain, s.To); q++)
                counts[q] = counts.GetValueOrDefault(q) + s.Sign;
        return counts;
    }

    [Theory]
    [InlineData("America/New_York", "2025-01-01", "2025-12-31")]
    [InlineData("Asia/Kolkata", "2025-01-01", "2025-12-31")]
    [InlineData("Asia/Kathmandu", "2026-02-14", "2026-03-20")]
    [InlineData("UTC", "2026-03-01", "2026-03-31")]
    [InlineData("Europe/Paris", "2026-03-29", "2026-03-29")]
    [InlineData("Pacific/Chatham", "2024-12-31", "2026-01-02")]
    [InlineData("America/St_Johns", "2026-01-16", "2026-02-14")]
    public void Cover_CountsEveryQuarterHourOfTheRangeOnce_AndNoOther(string zone, string from, string to)
    {
        var (first, end) = StoreCalendar.Of(zone).Quarters(D(from), D(to));
        foreach (var coarsest in new[] { Grain.Month, Grain.Year })
        {
            var counts = Counts(BucketRanges.Cover(first, end, coarsest));
            for (var q = first; q < end; q++) Assert.Equal(1, counts.GetValueOrDefault(q));
            Assert.All(counts.Where(c => c.Key < first || c.Key >= end), c => Assert.Equal(0, c.Value));
        }
    }

    [Fact]
    public void AYearInNewYork_IsTwelveMonths_LessFiveHours_PlusFive()
    {
        var (first, end) = StoreCalendar.Of("America/New_York").Quarters(D("2025-01-01"), D("2025-12-31"));
        var cover = BucketRanges.Cover(first, end);
        Assert.Equal(3, cover.Count);
        Assert.Equal(new Segment(Grain.Month, 2025 * 12, 2026 * 12), cover[0]);
        Assert.Equal([(-1, 5L), (1, 5L)], cover.Skip(1).Select(s => (s.Sign, s.To - s.From)));
        Assert.All(cover.Skip(1), s => Assert.Equal(Grain.Hour, s.Grain));
    }

    [Fact]
    public void AYearInNewYork_WithYearBuckets_IsItsUtcYear_LessFiveHours_PlusFive()
    {
        var (first, end) = StoreCalendar.Of("America/New_York").Quarters(D("2025-01-01"), D("2025-12-31"));
        var cover = BucketRanges.Cover(first, end, Grain.Year);
        Assert.Equal(new Segment(Grain.Year, 2025, 2026), cover[0]);
        Assert.Equal([(Grain.Hour, -1, 5L), (Grain.Hour, 1, 5L)], cover.Skip(1).Select(s => (s.Grain, s.Sign, s.To - s.From)));
        var counts = Counts(cover);
        for (var q = first; q < end; q++) Assert.Equal(1, counts.GetValueOrDefault(q));
    }

    [Fact]
    public void AYearBucket_StartsOnTheFirstOfJanuary()
    {
        var march = StoreCalendar.QuarterOf(new DateTimeOffset(2025, 3, 14, 15, 45, 0, TimeSpan.Zero));
        Assert.Equal(StoreCalendar.QuarterOf(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)), BucketRanges.StartOf(Grain.Year, march));
        Assert.Equal(2025, BucketRanges.IndexOf(Grain.Year, march));
    }

    [Theory]
    [InlineData("America/New_York", TimeGrouping.Day)]
    [InlineData("Asia/Kolkata", TimeGrouping.Day)]
    [InlineData("Asia/Kolkata", TimeGrouping.Hour)]
    [InlineData("Australia/Lord_Howe", TimeGrouping.Week)]
    [InlineData("Europe/London", TimeGrouping.Month)]
    public void Series_CountsEachPeriodsQuarterHoursOnce_FromTheBucketsItReads(string zone, TimeGrouping grouping)
    {
        var periods = StoreCalendar.Of(zone).Periods(D("2025-01-01"), D(grouping == TimeGrouping.Hour ? "2025-01-20" : "2025-12-31"), grouping);
        var plan = BucketRanges.Series(periods);
        for (var i = 0; i < periods.Count; i++)
        {
            var counts = Counts(plan.Covers[i]);
            for (var q = periods[i].FromQuarter; q < periods[i].ToQuarter; q++) Assert.Equal(1, counts.GetValueOrDefault(q));
            Assert.All(counts.Where(c => c.Key < periods[i].FromQuarter || c.Key >= periods[i].ToQuarter), c => Assert.Equal(0, c.Value));
        }
        Assert.All(plan.Cells(), c => Assert.Contains(c.Bucket, plan.Buckets[c.Grain]));
    }

    [Fact]
    public void Series_OfAYearOfDaysInNewYork_ReadsDaysAndTheHoursAtTheirEnds()
    {
        var periods = StoreCalendar.Of("America/New_York").Periods(D("2025-01-01"), D("2025-12-31"), TimeGrouping.Day);
        var plan = BucketRanges.Series(periods);
        Assert.Equal([Grain.Hour, Grain.Day], plan.Buckets.Keys.Order());
        Assert.True(plan.Buckets.Values.Sum(b => b.Length) < 365 * 7, "a day is its UTC day and the hours at its two ends");
    }
}
