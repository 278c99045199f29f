using System.Net;
using Runner.Payments.Contracts;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Orders;

/// <summary>An order placed to be paid by hand (bank transfer, cash on delivery) and then paid through <c>/payments</c>.</summary>
public class ManualBalanceTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task ManualMoneyReceived_MarksThePendingManualPaymentPaid_NotASecondPayment()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 5);
        var placed = await OrderData.PlaceAsync(app, stock, 2, 1500, method: PaymentMethod.Manual);
        var before = await OrderData.OrderAsync(admin, placed.Id);
        Assert.Equal(3000, before.GetProperty("balanceDue").Long("amount"));

        // A card while the order waits for the transfer would leave the transfer to be recorded later, twice paid.
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/payments", new { paymentToken = await OrderData.TokenAsync(app.Store()) })))
            .Problem(HttpStatusCode.Conflict, "orders.manual_payment_pending");

        var paid = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/payments", new { method = "manual" }))).Json(HttpStatusCode.Created);
        var payment = Assert.Single(paid.GetProperty("payments").EnumerateArray());
        Assert.Equal(("manual", "captured", 3000L), (payment.Str("method"), payment.Str("state"), payment.GetProperty("captured").Long("amount")));
        Assert.Equal(0, paid.GetProperty("balanceDue").Long("amount"));
        Assert.Equal("paid", paid.Str("paymentStatus"));
        Assert.Contains(paid.GetProperty("timeline").EnumerateArray(), t => t.Str("kind") == "paid");

        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/payments", new { method = "manual" })))
            .Problem(HttpStatusCode.Conflict, "orders.no_balance_due");
    }
}
