using Runner.Analytics.Ledger;

namespace Runner.Analytics.Reports;

/// <summary>
/// The sizes sums are kept in: UTC quarter-hours, hours, days, calendar months and calendar years (finest first). The
/// profit ledger keeps the first four; the funnel's counters all five.
/// </summary>
public enum Grain { Quarter, Hour, Day, Month, Year }

/// <summary>
/// A run of buckets of one grain, <see cref="From"/> inclusive to <see cref="To"/> exclusive, in that grain's units
/// since the Unix epoch, added (<see cref="Sign"/> 1) or taken away (−1).
/// </summary>
public readonly record struct Segment(Grain Grain, long From, long To, int Sign = 1);

/// <summary>
/// How a series of periods is read: <see cref="Covers"/>, each period's own cover (<see cref="BucketRanges.Cover"/>),
/// and <see cref="Buckets"/>, the distinct buckets of each grain they name, in order (a bucket two periods share, as
/// an hour taken away from one and added to the next, is read once).
/// </summary>
public sealed record SeriesPlan(IReadOnlyList<IReadOnlyList<Segment>> Covers, IReadOnlyDictionary<Grain, long[]> Buckets)
{
    /// <summary>
    /// True when the buckets of a grain fill at least nine tenths of the run from the first to the last: reading that
    /// whole run (one range of the key) is then cheaper than looking each one up. Below that, reading and materialising
    /// the rows no period uses costs more than the lookups saved (an hourly series in India names every other quarter-hour).
    /// </summary>
    public bool IsDense(Grain grain) => Buckets[grain] is var b && b.Length * 10L >= (b[^1] - b[0] + 1) * 9;

    /// <summary>Every bucket each period adds or takes away: the period's index, the bucket's grain and index, and the sign.</summary>
    public IEnumerable<(int Period, Grain Grain, long Bucket, int Sign)> Cells()
    {
        for (var i = 0; i < Covers.Count; i++)
            foreach (var s in Covers[i])
                for (var b = s.From; b < s.To; b++) yield return (i, s.Grain, b, s.Sign);
    }
}

/// <summary>
/// Covers a run of quarter-hours with as few buckets as it can, using that sums add and subtract: at each grain, from
/// the coarsest kept (months for the ledger, years for the funnel) down to quarter-hours, each end goes to the nearest boundary of that grain, and what that added or left out
/// is covered the same way one grain finer, taken away or added. A year cut at New York's midnights (05:00 UTC) is the
/// twelve UTC months, less five hours at the start, plus five at the end: about 12 rows per product where whole days
/// would be hundreds. India's (UTC+05:30) adds a few quarter-hours at each end. A grain is used only where its buckets
/// span at most twice the range, so a day in mid-month is that day, not its month less the rest.
/// </summary>
public static class BucketRanges
{
    public const int QuartersPerHour = 4, QuartersPerDay = 96;

    /// <summary>Every grain, finest first.</summary>
    public static readonly Grain[] Grains = [Grain.Quarter, Grain.Hour, Grain.Day, Grain.Month, Grain.Year];

    /// <param name="coarsest">The coarsest grain the sums are kept in.</param>
    public static IReadOnlyList<Segment> Cover(long from, long to, Grain coarsest = Grain.Month)
    {
        var segments = new List<Segment>();
        if (from < to) Cover(coarsest, from, to, 1, segments);
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
        // A grain whose nearest buckets reach far beyond the range (a month for a day in mid-month) would read more to
        // take away than the range holds: the range is covered one grain finer instead.
        if (a >= b || b - a > 2 * (to - from))
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
    /// The plan of a series: each period covered on its own, so a day in New York is its UTC day, less five hours, plus
    /// five (a year of days reads some 2,200 buckets instead of 8,760 hours), and a day in India its UTC day and a few
    /// hours and quarter-hours at each end (instead of 96 quarter-hours).
    /// </summary>
    public static SeriesPlan Series(IReadOnlyList<Period> periods, Grain coarsest = Grain.Month)
    {
        var covers = periods.Select(p => Cover(p.FromQuarter, p.ToQuarter, coarsest)).ToList();
        var buckets = covers.SelectMany(c => c).GroupBy(s => s.Grain)
            .ToDictionary(g => g.Key, g => g.SelectMany(s => Range(s.From, s.To)).Distinct().Order().ToArray());
        return new SeriesPlan(covers, buckets);

        static IEnumerable<long> Range(long from, long to)
        {
            for (var b = from; b < to; b++) yield return b;
        }
    }

    /// <summary>The first quarter-hour of a bucket.</summary>
    public static long StartQuarter(Grain grain, long index) => grain switch
    {
        Grain.Quarter => index,
        Grain.Hour => index * QuartersPerHour,
        Grain.Day => index * QuartersPerDay,
        Grain.Month => (long)ProfitMonth.FirstDay((int)index) * QuartersPerDay,
        _ => (long)ProfitMonth.FirstDay((int)index * 12) * QuartersPerDay,
    };

    /// <summary>The first quarter-hour of the bucket of a grain that holds a quarter-hour.</summary>
    public static long StartOf(Grain grain, long quarter) => StartQuarter(grain, IndexOf(grain, quarter));

    /// <summary>The bucket of a grain that holds a quarter-hour.</summary>
    public static long IndexOf(Grain grain, long quarter) => grain switch
    {
        Grain.Quarter => quarter,
        Grain.Hour => FloorDiv(quarter, QuartersPerHour),
        Grain.Day => FloorDiv(quarter, QuartersPerDay),
        Grain.Month => ProfitMonth.Of((int)FloorDiv(quarter, QuartersPerDay)),
        _ => FloorDiv(ProfitMonth.Of((int)FloorDiv(quarter, QuartersPerDay)), 12),
    };

    private static long FloorDiv(long a, long b) => a / b - (a % b < 0 ? 1 : 0);
}
