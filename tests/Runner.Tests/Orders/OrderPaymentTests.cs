using System.Net;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Orders;

public class OrderPaymentTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task Capture_AboveTheAuthorization_Fails_AndCapturesNothing()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 5);
        var placed = await OrderData.PlaceAsync(app, stock, 1, 10000);

        var response = await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/capture", new { amount = new { amount = 10001, currency = "USD" } }));
        Assert.True(response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        var order = await OrderData.OrderAsync(admin, placed.Id);
        Assert.Equal(0, order.GetProperty("captured").Long("amount"));
        Assert.Equal("authorized", order.Str("paymentStatus"));
    }

    [Fact]
    public async Task Capture_InPart_ThenTheRest_MakesTheOrderPaid_WithOrderPaidEvents()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 5);
        var placed = await OrderData.PlaceAsync(app, stock, 1, 10000);

        var part = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/capture", new { amount = new { amount = 4000, currency = "USD" } }))).Json();
        Assert.Equal("partially_paid", part.Str("paymentStatus"));
        var all = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/capture", new { }))).Json();
        Assert.Equal("paid", all.Str("paymentStatus"));
        Assert.Equal(10000, all.GetProperty("captured").Long("amount"));
        Assert.Contains(all.GetProperty("timeline").EnumerateArray(), t => t.Str("kind") == "captured" && t.Str("actor").StartsWith("api_key:"));
    }

    [Fact]
    public async Task TwoPartialRefundsOf25From100_Succeed_AndARefundAboveTheRest_Fails()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 5);
        var placed = await OrderData.PlaceAsync(app, stock, 1, 10000);
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/capture", new { }))).Json();

        var refund = new { amount = new { amount = 2500, currency = "USD" }, reason = "damaged box" };
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/refunds", refund))).Json(HttpStatusCode.Created);
        var second = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/refunds", refund))).Json(HttpStatusCode.Created);
        Assert.Equal(5000, second.GetProperty("order").GetProperty("refunded").Long("amount"));
        Assert.Equal("partially_refunded", second.GetProperty("order").Str("paymentStatus"));

        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/refunds", new { amount = new { amount = 5001, currency = "USD" } })))
            .Problem(HttpStatusCode.UnprocessableEntity, "orders.refund_exceeds_captured");
        var order = await OrderData.OrderAsync(admin, placed.Id);
        Assert.Equal(5000, order.GetProperty("refunded").Long("amount"));
        Assert.Equal(2, order.GetProperty("refunds").GetArrayLength());
    }

    [Fact]
    public async Task ARefundWithRestock_ReturnsUnitsToTheChosenLocation()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 5);
        var shelf = await Runner.Tests.Inventory.InventoryData.LocationAsync(admin);
        var placed = await OrderData.PlaceAsync(app, stock, 3, 1000);
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/capture", new { }))).Json();
        Assert.Equal(2, await OrderData.AvailableAsync(admin, stock));
        var line = (await OrderData.OrderAsync(admin, placed.Id)).GetProperty("lines")[0].Str("id");

        var refunded = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/refunds", new
        {
            amount = new { amount = 2000, currency = "USD" },
            restock = new[] { new { lineId = line, quantity = 2, locationId = shelf } },
        }))).Json(HttpStatusCode.Created);

        Assert.Equal(2, await OrderData.AvailableAsync(admin, stock, shelf));
        Assert.Equal(2, await OrderData.AvailableAsync(admin, stock));
        Assert.Equal(2, refunded.GetProperty("refund").GetProperty("restocked")[0].Long("quantity"));
        var ledger = await Runner.Tests.Inventory.InventoryData.LedgerAsync(admin, stock.Variant, shelf);
        Assert.Contains(ledger, e => e.Str("reason") == "returned" && e.Long("delta") == 2);
        // The same units cannot go back twice.
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/refunds", new
        {
            amount = new { amount = 0, currency = "USD" },
            restock = new[] { new { lineId = line, quantity = 2, locationId = shelf } },
        }))).Problem(HttpStatusCode.BadRequest, "orders.quantity_exceeds");
    }

    [Fact]
    public async Task Cancelling_VoidsTheAuthorization_AndReleasesTheStock()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 5);
        var placed = await OrderData.PlaceAsync(app, stock, 4, 1000);
        Assert.Equal(1, await OrderData.AvailableAsync(admin, stock));

        var cancelled = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/cancel", new { reason = "customer changed mind" }))).Json();
        Assert.Equal("cancelled", cancelled.Str("status"));
        Assert.Equal("voided", cancelled.Str("paymentStatus"));
        Assert.Equal(5, await OrderData.AvailableAsync(admin, stock));
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/cancel", new { })))
            .Problem(HttpStatusCode.Conflict, "orders.cancelled");
        await (await admin.PostJson($"/admin/orders/{placed.Id}/fulfilments", new { locationId = stock.Location, lines = new[] { new { lineId = cancelled.GetProperty("lines")[0].Str("id"), quantity = 1 } } }))
            .Problem(HttpStatusCode.Conflict, "orders.cancelled");
    }

    [Fact]
    public async Task Cancelling_ACapturedOrder_RefundsTheCapture()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 5);
        var placed = await OrderData.PlaceAsync(app, stock, 1, 1500);
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/capture", new { }))).Json();
        var cancelled = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/cancel", new { }))).Json();
        Assert.Equal("refunded", cancelled.Str("paymentStatus"));
        Assert.Equal(1500, cancelled.GetProperty("refunded").Long("amount"));
        Assert.Equal(5, await OrderData.AvailableAsync(admin, stock));
    }

    [Fact]
    public async Task AnEditThatLowersTheTotal_RefundsTheDifference_AndPutsTheUnitsBack()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 10);
        var (placed, line) = await OrderData.CapturedAsync(app, stock, 3, 1000);

        var edited = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/edits",
            new { changes = new[] { new { lineId = line, quantity = 1 } }, reason = "out of one colour" }))).Json();
        Assert.Equal(1000, edited.GetProperty("total").Long("amount"));
        Assert.Equal(2000, edited.GetProperty("refunded").Long("amount"));
        Assert.Equal(0, edited.GetProperty("balanceDue").Long("amount"));
        Assert.Equal(0, edited.GetProperty("refundOwed").Long("amount"));
        Assert.Equal(1, edited.GetProperty("lines")[0].Long("quantity"));
        Assert.Equal(3, edited.GetProperty("lines")[0].Long("originalQuantity"));
        Assert.Equal(9, await OrderData.AvailableAsync(admin, stock));
        var edit = Assert.Single(edited.GetProperty("edits").EnumerateArray());
        Assert.Equal(2000, edit.GetProperty("refunded").Long("amount"));
    }

    [Fact]
    public async Task AnEditThatLowersTheTotal_RacingARefund_IsSavedAndAnswered200_AndNeverRefundsAboveWhatWasCaptured()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 100);
        for (var round = 0; round < 4; round++)
        {
            var (placed, line) = await OrderData.CapturedAsync(app, stock, 3, 1000);

            // The edit gives 2,000 back once saved; the refund takes 1,800 meanwhile: 3,000 captured leaves room for one.
            var edit = app.Admin().SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/edits",
                new { changes = new[] { new { lineId = line, quantity = 1 } }, reason = "race" }));
            var refund = app.Admin().SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/refunds",
                new { amount = new { amount = 1800, currency = "USD" } }));
            var (edited, refunded) = (await edit, await refund);

            // An edit that answered an error changed nothing; one that changed the order answered 200.
            var order = await OrderData.OrderAsync(admin, placed.Id);
            var quantity = order.GetProperty("lines")[0].Long("quantity");
            Assert.True(edited.StatusCode == HttpStatusCode.OK ? quantity == 1 : quantity == 3,
                $"edit answered {(int)edited.StatusCode} with the quantity at {quantity}: {await edited.Content.ReadAsStringAsync()}");
            Assert.True(order.GetProperty("refunded").Long("amount") <= 3000);
            if (edited.StatusCode != HttpStatusCode.OK) continue;
            // Whichever came first, the two give back 2,000 in all (the refund is refused when the edit gave back first),
            // or the timeline says what the edit could not give back.
            var left = order.GetProperty("timeline").EnumerateArray().Any(t => t.Str("message").Contains("could not be refunded"));
            Assert.True(left || order.GetProperty("refunded").Long("amount") == 2000,
                $"refunded {order.GetProperty("refunded").Long("amount")}, refund answered {(int)refunded.StatusCode}");
            // What the edit could not give back shows on the order as owed, until someone refunds it.
            var owed = order.GetProperty("refundOwed").Long("amount");
            Assert.Equal(order.GetProperty("captured").Long("amount") - order.GetProperty("refunded").Long("amount") - 1000, owed);
            Assert.True(left ? owed > 0 : owed == 0, $"owed {owed}, timeline notes a refusal: {left}");
        }
    }

    [Fact]
    public async Task ParallelRefunds_RestockingTheSameUnits_EachRefundOnce_AndPutTheUnitsBackOnce()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 50);
        for (var round = 0; round < 3; round++)
        {
            var (placed, line) = await OrderData.CapturedAsync(app, stock, 2, 1000);
            var location = stock.Location;
            var before = await OrderData.AvailableAsync(admin, stock);

            var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.Admin().SendAsync(OrderData.Pay(
                $"/admin/orders/{placed.Id}/refunds",
                new { amount = new { amount = 100, currency = "USD" }, restock = new[] { new { lineId = line, quantity = 2, locationId = location } } }))));

            // Whatever answered 201 gave its 100 back; whatever did not gave nothing; the two units went back once.
            var created = answers.Count(a => a.StatusCode == HttpStatusCode.Created);
            Assert.True(created >= 1);
            foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var after = await OrderData.OrderAsync(admin, placed.Id);
            Assert.Equal(100L * created, after.GetProperty("refunded").Long("amount"));
            Assert.Equal(created, after.GetProperty("refunds").GetArrayLength());
            Assert.Equal(2, after.GetProperty("lines")[0].Long("refundedQuantity"));
            Assert.Equal(before + 2, await OrderData.AvailableAsync(admin, stock));
            Assert.Equal(2, after.GetProperty("refunds").EnumerateArray()
                .Sum(f => f.GetProperty("restocked").EnumerateArray().Sum(x => x.Long("quantity"))));
        }
    }

    [Fact]
    public async Task AManualDiscount_NeedsAReason_AndAnEditAboveWhatWasPaid_LeavesABalanceDue()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 10);
        var placed = await OrderData.PlaceAsync(app, stock, 1, 1000);
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/capture", new { }))).Json();
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/edits",
            new { discount = new { amount = new { amount = 100, currency = "USD" }, reason = " " } })))
            .Problem(HttpStatusCode.BadRequest, "orders.discount_reason_required");

        var edited = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/edits", new
        {
            add = new[] { new { variantId = stock.Variant, quantity = 2, unitPrice = new { amount = 1000, currency = "USD" } } },
            discount = new { amount = new { amount = 500, currency = "USD" }, reason = "loyal customer" },
        }))).Json();
        Assert.Equal(2500, edited.GetProperty("total").Long("amount"));
        Assert.Equal(1500, edited.GetProperty("balanceDue").Long("amount"));
        Assert.Equal(7, await OrderData.AvailableAsync(admin, stock));
    }

    [Fact]
    public async Task MoneyMovingCalls_NeedAnIdempotencyKey_AndReplayTheFirstAnswer()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 5);
        var placed = await OrderData.PlaceAsync(app, stock, 1, 10000);
        await (await admin.PostJson($"/admin/orders/{placed.Id}/capture", new { }))
            .Problem(HttpStatusCode.BadRequest, "idempotency.key_missing");
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/capture", new { }))).Json();

        var key = Guid.NewGuid().ToString();
        var body = new { amount = new { amount = 1000, currency = "USD" } };
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/refunds", body, key))));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Single((await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()))).Distinct());
        Assert.Equal(1000, (await OrderData.OrderAsync(admin, placed.Id)).GetProperty("refunded").Long("amount"));
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/refunds", new { amount = new { amount = 999, currency = "USD" } }, key)))
            .Problem(HttpStatusCode.UnprocessableEntity, "idempotency.key_reused");
    }
}
