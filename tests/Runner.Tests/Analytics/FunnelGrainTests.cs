using Runner.Analytics.Funnels;
using Runner.Analytics.Reports;

namespace Runner.Tests.Analytics;

/// <summary>The buckets a range of quarter-hours is summed from cover it exactly: every quarter-hour once, none outside.</summary>
public class FunnelGrainTests
{
    private static long Q(int year, int month, int day, int hour = 0, int minute = 0) =>
        StoreCalendar.QuarterOf(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero));

    /// <summary>Where the bucket of <paramref name="grain"/> starting at <paramref name="start"/> ends.</summary>
    private static long EndOf(FunnelGrain grain, long start) => grain switch
    {
        FunnelGrain.Quarter => start + 1,
        FunnelGrain.Hour => start + 4,
        FunnelGrain.Day => start + 96,
        _ => StoreCalendar.QuarterOf(StoreCalendar.StartOf(start).AddMonths(1)),
    };

    private static void AssertCoversExactly(long from, long to)
    {
        var buckets = new List<(long Start, long End)>();
        foreach (var (grain, first, end) in FunnelGrains.Cover(from, to))
            for (var start = first; start < end; start = EndOf(grain, start))
            {
                Assert.True(FunnelGrains.Starts(grain, start), $"{grain} bucket at {start} is not aligned");
                buckets.Add((start, EndOf(grain, start)));
            }
        buckets.Sort();
        var at = from;
        foreach (var (start, end) in buckets)
        {
            Assert.Equal(at, start);
            at = end;
        }
        Assert.Equal(to, at);
    }

    [Fact]
    public void AYearInIndia_IsMonthsDaysHoursAndQuartersAtItsEnds()
    {
        var (from, to) = (Q(2025, 11, 26, 18, 30), Q(2026, 11, 26, 18, 30));
        AssertCoversExactly(from, to);
        Assert.Equal(
        [
            (FunnelGrain.Quarter, from, Q(2025, 11, 26, 19)), (FunnelGrain.Hour, Q(2025, 11, 26, 19), Q(2025, 11, 27)),
            (FunnelGrain.Day, Q(2025, 11, 27), Q(2025, 12, 1)), (FunnelGrain.Month, Q(2025, 12, 1), Q(2026, 11, 1)),
            (FunnelGrain.Day, Q(2026, 11, 1), Q(2026, 11, 26)), (FunnelGrain.Hour, Q(2026, 11, 26), Q(2026, 11, 26, 18)),
            (FunnelGrain.Quarter, Q(2026, 11, 26, 18), to),
        ], FunnelGrains.Cover(from, to).OrderBy(r => r.From));
    }

    [Fact]
    public void AnyRange_IsCoveredExactly()
    {
        var random = new Random(20260308);
        var start = Q(2024, 1, 1);
        for (var i = 0; i < 500; i++)
        {
            var from = start + random.Next(0, 96 * 800);
            AssertCoversExactly(from, from + random.Next(0, 96 * 400));
        }
        AssertCoversExactly(Q(2026, 3, 1), Q(2026, 4, 1));
        AssertCoversExactly(Q(2026, 2, 28, 23, 45), Q(2026, 3, 1, 0, 15));
    }
}
