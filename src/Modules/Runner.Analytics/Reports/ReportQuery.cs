using System.Globalization;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;

namespace Runner.Analytics.Reports;

/// <summary>
/// The period a report covers: local dates <see cref="From"/> to <see cref="To"/>, both inclusive, in the store's time
/// zone, and the one just before it of the same length (for comparisons).
/// </summary>
public sealed record ReportRange(DateOnly From, DateOnly To)
{
    /// <summary>The longest range one report covers (a little over two years, so a year compares with the one before).</summary>
    public const int MaxDays = 800;

    /// <summary>Hour groupings are limited to this many days (about 2,200 periods).</summary>
    public const int MaxHourDays = 93;

    public int Days => To.DayNumber - From.DayNumber + 1;

    public ReportRange Previous => new(From.AddDays(-Days), From.AddDays(-1));

    /// <summary>
    /// Reads <c>from</c> and <c>to</c> (<c>YYYY-MM-DD</c>): both missing means the last 30 days up to
    /// <paramref name="today"/>; one missing means that single day.
    /// </summary>
    public static Result<ReportRange> Parse(string? from, string? to, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(to)) return new ReportRange(today.AddDays(-29), today);
        var v = new Validator();
        // One date given stands for both; a bad one is named once, under the parameter that carried it.
        var f = Date(string.IsNullOrWhiteSpace(from) ? to : from, string.IsNullOrWhiteSpace(from) ? "to" : "from", v);
        var t = string.IsNullOrWhiteSpace(to) || string.IsNullOrWhiteSpace(from) ? f : Date(to, "to", v);
        if (!v.IsValid) return v.ToError();
        if (t < f) return Error.Invalid("to", "analytics.invalid_range", "to is before from (both dates are inclusive).");
        if (t.DayNumber - f.DayNumber + 1 > MaxDays)
            return Error.Invalid("to", "analytics.invalid_range", $"A report covers at most {MaxDays} days.");
        return new ReportRange(f, t);
    }

    private static DateOnly Date(string? text, string field, Validator v)
    {
        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        v.Add(field, "analytics.invalid_date", $"{field} must be a date as YYYY-MM-DD, local to the store.");
        return default;
    }

    /// <summary>Reads a time grouping (<c>hour</c>, <c>day</c>, <c>week</c>, <c>month</c>); null when it is not one.</summary>
    public static TimeGrouping? TimeGroupingOf(string? groupBy) => groupBy?.Trim().ToLowerInvariant() switch
    {
        "hour" => TimeGrouping.Hour,
        "day" => TimeGrouping.Day,
        "week" => TimeGrouping.Week,
        "month" => TimeGrouping.Month,
        _ => null,
    };

    /// <summary>The error for an hour grouping over too long a range, or null.</summary>
    public Error? TooLongForHours(TimeGrouping grouping) => grouping == TimeGrouping.Hour && Days > MaxHourDays
        ? Error.Invalid("groupBy", "analytics.range_too_long", $"Grouping by hour covers at most {MaxHourDays} days; group by day instead.")
        : null;
}
