using Runner.Analytics.Reports;

namespace Runner.Analytics.Funnels;

/// <summary>Where the buckets of each <see cref="FunnelGrain"/> start, and which buckets cover a range of quarter-hours exactly.</summary>
internal static class FunnelGrains
{
    private const long QuartersPerHour = 4, QuartersPerDay = 96;

    /// <summary>Every grain, finest first.</summary>
    public static readonly FunnelGrain[] All = [FunnelGrain.Quarter, FunnelGrain.Hour, FunnelGrain.Day, FunnelGrain.Month];

    /// <summary>The first quarter-hour of the bucket of <paramref name="grain"/> holding <paramref name="quarter"/>.</summary>
    public static long StartOf(FunnelGrain grain, long quarter) => grain switch
    {
        FunnelGrain.Hour => Floor(quarter, QuartersPerHour),
        FunnelGrain.Day => Floor(quarter, QuartersPerDay),
        FunnelGrain.Month => MonthStart(quarter, 0),
        _ => quarter,
    };

    /// <summary>True when <paramref name="quarter"/> is where a bucket of <paramref name="grain"/> starts.</summary>
    public static bool Starts(FunnelGrain grain, long quarter) => StartOf(grain, quarter) == quarter;

    /// <summary>
    /// The buckets that together cover the quarter-hours <paramref name="from"/> (inclusive) to <paramref name="to"/>
    /// (exclusive) once each: the whole UTC months inside it, then whole days, hours and quarter-hours towards its two
    /// ends. Each range holds the first quarter-hours of the buckets to read, <c>From</c> inclusive to <c>To</c> exclusive;
    /// a year is at most a few dozen buckets per key.
    /// </summary>
    public static List<(FunnelGrain Grain, long From, long To)> Cover(long from, long to)
    {
        var ranges = new List<(FunnelGrain, long, long)>();
        Cover(ranges, from, to, All.Length - 1);
        return ranges;
    }

    private static void Cover(List<(FunnelGrain, long, long)> ranges, long from, long to, int level)
    {
        if (from >= to) return;
        var grain = All[level];
        if (grain == FunnelGrain.Quarter)
        {
            ranges.Add((grain, from, to));
            return;
        }
        var first = Starts(grain, from) ? from : Next(grain, from);
        var end = StartOf(grain, to);
        if (first >= end)
        {
            Cover(ranges, from, to, level - 1);
            return;
        }
        Cover(ranges, from, first, level - 1);
        ranges.Add((grain, first, end));
        Cover(ranges, end, to, level - 1);
    }

    /// <summary>Where the bucket of <paramref name="grain"/> after the one holding <paramref name="quarter"/> starts.</summary>
    private static long Next(FunnelGrain grain, long quarter) => grain switch
    {
        FunnelGrain.Hour => StartOf(grain, quarter) + QuartersPerHour,
        FunnelGrain.Day => StartOf(grain, quarter) + QuartersPerDay,
        FunnelGrain.Month => MonthStart(quarter, 1),
        _ => quarter + 1,
    };

    private static long Floor(long quarter, long size) => quarter - ((quarter % size) + size) % size;

    private static long MonthStart(long quarter, int monthsLater)
    {
        var at = StoreCalendar.StartOf(quarter);
        return StoreCalendar.QuarterOf(new DateTimeOffset(at.Year, at.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(monthsLater));
    }
}
