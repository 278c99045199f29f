using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Runner.Analytics.Events;
using Runner.Tests.Identity;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Analytics;

/// <summary><c>POST /store/events</c>: batches kept whole or refused whole, crawlers dropped, nothing else written.</summary>
public class EventIngestionTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private const string Browser = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1";

    private static object Event(string type, string visitor, object? extra = null)
    {
        var fields = new Dictionary<string, object?>
        {
            ["type"] = type, ["visitorId"] = visitor, ["sessionId"] = visitor + "-s1", ["occurredAt"] = DateTimeOffset.UtcNow.AddSeconds(-5),
            ["url"] = "https://shop.example/products/mug", ["referrer"] = "https://search.example/?q=mug", ["utmSource"] = "Newsletter",
            ["utmMedium"] = "email", ["utmCampaign"] = "spring",
        };
        foreach (var p in extra?.GetType().GetProperties() ?? []) fields[p.Name] = p.GetValue(extra);
        return fields;
    }

    private async Task<HttpResponseMessage> SendAsync(object body, string userAgent = Browser)
    {
        var client = app.Store();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return await client.PostJson("/store/events", body);
    }

    private Task<List<StoreEvent>> EventsOfAsync(string visitor) =>
        app.WithDbAsync(db => db.Set<StoreEvent>().Where(e => e.VisitorId == visitor).OrderBy(e => e.Id).ToListAsync());

    private static string Visitor() => "v" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task ABatch_IsKeptWhole_WithItsChannelDeviceAndSource()
    {
        var visitor = Visitor();
        var product = Guid.NewGuid();
        var answer = await (await SendAsync(new
        {
            events = new[]
            {
                Event("page_view", visitor), Event("product_view", visitor, new { productId = product }),
                Event("search", visitor, new { query = " blue mug " }), Event("add_to_cart", visitor, new { variantId = Guid.NewGuid(), quantity = 2 }),
                Event("checkout_started", visitor), Event("checkout_step", visitor, new { step = "shipping" }), Event("purchase", visitor, new { device = "desktop" }),
            },
        })).Json(HttpStatusCode.Accepted);
        Assert.Equal(7, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(0, answer.GetProperty("filtered").GetInt32());

        var rows = await EventsOfAsync(visitor);
        Assert.Equal(["page_view", "product_view", "search", "add_to_cart", "checkout_started", "checkout_step", "purchase"], rows.Select(r => r.Type));
        Assert.All(rows[..6], r => Assert.Equal("mobile", r.Device));
        Assert.Equal("desktop", rows[6].Device);
        Assert.Equal(product, rows[1].ProductId);
        Assert.Equal("blue mug", rows[2].Query);
        Assert.Equal("newsletter", rows[0].UtmSource);
        var channel = await app.WithDbAsync(db => db.Database.SqlQueryRaw<Guid>("SELECT id AS \"Value\" FROM store_channels WHERE is_default").SingleAsync());
        Assert.All(rows, r => Assert.Equal(channel, r.ChannelId));
        Assert.All(rows, r => Assert.Null(r.CustomerId));
    }

    [Fact]
    public async Task ASignedInCustomer_IsNamedOnTheirEvents()
    {
        var tokens = await AccountData.NewAccountAsync(app, AccountData.Email("events"));
        var client = AccountData.As(app, tokens.Str("accessToken"));
        client.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);
        var visitor = Visitor();
        await (await client.PostJson("/store/events", new { events = new[] { Event("page_view", visitor) } })).Json(HttpStatusCode.Accepted);
        Assert.NotNull(Assert.Single(await EventsOfAsync(visitor)).CustomerId);
    }

    [Fact]
    public async Task OneMalformedEvent_RefusesTheBatch_NamingEveryField()
    {
        var visitor = Visitor();
        var problem = await (await SendAsync(new
        {
            events = new[]
            {
                Event("page_view", visitor), Event("teleport", visitor), Event("product_view", visitor),
                Event("page_view", "bad id!", new { url = "javascript:alert(1)", occurredAt = DateTimeOffset.UtcNow.AddDays(-30) }),
            },
        })).Problem(HttpStatusCode.BadRequest, "validation.failed");
        foreach (var field in new[] { "events[1].type", "events[2].productId", "events[3].visitorId", "events[3].url", "events[3].occurredAt" })
            problem.HasFieldError(field);
        Assert.Empty(await EventsOfAsync(visitor));
    }

    [Fact]
    public async Task OversizedOrMalformedBatches_AreRefused()
    {
        var visitor = Visitor();
        var many = Enumerable.Range(0, 101).Select(_ => Event("page_view", visitor)).ToArray();
        await (await SendAsync(new { events = many })).Problem(HttpStatusCode.RequestEntityTooLarge, "analytics.batch_too_large");
        var huge = new StringBuilder("{\"events\":[");
        for (var i = 0; i < 60; i++) huge.Append(i == 0 ? "" : ",").Append("{\"type\":\"page_view\",\"url\":\"https://shop.example/").Append('x', 5000).Append("\"}");
        await (await app.Store().SendRaw(HttpMethod.Post, "/store/events", huge.Append("]}").ToString()))
            .Problem(HttpStatusCode.RequestEntityTooLarge, "analytics.batch_too_large");
        await (await app.Store().SendRaw(HttpMethod.Post, "/store/events", "{\"events\": [ {\"type\": ")).Problem(HttpStatusCode.BadRequest, "analytics.malformed_batch");
        await (await SendAsync(new { events = Array.Empty<object>() })).Problem(HttpStatusCode.BadRequest, "validation.required");
        await (await app.Store(key: null).PostJson("/store/events", new { events = new[] { Event("page_view", visitor) } }))
            .Problem(HttpStatusCode.Unauthorized, "auth.missing_publishable_key");
        Assert.Empty(await EventsOfAsync(visitor));
    }

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)")]
    [InlineData("python-requests/2.32.3")]
    [InlineData("curl/8.5.0")]
    public async Task Crawlers_AreAnsweredAndDropped(string userAgent)
    {
        var visitor = Visitor();
        var answer = await (await SendAsync(new { events = new[] { Event("page_view", visitor), Event("search", visitor, new { query = "x" }) } }, userAgent))
            .Json(HttpStatusCode.Accepted);
        Assert.Equal(0, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(2, answer.GetProperty("filtered").GetInt32());
        Assert.Empty(await EventsOfAsync(visitor));
    }

    [Fact]
    public async Task RawEvents_OlderThanTheRetention_AreDeleted()
    {
        var visitor = Visitor();
        await (await SendAsync(new { events = new[] { Event("page_view", visitor) } })).Json(HttpStatusCode.Accepted);
        await app.WithDbAsync(db => db.Set<StoreEvent>().Where(e => e.VisitorId == visitor)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.OccurredAt, DateTimeOffset.UtcNow.AddDays(-91))));
        var retention = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<EventRetention>().Single();
        Assert.True(await retention.PassAsync(CancellationToken.None) >= 1);
        Assert.Empty(await EventsOfAsync(visitor));
    }
}
