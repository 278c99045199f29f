using System.Net;
using System.Text.Json;
using Runner.Orders.Contracts;
using Runner.Tests.Infrastructure;
using Runner.Tests.Orders;

namespace Runner.Tests.Analytics;

public sealed class WorkedExampleApp() : LedgerApp(DateTimeOffset.Parse("2026-03-10T14:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

/// <summary>
/// A worked example of the profit report, every figure computed by hand below. The store is in New York (UTC−4 in
/// March after the 8th), sells in USD and EUR (0.9 EUR per USD), charges 10% tax and 5.00 USD shipping (estimated to
/// cost 3.50), and its gateway charges 2.9% + 0.30 on each capture.
/// <list type="number">
/// <item>Tue 10 Mar 10:00 local: order A, 2 × mug at 40.00 (cost 15.00) in USD: sales 80.00, tax 8.00, shipping 5.00,
/// total 93.00, fee 2.70 + 0.30 = 3.00.</item>
/// <item>10 Mar 11:00: A edited with a 10.00 discount; the 10.00 it overpaid goes back (no second booking).</item>
/// <item>Wed 11 Mar 23:30 local (12 Mar 03:30 UTC): order B, 1 × bowl at 20.00 (cost 8.00) in EUR: sales 18.00 EUR,
/// shipping 4.50, tax 1.80, total 24.30 EUR, fee 0.70 + 0.30 = 1.00 EUR. In USD at the order's rate: 20.00, 5.00, 2.00,
/// fee 1.11.</item>
/// <item>11 Mar 23:40 local: B ships with a 4.20 label, which replaces its 3.50 estimate.</item>
/// <item>Thu 12 Mar 01:00 local: 8.30 of A refunded, after the period: 7.00 of sales, 0.50 of shipping, 0.80 of tax.</item>
/// <item>Rent of 310.00 a month from 1 March: 10.00 a day over March's 31 days.</item>
/// </list>
/// 10–11 March: gross 100.00, discounts 10.00, net sales 90.00, shipping 10.00, taxes 10.00, cost of goods 38.00,
/// fees 4.11, shipping costs 7.70, expenses 20.00 → net profit 90.00 + 10.00 − 38.00 − 4.11 − 7.70 − 20.00 = 30.19.
/// </summary>
public class ProfitLedgerTests(WorkedExampleApp app) : IClassFixture<WorkedExampleApp>
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _done;
    private static string _mug = "", _bowl = "", _kitchen = "", _mugs = "";

    /// <summary>Plays the example once for the class (the clock only moves forward).</summary>
    private async Task PlayAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_done) return;
            await ProfitData.ConfigureAsync(app, "America/New_York");
            var mug = await ProfitData.ProductAsync(app, price: 4000, cost: 1500);
            var bowl = await ProfitData.ProductAsync(app, price: 2000, cost: 800);
            (_mug, _bowl) = (mug.Product, bowl.Product);
            var admin = app.Admin();
            _kitchen = (await (await admin.PostJson("/admin/collections", new { title = "Kitchen", productIds = new[] { _mug, _bowl } }))
                .Json(HttpStatusCode.Created)).Str("id");
            _mugs = (await (await admin.PostJson("/admin/collections", new { title = "Mugs", productIds = new[] { _mug } }))
                .Json(HttpStatusCode.Created)).Str("id");
            await (await admin.PostJson("/admin/expenses", new
            {
                date = "2026-03-01", category = "rent", amount = new { amount = 31_000, currency = "USD" }, recurrence = "monthly", note = "Workshop",
            })).Json(HttpStatusCode.Created);

            app.At("2026-03-10T14:00:00Z");
            var a = await ProfitData.BuyAsync(app, mug.Variant, 2, attribution: new { utmSource = "Newsletter", utmMedium = "email" });
            Assert.Equal(9300, a.GetProperty("total").Long("amount"));
            app.At("2026-03-10T15:00:00Z");
            await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{a.Str("id")}/edits",
                new { discount = new { amount = new { amount = 1000, currency = "USD" }, reason = "Loyal customer" } }))).Json();

            app.At("2026-03-12T03:30:00Z");
            var b = await ProfitData.BuyAsync(app, bowl.Variant, 1, currency: "EUR");
            Assert.Equal(2430, b.GetProperty("total").Long("amount"));
            app.At("2026-03-12T03:40:00Z");
            var line = (await OrderData.OrderAsync(admin, new OrderId(Guid.Parse(b.Str("id"))))).GetProperty("lines")[0].Str("id");
            await (await admin.PostJson($"/admin/orders/{b.Str("id")}/fulfilments", new
            {
                locationId = bowl.Location, lines = new[] { new { lineId = line, quantity = 1 } }, carrier = "Posturinn",
                trackingNumber = "RR123456789IS", labelCost = new { amount = 420, currency = "USD" },
            })).Json(HttpStatusCode.Created);

            app.At("2026-03-12T05:00:00Z");
            await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{a.Str("id")}/refunds",
                new { amount = new { amount = 830, currency = "USD" } }))).Json(HttpStatusCode.Created);
            await app.SettleAsync();
            _done = true;
        }
        finally
        {
            Once.Release();
        }
    }

    [Fact]
    public async Task ThePeriod_AddsUpToTheHandComputedNetProfit()
    {
        await PlayAsync();
        var r = await ProfitData.ProfitAsync(app, "2026-03-10", "2026-03-11");
        Assert.Equal("USD", r.Str("currency"));
        Assert.Equal("America/New_York", r.Str("timeZone"));
        Assert.Equal(10_000, r.Amount("grossSales"));
        Assert.Equal(1_000, r.Amount("discounts"));
        Assert.Equal(0, r.Amount("refunds"));
        Assert.Equal(9_000, r.Amount("netSales"));
        Assert.Equal(1_000, r.Amount("shipping"));
        Assert.Equal(1_000, r.Amount("taxes"));
        Assert.Equal(3_800, r.Amount("cogs"));
        Assert.Equal(411, r.Amount("paymentFees"));
        Assert.Equal(770, r.Amount("shippingCosts"));
        Assert.Equal(2_000, r.Amount("expenses"));
        Assert.Equal(2_000, r.GetProperty("expensesByCategory").GetProperty("rent").Long("amount"));
        Assert.Equal(3_019, r.Amount("netProfit"));
        Assert.Equal(0.3354m, r.GetProperty("margin").GetDecimal());
        Assert.Equal(2, r.Long("orders"));
        Assert.Equal(3, r.Long("units"));
    }

    [Fact]
    public async Task Days_AreCutInTheStoresTimeZone()
    {
        await PlayAsync();
        var series = (await ProfitData.ProfitAsync(app, "2026-03-10", "2026-03-12")).GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(["2026-03-10", "2026-03-11", "2026-03-12"], series.Select(s => s.Str("key")));
        // A on the 10th (less its discount); B on the 11th although it was the 12th in UTC; the refund on the 12th;
        // 10.00 of rent each day.
        Assert.Equal([7_000, 2_000, -700], series.Select(s => s.Amount("netSales")));
        Assert.Equal([2_850, 169, -1_750], series.Select(s => s.Amount("netProfit")));
        Assert.Equal([-50, -80], new[] { series[2].Amount("shipping"), series[2].Amount("taxes") });
    }

    [Fact]
    public async Task ARefundAfterThePeriod_IsBookedOnItsOwnDay()
    {
        await PlayAsync();
        var refundDay = await ProfitData.ProfitAsync(app, "2026-03-12", "2026-03-12");
        Assert.Equal(700, refundDay.Amount("refunds"));
        Assert.Equal(-1_750, refundDay.Amount("netProfit"));
        // The previous period of equal length is the day before, with order B.
        Assert.Equal("2026-03-11", refundDay.GetProperty("previous").Str("from"));
        Assert.Equal(169, refundDay.GetProperty("previous").Amount("netProfit"));
    }

    [Fact]
    public async Task Groups_ByProductCollectionChannelAndCohort()
    {
        await PlayAsync();
        var products = (await ProfitData.ProfitAsync(app, "2026-03-10", "2026-03-12", "product")).GetProperty("series").EnumerateArray()
            .ToDictionary(s => s.Str("key"));
        Assert.Equal([8_000, 1_000, 700, 3_000, 2], new[] { products[_mug].Amount("grossSales"), products[_mug].Amount("discounts"),
            products[_mug].Amount("refunds"), products[_mug].Amount("cogs"), products[_mug].Long("units") });
        Assert.StartsWith("Cart test", products[_mug].Str("label"));
        Assert.Equal([2_000, 800, 1], new[] { products[_bowl].Amount("grossSales"), products[_bowl].Amount("cogs"), products[_bowl].Long("orders") });

        // The mug is in two collections and counts in both; the bowl only in the kitchen.
        var collections = (await ProfitData.ProfitAsync(app, "2026-03-10", "2026-03-12", "collection")).GetProperty("series").EnumerateArray()
            .ToDictionary(s => s.Str("key"));
        Assert.Equal(10_000, collections[_kitchen].Amount("grossSales"));
        Assert.Equal("Kitchen", collections[_kitchen].Str("label"));
        Assert.Equal(2, collections[_kitchen].Long("orders"));
        Assert.Equal(8_000 - 1_000 - 700, collections[_mugs].Amount("netSales"));

        var channels = (await ProfitData.ProfitAsync(app, "2026-03-10", "2026-03-11", "channel")).GetProperty("series").EnumerateArray()
            .ToDictionary(s => s.Str("key"), s => s.Amount("netProfit"));
        Assert.Equal(new Dictionary<string, long> { ["newsletter / email"] = 3_850, ["direct"] = 1_169 }, channels);

        var cohorts = (await ProfitData.ProfitAsync(app, "2026-03-10", "2026-03-11", "cohort")).GetProperty("series").EnumerateArray().ToList();
        Assert.Equal("2026-03", Assert.Single(cohorts).Str("key"));
        Assert.Equal(2, cohorts[0].Long("orders"));
    }

    [Fact]
    public async Task Weeks_Months_AndHours_CoverTheSameMoney()
    {
        await PlayAsync();
        foreach (var groupBy in new[] { "hour", "week", "month" })
        {
            var r = await ProfitData.ProfitAsync(app, "2026-03-10", "2026-03-12", groupBy);
            Assert.Equal(1_269, r.Amount("netProfit"));
            Assert.Equal(1_269, r.GetProperty("series").EnumerateArray().Sum(s => s.Amount("netProfit")));
        }
        var hours = (await ProfitData.ProfitAsync(app, "2026-03-10", "2026-03-10", "hour")).GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(24, hours.Count);
        Assert.Equal("2026-03-10T10:00-04:00", hours.Single(h => h.Amount("grossSales") != 0).Str("key"));
    }

    [Fact]
    public async Task Csv_HasARowPerPeriod_TheTotalAndThePrevious()
    {
        await PlayAsync();
        var response = await app.Admin().GetAsync("/admin/analytics/profit?from=2026-03-10&to=2026-03-11&format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("key,label,gross_sales,discounts,refunds,net_sales", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("2026-03-10,2026-03-10,80.00,10.00,0.00,70.00,", lines[1]);
        Assert.StartsWith("total,2026-03-10 to 2026-03-11,100.00,10.00,0.00,90.00,10.00,10.00,38.00,4.11,7.70,20.00,30.19,0.3354,2,3,USD", lines[3]);
    }

    [Theory]
    [InlineData("from=2026-03-10&to=2026-03-01", "analytics.invalid_range")]
    [InlineData("from=10/03/2026&to=2026-03-11", "analytics.invalid_date")]
    [InlineData("from=2026-13-01", "analytics.invalid_date")]
    [InlineData("from=2026-03-10&to=2026-03-11&groupBy=color", "analytics.invalid_group_by")]
    [InlineData("from=2024-01-01&to=2026-03-11", "analytics.invalid_range")]
    [InlineData("from=2026-01-01&to=2026-06-30&groupBy=hour", "analytics.range_too_long")]
    [InlineData("from=2026-03-10&to=2026-03-11&format=xml", "analytics.invalid_format")]
    public async Task BadParameters_AreProblems(string query, string code)
    {
        var response = await app.Admin().GetAsync("/admin/analytics/profit?" + query);
        var problem = await response.Problem(HttpStatusCode.BadRequest, code);
        // A bad date is named once, under the parameter that carried it (a lone from stands for both days).
        if (code == "analytics.invalid_date") Assert.Equal(["from"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task TheReport_NeedsAnalyticsRead()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/admin/analytics/profit")).StatusCode);
    }
}
