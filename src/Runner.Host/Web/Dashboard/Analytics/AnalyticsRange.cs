using Runner.Store.Contracts;

namespace Runner.Host.Web.Dashboard.Analytics;

/// <summary>The groupings the reports take, and the store's own calendar for a default range.</summary>
public static class AnalyticsRange
{
    public static readonly IReadOnlyList<(string Value, string Label)> ProfitGroupings =
    [
        ("day", "Day"), ("week", "Week (from Monday)"), ("month", "Month"), ("hour", "Hour"), ("product", "Product"),
        ("collection", "Collection"), ("channel", "Traffic source"), ("cohort", "Customer cohort (month of first order)"),
    ];

    public static readonly IReadOnlyList<(string Value, string Label)> FunnelGroupings =
    [
        ("day", "Day"), ("week", "Week (from Monday)"), ("month", "Month"), ("hour", "Hour"), ("channel", "Traffic source"),
        ("device", "Device"), ("product", "Product"), ("collection", "Collection"),
    ];

    /// <summary>What a grouping's rows are called in a table's first column (Day, Product, Source…).</summary>
    public static string RowName(string groupBy) => groupBy switch
    {
        "channel" => "Source",
        "" => "Group",
        _ => char.ToUpperInvariant(groupBy[0]) + groupBy[1..],
    };

    /// <summary>The last <paramref name="days"/> days up to today in the store's time zone, as YYYY-MM-DD.</summary>
    public static async Task<(string From, string To)> LastDaysAsync(IStoreQueries store, int days)
    {
        var today = await TodayAsync(store);
        return (Iso(today.AddDays(1 - days)), Iso(today));
    }

    /// <summary>Today in the store's time zone.</summary>
    public static async Task<DateOnly> TodayAsync(IStoreQueries store)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById((await store.GetSettingsAsync()).TimeZone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
    }

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
