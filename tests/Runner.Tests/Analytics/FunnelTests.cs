using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Analytics.Events;
using Runner.Analytics.Funnels;
using Runner.Tests.Checkout;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Analytics.FunnelData;

namespace Runner.Tests.Analytics;

/// <summary>
/// <c>GET /admin/analytics/funnel</c> over storefront events and placed orders, counted through the outbox. Each test
/// sends its traffic under a UTM source of its own and reads that source's row, or reads the change it made to shared rows.
/// </summary>
public class FunnelTests(CheckoutApp app) : IClassFixture<CheckoutApp>
{
    private const string ByChannel = "?groupBy=channel";

    private Task<JsonElement> ChannelRowAsync(string source, Func<JsonElement, bool> done) =>
        EventuallyAsync(app, ByChannel, r => Row(r, source + " / cpc") is { } row && done(row));

    [Fact]
    public async Task Steps_AreCountedOncePerSession_WithConversionsWorkedOutByHand()
    {
        var source = Unique("t");
        var (a, b, c, d) = (Unique("a"), Unique("b"), Unique("c"), Unique("d"));
        var (mug, cup) = (Guid.NewGuid(), Guid.NewGuid());
        // a: views the mug twice and the cup, adds 2 mugs, checks out and buys; b: views and adds the mug, starts checkout
        // and leaves; c: views the cup; d: lands and leaves. a's second batch repeats steps it had already reached.
        await SendAsync(app,
        [
            Tagged("page_view", a, source), Tagged("product_view", a, source, new { productId = mug }), Tagged("product_view", b, source, new { productId = mug }),
            Tagged("add_to_cart", b, source, new { productId = mug, variantId = Guid.NewGuid(), quantity = 1 }), Tagged("checkout_started", b, source),
            Tagged("page_view", c, source), Tagged("product_view", c, source, new { productId = cup }), Tagged("page_view", d, source),
        ]);
        await SendAsync(app,
        [
            Tagged("product_view", a, source, new { productId = mug }), Tagged("product_view", a, source, new { productId = cup }),
            Tagged("add_to_cart", a, source, new { productId = mug, variantId = Guid.NewGuid(), quantity = 2 }), Tagged("checkout_started", a, source),
            Tagged("checkout_step", a, source, new { step = "shipping" }), Tagged("purchase", a, source), Tagged("purchase", a, source),
        ]);

        var report = await ChannelRowAsync(source, row => row.Long("purchases") == 1 && row.Long("productViews") == 3);
        var row = Row(report, source + " / cpc")!.Value;
        Assert.Equal((4, 3, 2, 2, 1, 1), Counts(row));
        Assert.Equal((0.75m, 0.6667m, 1m, 0.5m, 0.25m), Conversion(row));

        var products = await EventuallyAsync(app, "?groupBy=product", r => Row(r, mug.ToString()) is { } m && m.Long("productViews") == 3);
        var mugRow = Row(products, mug.ToString())!.Value;
        Assert.Equal((null, 3, 3, null, 0, null), Counts(mugRow)); // a browser's purchase counts no units: only orders do
        Assert.Equal((null, 1m, null, 0m, 0m), Conversion(mugRow));
        Assert.Equal(2, Row(products, cup.ToString())!.Value.Long("productViews"));
        Assert.Contains(products.GetProperty("topProducts").GetProperty("byViews").EnumerateArray(),
            p => p.Str("productId") == mug.ToString() && p.Long("count") == 3);
    }

    [Fact]
    public async Task AStepReachedWithoutTheEarlierOnes_StillCounts()
    {
        var source = Unique("t");
        var (buyer, carter) = (Unique("p"), Unique("c"));
        await SendAsync(app, [Tagged("purchase", buyer, source), Tagged("checkout_started", carter, source)]);

        var report = await ChannelRowAsync(source, row => row.Long("purchases") == 1 && row.Long("checkoutsStarted") == 1);
        var row = Row(report, source + " / cpc")!.Value;
        Assert.Equal((2, 0, 0, 1, 1, 1), Counts(row));
        Assert.Equal((0m, 0m, 0m, 1m, 0.5m), Conversion(row));
    }

    [Fact]
    public async Task Channels_ComeFromUtmThenReferrerThenDirect_AndDevicesFromTheBrowser()
    {
        var before = await ReportAsync(app, "?groupBy=device");
        var directBefore = Counts(Row(await ReportAsync(app, ByChannel), "direct")).Sessions ?? 0;
        var tag = Guid.NewGuid().ToString("N")[..10];
        var (mailed, referred, inside, tablet) = (Unique("m"), Unique("r"), Unique("i"), Unique("t"));

        // The session's first event names its source; a later event's campaign does not change it.
        await SendAsync(app,
        [
            Event("page_view", mailed, new { utmSource = "News-" + tag, utmMedium = "Email" }, DateTimeOffset.UtcNow.AddSeconds(-20)),
            Event("page_view", mailed, new { utmSource = "other-" + tag, utmMedium = "cpc" }),
        ], Phone);
        await SendAsync(app, [Event("page_view", referred, new { referrer = $"https://www.Ref-{tag}.example/post?id=1" })]);
        // A referrer on the store's own site is a click inside the store: the visit is direct.
        await SendAsync(app, [Event("page_view", inside, new { referrer = "https://shop.example/collections/all" })]);
        await SendAsync(app, [Event("page_view", tablet, new { device = "tablet", referrer = $"https://ref-{tag}.example/" })]);

        var channels = await EventuallyAsync(app, ByChannel, r => Counts(Row(r, $"ref-{tag}.example")).Sessions == 2
            && Counts(Row(r, $"news-{tag} / email")).Sessions == 1 && Counts(Row(r, "direct")).Sessions == directBefore + 1);
        Assert.Equal(1, Counts(Row(channels, $"news-{tag} / email")).Sessions);
        Assert.Null(Row(channels, $"other-{tag} / cpc"));
        Assert.Equal(2, Counts(Row(channels, $"ref-{tag}.example")).Sessions);
        Assert.Equal(directBefore + 1, Counts(Row(channels, "direct")).Sessions);

        var devices = await ReportAsync(app, "?groupBy=device");
        long Added(string device) => (Counts(Row(devices, device)).Sessions ?? 0) - (Counts(Row(before, device)).Sessions ?? 0);
        Assert.Equal((1, 2, 1), (Added("mobile"), Added("desktop"), Added("tablet")));
    }

    [Fact]
    public async Task APlacedOrder_IsItsSessionsPurchase_AndItsUnitsCountForItsProductAndCollection()
    {
        await CheckoutData.LiftVelocityAsync(app);
        var admin = app.Admin();
        var product = await CartData.ProductAsync(admin, price: 1500);
        var (productId, variant) = (product.Str("id"), product.GetProperty("variants")[0].Str("id"));
        await CartData.StockAsync(admin, variant, 10);
        var title = "Funnel picks " + Unique("");
        var collection = (await (await admin.PostJson("/admin/collections", new { title, productIds = new[] { productId } })).Json(HttpStatusCode.Created)).Str("id");
        var (source, session, browser) = (Unique("t"), Unique("s"), Unique("b"));

        // The cart event names the variant only: the funnel finds its product.
        await SendAsync(app,
        [
            Tagged("page_view", session, source), Tagged("collection_view", session, source, new { collectionId = collection }),
            Tagged("product_view", session, source, new { productId }), Tagged("add_to_cart", session, source, new { variantId = variant, quantity = 3 }),
            Tagged("checkout_started", session, source),
        ]);
        var store = app.Store();
        var cart = (await CartData.CartAsync(store, email: Unique("buyer") + "@example.com",
            attribution: new { visitorId = "v" + session, sessionId = session, utmSource = source, utmMedium = "cpc" })).Str("id");
        await (await CartData.AddAsync(store, cart, variant, 3)).Json();
        await (await store.PatchJson($"/store/carts/{cart}", new { shippingAddress = CartData.Address() })).Json();
        await (await store.PostJson($"/store/carts/{cart}/shipping-rate", new { rateId = "standard" })).Json();
        await (await CheckoutData.PayAsync(app, cart)).Json(HttpStatusCode.Created);
        // The tracking script reports the purchase too, and another visitor lands: neither counts a second purchase.
        await SendAsync(app, [Tagged("purchase", session, source), Tagged("page_view", browser, source)]);

        var report = await ChannelRowAsync(source, row => row.Long("purchases") == 1 && row.Long("sessions") == 2);
        Assert.Equal((2, 1, 1, 1, 1, 0), Counts(Row(report, source + " / cpc")));

        var products = await EventuallyAsync(app, "?groupBy=product", r => Row(r, productId) is { } p && p.Long("purchases") == 3);
        var row = Row(products, productId)!.Value;
        Assert.Equal((null, 1, 3, null, 3, null), Counts(row));
        Assert.Equal(product.Str("title"), row.Str("label"));
        Assert.Contains(products.GetProperty("topProducts").GetProperty("byPurchases").EnumerateArray(),
            p => p.Str("productId") == productId && p.Long("count") == 3 && p.Str("title") == product.Str("title"));

        var collections = await ReportAsync(app, "?groupBy=collection");
        var picks = Row(collections, collection)!.Value;
        Assert.Equal((null, 1, 3, null, 3, null), Counts(picks));
        Assert.Equal((title, 1), (picks.Str("label"), picks.Long("collectionViews")));
    }

    [Fact]
    public async Task AnOrderWithNoSession_IsASessionlessPurchase_InTheTotals()
    {
        await CheckoutData.LiftVelocityAsync(app);
        var product = await CartData.ProductAsync(app.Admin(), price: 900);
        var (productId, variant) = (product.Str("id"), product.GetProperty("variants")[0].Str("id"));
        await CartData.StockAsync(app.Admin(), variant, 5);
        var before = await ReportAsync(app, "?groupBy=device");

        var cart = await CheckoutData.ReadyCartAsync(app, variant, 2);
        await (await CheckoutData.PayAsync(app, cart.Str("id"))).Json(HttpStatusCode.Created);

        var after = await EventuallyAsync(app, "?groupBy=device", r => r.GetProperty("totals").Long("purchases") > before.GetProperty("totals").Long("purchases"));
        Assert.Equal(before.GetProperty("totals").Long("purchases") + 1, after.GetProperty("totals").Long("purchases"));
        Assert.Equal(before.GetProperty("totals").Long("sessions"), after.GetProperty("totals").Long("sessions"));
        Assert.Equal(Counts(Row(before, "unknown")).Purchases + 1, Counts(Row(after, "unknown")).Purchases);
        Assert.Equal(2, Row(await ReportAsync(app, "?groupBy=product"), productId)!.Value.Long("purchases"));
    }

    [Fact]
    public async Task Crawlers_AreNotCounted()
    {
        var (crawled, visited) = (Unique("t"), Unique("t"));
        var client = app.Store();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
        var dropped = await (await client.PostJson("/store/events", new { events = new[] { Tagged("page_view", Unique("g"), crawled) } })).Json(HttpStatusCode.Accepted);
        Assert.Equal(0, dropped.GetProperty("accepted").GetInt32());
        await SendAsync(app, [Tagged("page_view", Unique("h"), visited)]);

        var report = await ChannelRowAsync(visited, row => row.Long("sessions") == 1);
        Assert.NotNull(Row(report, visited + " / cpc"));
        Assert.Null(Row(report, crawled + " / cpc"));
    }

    [Fact]
    public async Task TheReport_ExportsAsCsv()
    {
        var source = Unique("t");
        await SendAsync(app, [Tagged("page_view", Unique("a"), source), Tagged("purchase", Unique("b"), source)]);
        await ChannelRowAsync(source, row => row.Long("sessions") == 2 && row.Long("purchases") == 1);

        var response = await app.Admin().GetAsync("/admin/analytics/funnel?groupBy=channel&format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal("key,label,sessions,productViews,addsToCart,checkoutsStarted,purchases,abandonedCheckouts,collectionViews,"
            + "productViewConversion,addToCartConversion,checkoutConversion,purchaseConversion,overallConversion", lines[0]);
        Assert.Contains($"{source} / cpc,,2,0,0,0,1,0,,0,0,0,0,0.5", lines);
    }

    [Theory]
    [InlineData("?groupBy=weekday", "analytics.invalid_group_by")]
    [InlineData("?from=2026-02-30&to=2026-03-01", "analytics.invalid_date")]
    [InlineData("?from=2026-03-02&to=2026-03-01", "analytics.invalid_range")]
    [InlineData("?from=2024-01-01&to=2026-06-30", "analytics.invalid_range")]
    [InlineData("?from=2026-01-01&to=2026-06-30&groupBy=hour", "analytics.range_too_long")]
    [InlineData("?format=xml", "analytics.invalid_format")]
    [InlineData("?group=day", "request.unknown_parameter")]
    public async Task BadParameters_AreRefusedWithStableCodes(string query, string code) =>
        await (await app.Admin().GetAsync("/admin/analytics/funnel" + query)).Problem(HttpStatusCode.BadRequest, code);

    [Fact]
    public async Task TheReport_NeedsAnalyticsAccess() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Admin(key: null).GetAsync("/admin/analytics/funnel")).StatusCode);

    [Fact]
    public async Task SessionFacts_OlderThanTheRetention_AreDeleted_TheCountersStay()
    {
        var (source, session) = (Unique("t"), Unique("s"));
        await SendAsync(app, [Tagged("page_view", session, source)]);
        await ChannelRowAsync(source, row => row.Long("sessions") == 1);
        await app.WithDbAsync(db => db.Set<FunnelSession>().Where(s => s.SessionId == session)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.FirstQuarter, x => x.FirstQuarter - 91 * 96)));

        var retention = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<EventRetention>().Single();
        Assert.True(await retention.PassAsync(CancellationToken.None) >= 1);
        Assert.False(await app.WithDbAsync(db => db.Set<FunnelSession>().AnyAsync(s => s.SessionId == session)));
        Assert.Equal(1, Row(await ReportAsync(app, ByChannel), source + " / cpc")!.Value.Long("sessions"));
    }
}
