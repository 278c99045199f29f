using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Orders;

/// <summary>Staff actions on one order at once: whatever interleaving, stock and money stay true.</summary>
public class OrderRaceTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task ACancelRacingAShipment_NeverPutsShippedUnitsBackOnTheShelf_AndRecordsTheMoneyThatMoved()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 100);
        for (var round = 0; round < 8; round++)
        {
            var (placed, line) = await OrderData.CapturedAsync(app, stock, 2, 1000);
            var before = await OrderData.AvailableAsync(admin, stock);

            var cancel = app.Admin().SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/cancel", new { reason = "race" }));
            // The shipment starts a little later each round, so that it lands before, during and after the cancel.
            await Task.Delay(3 * round);
            var ship = app.Admin().PostJson($"/admin/orders/{placed.Id}/fulfilments",
                new { locationId = stock.Location, lines = new[] { new { lineId = line, quantity = 2 } } });
            var (cancelled, shipped) = (await cancel, await ship);

            var order = await OrderData.OrderAsync(admin, placed.Id);
            var after = await OrderData.AvailableAsync(admin, stock);
            var detail = $"cancel {(int)cancelled.StatusCode} {await cancelled.Content.ReadAsStringAsync()}; ship {(int)shipped.StatusCode}; "
                + $"order {order.Str("status")}/{order.Str("fulfilmentStatus")}, available {before} → {after}";
            // Exactly one of the two happened, and the shelf shows it: two units back, or none.
            Assert.True(cancelled.StatusCode == HttpStatusCode.OK ^ shipped.StatusCode == HttpStatusCode.Created, detail);
            if (cancelled.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal(("cancelled", "unfulfilled", before + 2), (order.Str("status"), order.Str("fulfilmentStatus"), after));
                continue;
            }
            Assert.Equal(("open", "fulfilled", before), (order.Str("status"), order.Str("fulfilmentStatus"), after));
            Assert.Equal(HttpStatusCode.Conflict, cancelled.StatusCode);
            // A cancel that lost after giving the money back records it as a refund (order.refunded) and says why it
            // stopped; one that lost before moved nothing.
            var refunded = order.GetProperty("refunded").Long("amount");
            Assert.True(refunded is 0 or 2000, detail);
            Assert.Equal(refunded, order.GetProperty("refunds").EnumerateArray().Sum(f => f.GetProperty("amount").Long("amount")));
            Assert.Equal(refunded > 0, order.GetProperty("timeline").EnumerateArray().Any(t => t.Str("message").StartsWith("Cancelling stopped")));
            Assert.Equal(0, order.GetProperty("refundOwed").Long("amount"));
        }
    }

    [Fact]
    public async Task ParallelRestocksOfOneReturn_RefundItOnce_AndPutItsUnitsBackOnce()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 100);
        for (var round = 0; round < 3; round++)
        {
            var (placed, line) = await OrderData.CapturedAsync(app, stock, 3, 1000);
            await (await admin.PostJson($"/admin/orders/{placed.Id}/fulfilments",
                new { locationId = stock.Location, lines = new[] { new { lineId = line, quantity = 3 } } })).Json(HttpStatusCode.Created);
            var requested = await (await admin.PostJson($"/admin/orders/{placed.Id}/returns",
                new { lines = new[] { new { lineId = line, quantity = 1 } } })).Json(HttpStatusCode.Created);
            await (await admin.PostAsync($"/admin/orders/{placed.Id}/returns/{requested.Str("id")}/receive", null)).Json();
            var before = await OrderData.AvailableAsync(admin, stock);

            // Two members of staff (or a double click with a new key) restock the same return at once.
            var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.Admin().SendAsync(OrderData.Pay(
                $"/admin/orders/{placed.Id}/returns/{requested.Str("id")}/restock", new { locationId = stock.Location }))));

            var order = await OrderData.OrderAsync(admin, placed.Id);
            var codes = string.Join(", ", answers.Select(a => (int)a.StatusCode));
            Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
            Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
            Assert.True(1000 == order.GetProperty("refunded").Long("amount"), $"refunded {order.GetProperty("refunded").Long("amount")}; answers {codes}");
            Assert.Equal(1, order.GetProperty("lines")[0].Long("returnedQuantity"));
            Assert.Equal(before + 1, await OrderData.AvailableAsync(admin, stock));
            // The payment itself gave back once, whatever the order recorded.
            await using var scope = app.Services.CreateAsyncScope();
            var payment = await scope.ServiceProvider.GetRequiredService<Runner.Payments.Contracts.IPayments>()
                .GetAsync(placed.Order.PaymentId!.Value, default);
            Assert.Equal(1000, payment!.Refunded.Minor);
        }
    }
}
