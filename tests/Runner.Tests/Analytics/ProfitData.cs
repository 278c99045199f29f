using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Runner.Kernel.Outbox;
using Runner.Tests.Checkout;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Analytics;

/// <summary>
/// The engine with a clock the test sets and the outbox delivered by hand, so that each order, refund and fulfilment
/// lands at a chosen instant and the ledger has booked everything once <see cref="SettleAsync"/> returns.
/// </summary>
public abstract class LedgerApp : RunnerApp
{
    public FakeTimeProvider Time { get; }

    protected LedgerApp(DateTimeOffset start) => Time = new FakeTimeProvider(start);

    protected override FakeTimeProvider? Clock => Time;
    protected override bool BackgroundWork => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Runner:Payments:Sweeper:Enabled", "false");
        builder.UseSetting("Runner:Payments:Reconciler:Enabled", "false");
    }

    /// <summary>Delivers every outbox message that is due now.</summary>
    public async Task SettleAsync()
    {
        var dispatcher = Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.RunOnceAsync(CancellationToken.None) > 0) { }
    }

    public void At(string instant) => Time.SetUtcNow(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>Store set-up and checkouts for the ledger's tests, all through the HTTP API.</summary>
internal static class ProfitData
{
    /// <summary>
    /// A store in <paramref name="timeZone"/> selling in USD and EUR (0.9 EUR per USD), capturing on placement (fees
    /// 2.9% + 30 minor units), with a 10% standard tax and a flat 5.00 USD shipping rate estimated to cost 3.50 in Iceland.
    /// </summary>
    public static async Task ConfigureAsync(RunnerApp app, string timeZone)
    {
        var admin = app.Admin();
        await (await admin.PatchJson("/admin/store", new { timeZone, enabledCurrencies = new[] { "USD", "EUR" }, exchangeRates = new Dictionary<string, decimal> { ["EUR"] = 0.9m } })).Json();
        await CheckoutData.LiftVelocityAsync(app, "automatic");
        await (await admin.PostJson("/admin/settings/taxes/zones",
            new { country = "IS", rates = new[] { new { category = "standard", name = "VSK", percentage = 10 } } })).Json(HttpStatusCode.Created);
        await (await admin.PostJson("/admin/settings/shipping-zones", new
        {
            name = "Iceland", areas = new[] { new { country = "IS" } },
            rates = new[] { new { name = "Post", kind = "flat", price = new { amount = 500, currency = "USD" }, estimatedCost = new { amount = 350, currency = "USD" } } },
        })).Json(HttpStatusCode.Created);
    }

    /// <summary>A product (one variant at <paramref name="price"/> USD cents, costing <paramref name="cost"/>) with stock; (product, variant, location).</summary>
    public static async Task<(string Product, string Variant, string Location)> ProductAsync(RunnerApp app, long price, long cost)
    {
        var product = await CartData.ProductAsync(app.Admin(), price, cost: cost);
        var variant = product.GetProperty("variants")[0].Str("id");
        var location = await CartData.StockAsync(app.Admin(), variant, 100);
        return (product.Str("id"), variant, location);
    }

    /// <summary>Checks out a cart of the variant to Iceland with the flat rate, paid by test card; the order.</summary>
    public static async Task<JsonElement> BuyAsync(RunnerApp app, string variant, long quantity, string currency = "USD", object? attribution = null)
    {
        var store = app.Store();
        var cart = (await CartData.CartAsync(store, currency, CartData.Unique("buyer") + "@example.com", attribution)).Str("id");
        await (await CartData.AddAsync(store, cart, variant, quantity)).Json();
        await (await store.PatchJson($"/store/carts/{cart}", new { shippingAddress = CartData.Address("IS", null, "101") })).Json();
        var rate = (await (await store.GetAsync($"/store/carts/{cart}/shipping-rates")).Json()).GetProperty("items").EnumerateArray()
            .First(r => r.Str("name") == "Post").Str("id");
        await (await store.PostJson($"/store/carts/{cart}/shipping-rate", new { rateId = rate })).Json();
        return await (await CheckoutData.PayAsync(app, cart)).Json(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> ProfitAsync(RunnerApp app, string from, string to, string groupBy = "day") =>
        await (await app.Admin().GetAsync($"/admin/analytics/profit?from={from}&to={to}&groupBy={groupBy}")).Json();

    public static long Amount(this JsonElement report, string field) => report.GetProperty(field).Long("amount");
}
