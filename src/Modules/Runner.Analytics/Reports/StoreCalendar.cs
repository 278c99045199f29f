using System.Globalization;

namespace Runner.Analytics.Reports;

/// <summary>How a report cuts time into periods, in the store's time zone.</summary>
public enum TimeGrouping { Hour, Day, Week, Month }

/// <summary>
/// One period of a report: its key (<c>2026-03-29</c>, <c>2026-W13</c> as the Monday <c>2026-03-23</c>, <c>2026-03</c>,
/// or the local hour with its offset <c>2026-10-25T02:00+01:00</c>), and the UTC quarter-hours it covers,
/// <see cref="FromQuarter"/> inclusive to <see cref="ToQuarter"/> exclusive.
/// </summary>
public sealed record Period(string Key, DateTimeOffset Start, DateTimeOffset End, long FromQuarter, long ToQuarter);

/// <summary>
/// Cuts UTC quarter-hours into the store's local hours, days, ISO weeks and months. Aggregates are kept per UTC
/// quarter-hour (<see cref="QuarterOf"/>: 15-minute buckets since the Unix epoch), and every time zone in use today
/// has an offset that is a whole number of quarter-hours (India +05:30, Nepal +05:45, Chatham +12:45), so each local
/// period is an exact run of buckets: changing the store's time zone, or a daylight-saving change, only moves where
/// the cuts fall, never what the buckets hold. A day with a daylight-saving change has 23 or 25 hours; a day whose
/// midnight does not exist (the clocks jump at 00:00) starts at its first valid quarter-hour.
/// </summary>
public sealed class StoreCalendar(TimeZoneInfo zone)
{
    public const long QuarterSeconds = 900;

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The calendar of an IANA (or Windows) zone id; UTC when the id is unknown.</summary>
    public static StoreCalendar Of(string? timeZone) =>
        new(TimeZoneInfo.TryFindSystemTimeZoneById(timeZone ?? "UTC", out var zone) ? zone : TimeZoneInfo.Utc);

    public static long QuarterOf(DateTimeOffset instant) => Math.DivRem(instant.ToUnixTimeSeconds(), QuarterSeconds, out var r) - (r < 0 ? 1 : 0);

    public static DateTimeOffset StartOf(long quarter) => DateTimeOffset.FromUnixTimeSeconds(quarter * QuarterSeconds);

    /// <summary>The local date of an instant.</summary>
    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The local month of an instant, <c>yyyy-MM</c>.</summary>
    public string MonthOf(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The first instant of a local day: its midnight, or the first valid quarter-hour after a skipped midnight.</summary>
    public DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local)) local = local.AddMinutes(15);
        // An ambiguous local time (clocks went back over it) happens twice; the day starts at the first.
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The quarter-hours of the local days <paramref name="from"/> to <paramref name="to"/>, both inclusive.</summary>
    public (long From, long To) Quarters(DateOnly from, DateOnly to) =>
        (QuarterOf(StartOfDay(from)), QuarterOf(StartOfDay(to.AddDays(1))));

    /// <summary>The periods covering the local days <paramref name="from"/> to <paramref name="to"/>, in order, clipped to them.</summary>
    public IReadOnlyList<Period> Periods(DateOnly from, DateOnly to, TimeGrouping grouping)
    {
        var periods = new List<Period>();
        if (grouping == TimeGrouping.Hour)
        {
            var (first, end) = Quarters(from, to);
            string? key = null;
            var start = first;
            for (var q = first; q <= end; q++)
            {
                var next = q == end ? null : HourKey(q);
                if (next == key) continue;
                if (key is not null) periods.Add(Make(key, start, q));
                (key, start) = (next, q);
            }
            return periods;
        }
        var day = from;
        while (day <= to)
        {
            var (key, next) = grouping switch
            {
                TimeGrouping.Day => (Iso(day), day.AddDays(1)),
                TimeGrouping.Week => (Iso(day.AddDays(-(((int)day.DayOfWeek + 6) % 7))), day.AddDays(7 - ((int)day.DayOfWeek + 6) % 7)),
                _ => (day.ToString("yyyy-MM", CultureInfo.InvariantCulture), new DateOnly(day.Year, day.Month, 1).AddMonths(1)),
            };
            var last = next > to ? to.AddDays(1) : next;
            periods.Add(Make(key, QuarterOf(StartOfDay(day)), QuarterOf(StartOfDay(last))));
            day = last;
        }
        return periods;
    }

    /// <summary>The local hour a quarter-hour falls in, with its offset (the repeated hour of a fall-back day is two hours).</summary>
    public string HourKey(long quarter)
    {
        var local = TimeZoneInfo.ConvertTime(StartOf(quarter), Zone);
        var hour = new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, local.Offset);
        return hour.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);
    }

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Period Make(string key, long from, long to) => new(key, StartOf(from), StartOf(to), from, to);

    /// <summary>
    /// Maps quarter-hours to the index of their period in <paramref name="periods"/> (ordered, contiguous), or -1 outside
    /// them: a binary search, so a year of buckets maps in well under a millisecond per thousand.
    /// </summary>
    public static int IndexOf(IReadOnlyList<Period> periods, long quarter)
    {
        int lo = 0, hi = periods.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var p = periods[mid];
            if (quarter < p.FromQuarter) hi = mid - 1;
            else if (quarter >= p.ToQuarter) lo = mid + 1;
            else return mid;
        }
        return -1;
    }
}
