using System.Net;
using System.Text.Json;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Analytics;

/// <summary>Storefront events for funnel tests, and the funnel report read until the outbox has counted them.</summary>
internal static class FunnelData
{
    public const string Desktop = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15";
    public const string Phone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1";

    /// <summary>A name no other test uses (a session id, a UTM source), so a report row holds only this test's traffic.</summary>
    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    /// <summary>An event of <paramref name="session"/> five seconds ago (or at <paramref name="at"/>), with <paramref name="extra"/> fields.</summary>
    public static Dictionary<string, object?> Event(string type, string session, object? extra = null, DateTimeOffset? at = null)
    {
        var fields = new Dictionary<string, object?>
        {
            ["type"] = type, ["visitorId"] = "v" + session, ["sessionId"] = session, ["occurredAt"] = at ?? DateTimeOffset.UtcNow.AddSeconds(-5),
            ["url"] = "https://shop.example/products/mug",
        };
        foreach (var p in extra?.GetType().GetProperties() ?? []) fields[p.Name] = p.GetValue(extra);
        return fields;
    }

    /// <summary>An event of <paramref name="session"/> landed from a campaign: UTM source <paramref name="source"/>, medium <c>cpc</c>.</summary>
    public static Dictionary<string, object?> Tagged(string type, string session, string source, object? extra = null)
    {
        var e = Event(type, session, extra);
        e["utmSource"] = source;
        e["utmMedium"] = "cpc";
        return e;
    }

    public static async Task<int> SendAsync(RunnerApp app, IEnumerable<object> events, string userAgent = Desktop)
    {
        var client = app.Store();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return (await (await client.PostJson("/store/events", new { events = events.ToArray() })).Json(HttpStatusCode.Accepted)).GetProperty("accepted").GetInt32();
    }

    public static async Task<JsonElement> ReportAsync(RunnerApp app, string query = "") =>
        await (await app.Admin().GetAsync("/admin/analytics/funnel" + query)).Json();

    /// <summary>Reads the report until <paramref name="done"/> holds (the outbox counts in the background), or for 30 seconds.</summary>
    public static async Task<JsonElement> EventuallyAsync(RunnerApp app, string query, Func<JsonElement, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var report = await ReportAsync(app, query);
            if (done(report) || DateTime.UtcNow > until) return report;
            await Task.Delay(100);
        }
    }

    /// <summary>The series row with this key, or null.</summary>
    public static JsonElement? Row(JsonElement report, string key)
    {
        foreach (var row in report.GetProperty("series").EnumerateArray())
            if (row.GetProperty("key").GetString() == key) return row;
        return null;
    }

    /// <summary>The counts of a row or totals: sessions, product views, adds to cart, checkouts, purchases, abandoned checkouts.</summary>
    public static (long? Sessions, long Views, long Adds, long? Checkouts, long Purchases, long? Abandoned) Counts(JsonElement? row)
    {
        if (row is not { } r) return (0, 0, 0, 0, 0, 0);
        long? Maybe(string name) => r.GetProperty(name).ValueKind == JsonValueKind.Null ? null : r.GetProperty(name).GetInt64();
        return (Maybe("sessions"), r.Long("productViews"), r.Long("addsToCart"), Maybe("checkoutsStarted"), r.Long("purchases"), Maybe("abandonedCheckouts"));
    }

    /// <summary>The conversions of a row: product view, add to cart, checkout, purchase, overall (null where not counted).</summary>
    public static (decimal? ProductView, decimal? AddToCart, decimal? Checkout, decimal? Purchase, decimal? Overall) Conversion(JsonElement row)
    {
        var c = row.GetProperty("conversion");
        decimal? Maybe(string name) => c.GetProperty(name).ValueKind == JsonValueKind.Null ? null : c.GetProperty(name).GetDecimal();
        return (Maybe("productView"), Maybe("addToCart"), Maybe("checkout"), Maybe("purchase"), Maybe("overall"));
    }
}
