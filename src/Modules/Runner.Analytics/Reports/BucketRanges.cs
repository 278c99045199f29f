using Runner.Analytics.Ledger;

namespace Runner.Analytics.Reports;

/// <summary>The sizes the ledger keeps its sums in: UTC quarter-hours, hours, days and calendar months (finest first).</summary>
public enum Grain { Quarter, Hour, Day, Month }

/// <summary>
/// A run of buckets of one grain, <see cref="From"/> inclusive to <see cref="To"/> exclusive, in that grain's units
/// since the Unix epoch, added (<see cref="Sign"/> 1) or taken away (−1).
/// </summary>
public readonly record struct Segment(Grain Grain, long From, long To, int Sign = 1);

/// <summary>
/// Covers a run of quarter-hours with as few buckets as it can, using that sums add and subtract: at each grain, from
/// months down to quarter-hours, each end goes to the nearest boundary of that grain, and what that added or left out
/// is covered the same way one grain finer, taken away or added. A year cut at New York's midnights (05:00 UTC) is the
/// twelve UTC months, less five hours at the start, plus five at the end: about 12 rows per product where whole days
/// would be hundreds. India's (UTC+05:30) adds a few quarter-hours at each end.
/// </summary>
public static class BucketRanges
{
    public const int QuartersPerHour = 4, QuartersPerDay = 96;

    /// <summary>Every grain, finest first.</summary>
    public static readonly Grain[] Grains = [Grain.Quarter, Grain.Hour, Grain.Day, Grain.Month];

    public static IReadOnlyList<Segment> Cover(long from, long to)
    {
        var segments = new List<Segment>();
        if (from < to) Cover(Grain.Month, from, to, 1, segments);
        return segments;
    }

    private static void Cover(Grain grain, long from, long to, int sign, List<Segment> segments)
    {
        if (from >= to) return;
        if (grain == Grain.Quarter)
        {
            segments.Add(new Segment(Grain.Quarter, from, to, sign));
            return;
        }
        var finer = grain - 1;
        var (a, b) = (Nearest(grain, from), Nearest(grain, to));
        if (a >= b)
        {
            Cover(finer, from, to, sign, segments);
            return;
        }
        segments.Add(new Segment(grain, IndexOf(grain, a), IndexOf(grain, b), sign));
        // [a, b) in buckets of this grain; what lies between each end and the range's own end is added or taken away.
        if (a < from) Cover(finer, a, from, -sign, segments);
        else Cover(finer, from, a, sign, segments);
        if (b < to) Cover(finer, b, to, sign, segments);
        else Cover(finer, to, b, -sign, segments);
    }

    /// <summary>The boundary of a grain nearest to a quarter-hour (the earlier one on a tie).</summary>
    private static long Nearest(Grain grain, long quarter)
    {
        var before = StartQuarter(grain, IndexOf(grain, quarter));
        if (before == quarter) return quarter;
        var after = StartQuarter(grain, IndexOf(grain, quarter) + 1);
        return quarter - before <= after - quarter ? before : after;
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

    /// <summary>The first quarter-hour of the bucket of a grain that holds a quarter-hour.</summary>
    public static long StartOf(Grain grain, long quarter) => StartQuarter(grain, IndexOf(grain, quarter));

    /// <summary>The bucket of a grain that holds a quarter-hour.</summary>
    public static long IndexOf(Grain grain, long quarter) => grain switch
    {
        Grain.Quarter => quarter,
        Grain.Hour => FloorDiv(quarter, QuartersPerHour),
        Grain.Day => FloorDiv(quarter, QuartersPerDay),
        _ => ProfitMonth.Of((int)FloorDiv(quarter, QuartersPerDay)),
    };

    private static long FloorDiv(long a, long b) => a / b - (a % b < 0 ? 1 : 0);
}
