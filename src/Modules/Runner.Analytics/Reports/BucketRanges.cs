using Runner.Analytics.Ledger;

namespace Runner.Analytics.Reports;

/// <summary>The sizes the ledger keeps its sums in: UTC quarter-hours, hours, days and calendar months.</summary>
public enum Grain { Quarter, Hour, Day, Month }

/// <summary>A run of buckets of one grain, <see cref="From"/> inclusive to <see cref="To"/> exclusive, in that grain's units since the Unix epoch.</summary>
public readonly record struct Segment(Grain Grain, long From, long To);

/// <summary>
/// Covers a run of quarter-hours with as few buckets as it can: whole UTC months in the middle, then whole days, then
/// whole hours, and quarter-hours only at the two ragged ends. A year cut at New York's midnights reads 11 months, about
/// 30 days, 2 × 4 hours and no quarter-hour; India's (UTC+05:30) adds 2 quarter-hours at each end.
/// </summary>
public static class BucketRanges
{
    public const int QuartersPerHour = 4, QuartersPerDay = 96;

    public static IReadOnlyList<Segment> Cover(long from, long to)
    {
        var segments = new List<Segment>();
        if (from >= to) return segments;
        var (firstDay, endDay) = (CeilDiv(from, QuartersPerDay), FloorDiv(to, QuartersPerDay));
        if (firstDay >= endDay)
        {
            Hours(from, to, segments);
            return segments;
        }
        Hours(from, firstDay * QuartersPerDay, segments);
        var firstMonth = ProfitMonth.Of((int)firstDay) + (ProfitMonth.FirstDay(ProfitMonth.Of((int)firstDay)) == firstDay ? 0 : 1);
        var endMonth = ProfitMonth.Of((int)endDay);
        if (firstMonth < endMonth)
        {
            Add(segments, Grain.Day, firstDay, ProfitMonth.FirstDay(firstMonth));
            segments.Add(new Segment(Grain.Month, firstMonth, endMonth));
            Add(segments, Grain.Day, ProfitMonth.FirstDay(endMonth), endDay);
        }
        else Add(segments, Grain.Day, firstDay, endDay);
        Hours(endDay * QuartersPerDay, to, segments);
        return segments;
    }

    /// <summary>
    /// The coarsest grain whose buckets never straddle a period's edge, so a series can be read in it: months when every
    /// period starts and ends on a UTC month, days for UTC days, hours for whole-hour offsets, else quarter-hours.
    /// </summary>
    public static Grain SeriesGrain(IReadOnlyList<Period> periods)
    {
        bool On(long size) => periods.All(p => p.FromQuarter % size == 0 && p.ToQuarter % size == 0);
        bool MonthStart(long quarter) => quarter % QuartersPerDay == 0
            && ProfitMonth.FirstDay(ProfitMonth.Of((int)(quarter / QuartersPerDay))) == quarter / QuartersPerDay;
        if (periods.All(p => MonthStart(p.FromQuarter) && MonthStart(p.ToQuarter))) return Grain.Month;
        if (On(QuartersPerDay)) return Grain.Day;
        return On(QuartersPerHour) ? Grain.Hour : Grain.Quarter;
    }

    /// <summary>The first quarter-hour of a bucket.</summary>
    public static long StartQuarter(Grain grain, long index) => grain switch
    {
        Grain.Quarter => index,
        Grain.Hour => index * QuartersPerHour,
        Grain.Day => index * QuartersPerDay,
        _ => (long)ProfitMonth.FirstDay((int)index) * QuartersPerDay,
    };

    /// <summary>The bucket of a grain that holds a quarter-hour.</summary>
    public static long IndexOf(Grain grain, long quarter) => grain switch
    {
        Grain.Quarter => quarter,
        Grain.Hour => FloorDiv(quarter, QuartersPerHour),
        Grain.Day => FloorDiv(quarter, QuartersPerDay),
        _ => ProfitMonth.Of((int)FloorDiv(quarter, QuartersPerDay)),
    };

    /// <summary>Less than a day: whole hours in the middle, quarter-hours at the ends.</summary>
    private static void Hours(long from, long to, List<Segment> segments)
    {
        if (from >= to) return;
        var (firstHour, endHour) = (CeilDiv(from, QuartersPerHour), FloorDiv(to, QuartersPerHour));
        if (firstHour >= endHour)
        {
            segments.Add(new Segment(Grain.Quarter, from, to));
            return;
        }
        Add(segments, Grain.Quarter, from, firstHour * QuartersPerHour);
        segments.Add(new Segment(Grain.Hour, firstHour, endHour));
        Add(segments, Grain.Quarter, endHour * QuartersPerHour, to);
    }

    private static void Add(List<Segment> segments, Grain grain, long from, long to)
    {
        if (from < to) segments.Add(new Segment(grain, from, to));
    }

    private static long FloorDiv(long a, long b) => a / b - (a % b < 0 ? 1 : 0);

    private static long CeilDiv(long a, long b) => -FloorDiv(-a, b);
}
