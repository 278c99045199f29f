using System.Net;
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
}
