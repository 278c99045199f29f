using System.Net;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Analytics;

/// <summary>
/// End to end, with the outbox running as it does in production: a checkout's <c>order.placed</c> reaches the profit
/// ledger, which announces it on the live stream with what it moved; a refund and an expense follow.
/// </summary>
public class LiveOrderTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task AnOrderARefundAndAnExpense_ReachTheStream()
    {
        await ProfitData.ConfigureAsync(app, "UTC");
        var mug = await ProfitData.ProductAsync(app, price: 2500, cost: 1000);
        await using var stream = await SseStream.OpenAsync(app.Admin());
        await stream.ExpectAsync("ready");

        var order = await ProfitData.BuyAsync(app, mug.Variant, 2);
        var placed = await NextOfAsync(stream, "order.placed");
        Assert.Equal(order.Str("id"), placed.Json.Str("orderId"));
        Assert.Equal(order.Str("name"), placed.Json.Str("name"));
        Assert.Equal(5000, placed.Json.Long("netSales"));
        Assert.Equal(1, placed.Json.Long("orders"));

        await (await app.Admin().SendAsync(Orders.OrderData.Pay($"/admin/orders/{order.Str("id")}/refunds",
            new { amount = new { amount = 1000, currency = "USD" } }))).Json(HttpStatusCode.Created);
        var refunded = await NextOfAsync(stream, "order.refunded");
        Assert.Equal(order.Str("id"), refunded.Json.Str("orderId"));
        Assert.True(refunded.Json.Long("netSales") < 0);

        await (await app.Admin().PostJson("/admin/expenses", new { date = "2026-11-01", category = "apps", amount = new { amount = 2900, currency = "USD" } }))
            .Json(HttpStatusCode.Created);
        await NextOfAsync(stream, "expense.created");
    }

    /// <summary>The next event of this kind (a fee, for one, may come between).</summary>
    private static async Task<SseEvent> NextOfAsync(SseStream stream, string kind)
    {
        while (true)
        {
            var next = await stream.NextAsync() ?? throw new EndOfStreamException($"The stream ended before '{kind}'.");
            if (next.Event == kind) return next;
        }
    }
}
