using System.Net;
using System.Text.Json;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Analytics;

public sealed class CalendarLedgerApp() : LedgerApp(DateTimeOffset.Parse("2026-01-30T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

/// <summary>
/// The ledger's buckets cut into the store's local days across a daylight-saving change, re-cut when the store's time
/// zone changes, and read from months, days and quarter-hours for long ranges by product without losing a cent.
/// Orders of one mug (40.00, no discount) in New York (UTC−5 until 8 March 2026 at 02:00, UTC−4 after).
/// </summary>
public class ProfitCalendarTests(CalendarLedgerApp app) : IClassFixture<CalendarLedgerApp>
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _done;
    private static string _mug = "";

    /// <summary>UTC instants of the orders, and the local day each one falls on in New York.</summary>
    private static readonly (string Utc, string Local)[] Orders =
    [
        ("2026-01-31T04:30:00Z", "2026-01-30"), // 23:30 the day before, local
        ("2026-01-31T05:15:00Z", "2026-01-31"),
        ("2026-02-15T12:00:00Z", "2026-02-15"),
        ("2026-03-08T04:30:00Z", "2026-03-07"), // 23:30 EST
        ("2026-03-08T05:30:00Z", "2026-03-08"), // 00:30 EST, the day of the change
        ("2026-03-09T03:30:00Z", "2026-03-08"), // 23:30 EDT, still the 8th
        ("2026-03-09T04:30:00Z", "2026-03-09"), // 00:30 EDT
    ];

    private async Task PlayAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_done) return;
            await ProfitData.ConfigureAsync(app, "America/New_York");
            var mug = await ProfitData.ProductAsync(app, price: 4000, cost: 1500);
            _mug = mug.Product;
            foreach (var (utc, _) in Orders)
            {
                app.At(utc);
                await ProfitData.BuyAsync(app, mug.Variant, 1);
            }
            await app.SettleAsync();
            _done = true;
        }
        finally
        {
            Once.Release();
        }
    }

    private static Dictionary<string, long> OrdersByKey(JsonElement report) =>
        report.GetProperty("series").EnumerateArray().Where(s => s.Long("orders") != 0).ToDictionary(s => s.Str("key"), s => s.Long("orders"));

    [Fact]
    public async Task LocalDays_AcrossTheSpringChange()
    {
        await PlayAsync();
        await SetZoneAsync("America/New_York");
        var days = OrdersByKey(await ProfitData.ProfitAsync(app, "2026-03-06", "2026-03-10"));
        Assert.Equal(new Dictionary<string, long> { ["2026-03-07"] = 1, ["2026-03-08"] = 2, ["2026-03-09"] = 1 }, days);
        var hours = (await ProfitData.ProfitAsync(app, "2026-03-08", "2026-03-08", "hour")).GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(23, hours.Count);
        Assert.Equal(["2026-03-08T00:00-05:00", "2026-03-08T23:00-04:00"], hours.Where(h => h.Long("orders") != 0).Select(h => h.Str("key")));
    }

    [Fact]
    public async Task ChangingTheTimeZone_RecutsTheSameBuckets()
    {
        await PlayAsync();
        try
        {
            await SetZoneAsync("UTC");
            var utcDays = OrdersByKey(await ProfitData.ProfitAsync(app, "2026-03-06", "2026-03-10"));
            Assert.Equal(new Dictionary<string, long> { ["2026-03-08"] = 2, ["2026-03-09"] = 2 }, utcDays);
            await SetZoneAsync("Asia/Kolkata");
            var kolkata = OrdersByKey(await ProfitData.ProfitAsync(app, "2026-01-31", "2026-01-31"));
            Assert.Equal(new Dictionary<string, long> { ["2026-01-31"] = 2 }, kolkata);
        }
        finally
        {
            await SetZoneAsync("America/New_York");
        }
    }

    [Theory]
    [InlineData("2026-01-30", "2026-03-09", 7)]
    [InlineData("2026-01-31", "2026-03-08", 5)]
    [InlineData("2026-02-01", "2026-02-28", 1)]
    [InlineData("2026-01-01", "2026-12-31", 7)]
    public async Task ByProduct_LongRangesAddUpToTheTotal(string from, string to, long orders)
    {
        await PlayAsync();
        await SetZoneAsync("America/New_York");
        var report = await ProfitData.ProfitAsync(app, from, to, "product");
        Assert.Equal(orders, report.Long("orders"));
        Assert.Equal(orders * 4000, report.Amount("grossSales"));
        var mug = Assert.Single(report.GetProperty("series").EnumerateArray());
        Assert.Equal(_mug, mug.Str("key"));
        Assert.Equal(orders, mug.Long("units"));
        Assert.Equal(orders * 4000, mug.Amount("grossSales"));
        Assert.Equal(orders * 1500, mug.Amount("cogs"));
        var months = await ProfitData.ProfitAsync(app, from, to, "month");
        Assert.Equal(orders * 4000, months.GetProperty("series").EnumerateArray().Sum(m => m.Amount("grossSales")));
    }

    private async Task SetZoneAsync(string timeZone) =>
        await (await app.Admin().PatchJson("/admin/store", new { timeZone })).Json();
}
