using System.Net;
using System.Text.Json;
using Runner.Tests.Checkout;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Orders;

/// <summary>
/// Order edits that price and tax what they add, and the balance due they leave: paid at once with a token, or
/// collected later through <c>/payments</c>; then capture, refund and cancel across the order's payments.
/// </summary>
public class OrderEditPaymentTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task AnAddedLine_IsPricedFromTheCatalog_AndTaxedOnTop_InATaxExclusiveOrder()
    {
        var admin = app.Admin();
        await ZoneAsync(admin, "DE", 19m);
        var stock = await OrderData.StockAsync(admin, 5);
        var placed = await OrderData.PlaceAsync(app, stock, 1, 1000, country: "DE");
        var added = (await CartData.ProductAsync(admin, price: 1999, requiresShipping: false)).GetProperty("variants")[0].Str("id");
        await CartData.StockAsync(admin, added, 10);

        var edited = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/edits",
            new { add = new[] { new { variantId = added, quantity = 3 } } }))).Json();

        var line = edited.GetProperty("lines").EnumerateArray().Single(l => l.Str("variantId") == added);
        Assert.Equal(1999, line.GetProperty("unitPrice").Long("amount"));
        Assert.Equal(5997, line.GetProperty("total").Long("amount"));
        // 5997 × 19% = 1139.43 → 1139, added on top of the price.
        var tax = Assert.Single(line.GetProperty("taxLines").EnumerateArray());
        Assert.Equal((1139, 19m), (tax.GetProperty("amount").Long("amount"), tax.GetProperty("rate").GetDecimal()));
        Assert.False(line.GetProperty("requiresShipping").GetBoolean());
        Assert.Equal(6997, edited.GetProperty("subtotal").Long("amount"));
        Assert.Equal(1139, edited.GetProperty("taxTotal").Long("amount"));
        Assert.Equal(8136, edited.GetProperty("total").Long("amount"));
        Assert.Equal(7136, edited.GetProperty("balanceDue").Long("amount"));
    }

    [Fact]
    public async Task AnAddedLine_InATaxInclusiveOrder_ContainsItsTax_AndLeavesTheTotalAtThePrice()
    {
        var admin = app.Admin();
        await ZoneAsync(admin, "FR", 20m);
        var stock = await OrderData.StockAsync(admin, 5);
        var placed = await OrderData.PlaceAsync(app, stock, 1, 1000, country: "FR", pricesIncludeTax: true);
        var added = (await CartData.ProductAsync(admin, price: 1999)).GetProperty("variants")[0].Str("id");
        await CartData.StockAsync(admin, added, 10);

        var edited = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/edits",
            new { add = new[] { new { variantId = added, quantity = 2 } } }))).Json();

        var line = edited.GetProperty("lines").EnumerateArray().Single(l => l.Str("variantId") == added);
        // 3998 contains 3998 − round(3998 / 1.2) = 3998 − 3332 = 666 of tax.
        Assert.Equal(666, Assert.Single(line.GetProperty("taxLines").EnumerateArray()).GetProperty("amount").Long("amount"));
        Assert.True(line.GetProperty("requiresShipping").GetBoolean());
        Assert.Equal(666, edited.GetProperty("taxTotal").Long("amount"));
        Assert.Equal(4998, edited.GetProperty("total").Long("amount"));
    }

    [Fact]
    public async Task AddingAVariantSoldPastZero_NeedsNoStock_WhileADenyVariantWithoutStockIsRefused()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 5);
        var placed = await OrderData.PlaceAsync(app, stock, 1, 1000);
        var backorder = (await CartData.ProductAsync(admin, price: 700, policy: "continue")).GetProperty("variants")[0].Str("id");
        var scarce = (await CartData.ProductAsync(admin, price: 700)).GetProperty("variants")[0].Str("id");

        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/edits", new { add = new[] { new { variantId = scarce, quantity = 1 } } })))
            .Problem(HttpStatusCode.Conflict, "inventory.insufficient_stock");
        var edited = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/edits",
            new { add = new[] { new { variantId = backorder, quantity = 4 } } }))).Json();
        Assert.Equal(4, edited.GetProperty("lines").EnumerateArray().Single(l => l.Str("variantId") == backorder).Long("quantity"));
        Assert.Equal(3800, edited.GetProperty("total").Long("amount"));
    }

    [Fact]
    public async Task AnEditRaisingTheTotal_WithAToken_ChargesExactlyTheDifference_CapturedLikeTheFirstPayment()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 10);
        var placed = await OrderData.PlaceAsync(app, stock, 1, 1000);
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/capture", new { }))).Json();
        var token = await OrderData.TokenAsync(app.Store());

        var edited = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/edits",
            new { add = new[] { new { variantId = stock.Variant, quantity = 2 } }, paymentToken = token }))).Json();

        Assert.Equal(3000, edited.GetProperty("total").Long("amount"));
        Assert.Equal(0, edited.GetProperty("balanceDue").Long("amount"));
        var payments = edited.GetProperty("payments").EnumerateArray().ToList();
        Assert.Equal(2, payments.Count);
        Assert.Equal(placed.Order.PaymentId.ToString(), edited.Str("paymentId"));
        Assert.Equal(2000, payments[1].GetProperty("amount").Long("amount"));
        Assert.Equal(2000, payments[1].GetProperty("captured").Long("amount"));
        Assert.Equal("4242", payments[1].Str("last4"));
        Assert.Equal(("paid", 3000L), (edited.Str("paymentStatus"), edited.GetProperty("captured").Long("amount")));
        Assert.Equal(7, await OrderData.AvailableAsync(admin, stock));
    }

    [Fact]
    public async Task AnEditWithADeclinedToken_Answers402_AndChangesNeitherTheOrderNorTheStock()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 10);
        var placed = await OrderData.PlaceAsync(app, stock, 2, 1000);
        var before = await OrderData.OrderAsync(admin, placed.Id);
        var line = before.GetProperty("lines")[0].Str("id");
        var token = await OrderData.TokenAsync(app.Store(), "4000000000009995");

        var declined = await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/edits",
            new { changes = new[] { new { lineId = line, quantity = 5 } }, paymentToken = token }));

        var problem = await declined.Problem(HttpStatusCode.PaymentRequired, "payment.insufficient_funds");
        Assert.False(string.IsNullOrWhiteSpace(problem.Str("detail")));
        var after = await OrderData.OrderAsync(admin, placed.Id);
        foreach (var field in new[] { "total", "subtotal", "taxTotal", "balanceDue", "authorized" })
            Assert.Equal(before.GetProperty(field).Long("amount"), after.GetProperty(field).Long("amount"));
        Assert.Equal(2, after.GetProperty("lines")[0].Long("quantity"));
        Assert.Single(after.GetProperty("payments").EnumerateArray());
        Assert.Empty(after.GetProperty("edits").EnumerateArray());
        Assert.Contains(after.GetProperty("timeline").EnumerateArray(), t => t.Str("kind") == "edit_declined");
        Assert.Equal(8, await OrderData.AvailableAsync(admin, stock));
    }

    [Fact]
    public async Task ABalanceDue_IsCollectedLater_WithACard_OrManually_AndNoBalanceIs409()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 10);
        var byCard = await RaisedAsync(admin, stock, 500);
        var card = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{byCard}/payments",
            new { paymentToken = await OrderData.TokenAsync(app.Store()) }))).Json(HttpStatusCode.Created);
        Assert.Equal(0, card.GetProperty("balanceDue").Long("amount"));
        var added = card.GetProperty("payments")[1];
        Assert.Equal(("card", "authorized", 500L), (added.Str("method"), added.Str("state"), added.GetProperty("authorized").Long("amount")));
        Assert.Equal("authorized", card.Str("paymentStatus"));
        Assert.Contains(card.GetProperty("timeline").EnumerateArray(), t => t.Str("kind") == "payment" && t.Str("message").Contains("Balance collected"));
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{byCard}/payments", new { paymentToken = await OrderData.TokenAsync(app.Store()) })))
            .Problem(HttpStatusCode.Conflict, "orders.no_balance_due");

        var byHand = await RaisedAsync(admin, stock, 800);
        var manual = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{byHand}/payments", new { method = "manual" }))).Json(HttpStatusCode.Created);
        Assert.Equal(0, manual.GetProperty("balanceDue").Long("amount"));
        var paid = manual.GetProperty("payments")[1];
        Assert.Equal(("manual", "captured", 800L), (paid.Str("method"), paid.Str("state"), paid.GetProperty("captured").Long("amount")));

        var declined = await RaisedAsync(admin, stock, 300);
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{declined}/payments", new { paymentToken = await OrderData.TokenAsync(app.Store(), "4000000000000002") })))
            .Problem(HttpStatusCode.PaymentRequired, "payment.card_declined");
        var unchanged = await OrderData.OrderAsync(admin, new(Guid.Parse(declined)));
        Assert.Equal(300, unchanged.GetProperty("balanceDue").Long("amount"));
        Assert.Single(unchanged.GetProperty("payments").EnumerateArray());
    }

    [Fact]
    public async Task CaptureRefundAndCancel_WorkAcrossTwoPayments()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 10);
        var id = await RaisedAsync(admin, stock, 500);
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{id}/payments", new { paymentToken = await OrderData.TokenAsync(app.Store()) })))
            .Json(HttpStatusCode.Created);

        var captured = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{id}/capture", new { }))).Json();
        Assert.Equal(("paid", 1500L), (captured.Str("paymentStatus"), captured.GetProperty("captured").Long("amount")));
        Assert.All(captured.GetProperty("payments").EnumerateArray(), p => Assert.Equal("captured", p.Str("state")));

        var refund = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{id}/refunds", new { amount = new { amount = 1200, currency = "USD" } })))
            .Json(HttpStatusCode.Created);
        var parts = refund.GetProperty("refund").GetProperty("payments").EnumerateArray().Select(p => p.GetProperty("amount").Long("amount")).ToList();
        Assert.Equal([500L, 700L], parts);
        var payments = refund.GetProperty("order").GetProperty("payments").EnumerateArray().ToList();
        Assert.Equal((700L, 500L), (payments[0].GetProperty("refunded").Long("amount"), payments[1].GetProperty("refunded").Long("amount")));
        Assert.Equal("partially_refunded", refund.GetProperty("order").Str("paymentStatus"));

        var cancelled = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{id}/cancel", new { }))).Json();
        Assert.Equal(("refunded", 1500L), (cancelled.Str("paymentStatus"), cancelled.GetProperty("refunded").Long("amount")));
        Assert.Equal(10, await OrderData.AvailableAsync(admin, stock));
    }

    [Fact]
    public async Task Cancelling_VoidsEveryAuthorizedPayment()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 10);
        var id = await RaisedAsync(admin, stock, 500);
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{id}/payments", new { paymentToken = await OrderData.TokenAsync(app.Store()) })))
            .Json(HttpStatusCode.Created);

        var cancelled = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{id}/cancel", new { }))).Json();
        Assert.Equal("voided", cancelled.Str("paymentStatus"));
        Assert.All(cancelled.GetProperty("payments").EnumerateArray(), p => Assert.Equal("voided", p.Str("state")));
    }

    [Fact]
    public async Task RetriesOfOneCollection_AnswerTheSame_AndChargeOnce()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 10);
        var id = await RaisedAsync(admin, stock, 500);
        var body = new { paymentToken = await OrderData.TokenAsync(app.Store()) };
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => admin.SendAsync(OrderData.Pay($"/admin/orders/{id}/payments", body, key))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Single((await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()))).Distinct());
        Assert.Equal(2, (await OrderData.OrderAsync(admin, new(Guid.Parse(id)))).GetProperty("payments").GetArrayLength());
    }

    [Fact]
    public async Task TwoCollectionsAtOnce_WithDifferentKeys_ChargeOnce_AndTheOtherIs409()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 10);
        var id = await RaisedAsync(admin, stock, 500);
        var tokens = await Task.WhenAll(OrderData.TokenAsync(app.Store()), OrderData.TokenAsync(app.Store()));

        var answers = await Task.WhenAll(tokens.Select(t => admin.SendAsync(OrderData.Pay($"/admin/orders/{id}/payments", new { paymentToken = t }))));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var order = await OrderData.OrderAsync(admin, new(Guid.Parse(id)));
        Assert.Equal(2, order.GetProperty("payments").GetArrayLength());
        Assert.Equal(1500, order.GetProperty("authorized").Long("amount"));
    }

    /// <summary>An order of one unit at 10.00, authorized, then edited to owe <paramref name="due"/> more (a line at that price).</summary>
    private async Task<string> RaisedAsync(HttpClient admin, OrderData.Stocked stock, long due)
    {
        var placed = await OrderData.PlaceAsync(app, stock, 1, 1000);
        var edited = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/edits",
            new { add = new[] { new { variantId = stock.Variant, quantity = 1, unitPrice = new { amount = due, currency = "USD" } } } }))).Json();
        Assert.Equal(due, edited.GetProperty("balanceDue").Long("amount"));
        return placed.Id.ToString();
    }

    private static async Task ZoneAsync(HttpClient admin, string country, decimal percentage) =>
        await (await admin.PostJson("/admin/settings/taxes/zones",
            new { country, rates = new[] { new { category = "standard", name = "VAT", percentage } } })).Json(HttpStatusCode.Created);
}
