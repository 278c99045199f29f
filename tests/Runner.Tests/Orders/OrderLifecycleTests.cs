using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Outbox;
using Runner.Orders.Contracts;
using Runner.Orders.Storefront;
using Runner.Payments.Contracts;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Orders;

public class OrderLifecycleTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task Placing_SellsTheReservation_ClaimsThePayment_AndKeepsTheSnapshot_WithOrderPlaced()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 5);
        var placed = await OrderData.PlaceAsync(app, stock, 2, 1250, shipping: 500);

        Assert.Equal("#" + placed.Number, placed.Name);
        var order = await OrderData.OrderAsync(admin, placed.Id);
        Assert.Equal(3000, order.GetProperty("total").Long("amount"));
        Assert.Equal("USD", order.GetProperty("total").Str("currency"));
        Assert.Equal(("open", "authorized", "unfulfilled"), (order.Str("status"), order.Str("paymentStatus"), order.Str("fulfilmentStatus")));
        Assert.Equal(3000, order.GetProperty("authorized").Long("amount"));
        Assert.Equal("GB" == "x" ? "" : "US", order.GetProperty("shippingAddress").Str("country"));
        Assert.Equal("newsletter", order.GetProperty("attribution").Str("utmSource"));
        Assert.Equal("UPS", order.GetProperty("shipping").Str("carrier"));
        var line = order.GetProperty("lines")[0];
        Assert.Equal((2L, 1250L, 625L), (line.Long("quantity"), line.GetProperty("unitPrice").Long("amount"), line.GetProperty("unitCost").Long("amount")));
        Assert.Equal("placed", order.GetProperty("timeline")[0].Str("kind"));
        Assert.Equal(3, await OrderData.AvailableAsync(admin, stock));
        var level = (await Runner.Tests.Inventory.InventoryData.LevelAsync(admin, stock.Variant, stock.Location))!.Value;
        Assert.Equal((3L, 0L), (level.Long("onHand"), level.Long("reserved")));

        var payment = await app.WithDbAsync(async db =>
            await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == OrderEvents.Placed && m.Payload.Contains(placed.Id.ToString())).SingleAsync());
        Assert.Contains("\"costOfGoods\":{\"amount\":1250", payment.Payload);
        Assert.Contains("\"utmCampaign\":\"spring\"", payment.Payload);
        await using var scope = app.Services.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<IPayments>().GetAsync(new PaymentId(Guid.Parse(order.Str("paymentId"))));
        Assert.Equal("order:" + placed.Id, view!.OrderReference);
    }

    [Fact]
    public async Task OrdersPlacedInParallel_GetDistinctConsecutiveNumbers()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 100);
        var placed = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => OrderData.PlaceAsync(app, stock, 1, 0, pay: false)));
        var numbers = placed.Select(p => p.Number).Order().ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Equal(numbers[0] + numbers.Count - 1, numbers[^1]);
        Assert.True(numbers[0] >= 1001);
    }

    [Fact]
    public async Task APlacementThatFails_RollsBack_LeavingNoOrderAndTheReservationUnsold()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 5);
        var placed = await OrderData.PlaceAsync(app, stock, 1, 1000);
        var order = await OrderData.OrderAsync(admin, placed.Id);
        var paymentId = order.GetProperty("paymentId").GetString();
        // A second order cannot claim the same payment: the whole placement is refused.
        await Assert.ThrowsAnyAsync<Exception>(() => PlaceWithPaymentAsync(stock, paymentId!));
        Assert.Equal(4, await OrderData.AvailableAsync(admin, stock));
    }

    private async Task PlaceWithPaymentAsync(OrderData.Stocked stock, string paymentId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Runner.Kernel.Data.RunnerDbContext>();
        var channel = await scope.ServiceProvider.GetRequiredService<Runner.Store.Contracts.IStoreQueries>().GetDefaultChannelAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var variant = new Runner.Catalog.Contracts.VariantId(Guid.Parse(stock.Variant));
        var reservation = await scope.ServiceProvider.GetRequiredService<Runner.Inventory.Contracts.IInventoryService>()
            .ReserveAsync(new Runner.Inventory.Contracts.ReserveRequest(variant, 1, ChannelId: channel.Id));
        var money = new Runner.Kernel.Money(1000, "USD");
        var zero = Runner.Kernel.Money.Zero("USD");
        await scope.ServiceProvider.GetRequiredService<IOrders>().PlaceAsync(new PlaceOrderRequest("cart_" + Guid.NewGuid().ToString("N"), channel.Id,
            "twice@example.com", OrderData.Address(), null, "USD", "USD", 1m, false,
            [new PlaceOrderLine(variant, new Runner.Catalog.Contracts.ProductId(Guid.Parse(stock.Product)), "SKU", "T", "V", 1, money, null, zero, [],
                money, true, 0, [reservation.Id])],
            null, money, zero, zero, zero, money, new PaymentId(Guid.Parse(paymentId)), PaymentMethod.Card, null, null, null));
        await transaction.CommitAsync();
    }

    [Fact]
    public async Task AnOrderTheFraudScreenSentToReview_IsHeld_UntilReleased()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 5);
        var placed = await OrderData.PlaceAsync(app, stock, 1, 1000,
            fraud: new FraudAssessment(60, FraudDecision.Review, [new FraudSignal("country_mismatch", 60, "billing DE, shipping US")]));
        var order = await OrderData.OrderAsync(admin, placed.Id);
        Assert.True(order.GetProperty("heldForReview").GetBoolean());
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/capture", new { })))
            .Problem(HttpStatusCode.Conflict, "orders.held_for_review");
        await (await admin.PostAsync($"/admin/orders/{placed.Id}/release", null)).Json();
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/capture", new { }))).Json();
    }

    [Fact]
    public async Task PartialFulfilments_MoveTheStatus_ToFulfilledThenDelivered_AndEmailTheCustomer()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 5);
        var email = Runner.Tests.Inventory.InventoryData.Unique("ship") + "@example.com";
        var placed = await OrderData.PlaceAsync(app, stock, 3, 1000, email);
        var line = (await OrderData.OrderAsync(admin, placed.Id)).GetProperty("lines")[0].Str("id");

        var first = await (await admin.PostJson($"/admin/orders/{placed.Id}/fulfilments", new
        {
            locationId = stock.Location, lines = new[] { new { lineId = line, quantity = 1 } }, carrier = "UPS", trackingNumber = "1Z999",
            trackingUrl = "https://ups.example/1Z999", labelCost = new { amount = 450, currency = "USD" },
        })).Json(HttpStatusCode.Created);
        Assert.Equal("partially_fulfilled", (await OrderData.OrderAsync(admin, placed.Id)).Str("fulfilmentStatus"));
        await (await admin.PostJson($"/admin/orders/{placed.Id}/fulfilments", new { locationId = stock.Location, lines = new[] { new { lineId = line, quantity = 3 } } }))
            .Problem(HttpStatusCode.BadRequest, "orders.quantity_exceeds");
        // A link the customer could not safely follow is refused, and nothing ships.
        await (await admin.PostJson($"/admin/orders/{placed.Id}/fulfilments", new
        {
            locationId = stock.Location, lines = new[] { new { lineId = line, quantity = 2 } }, trackingUrl = "javascript:alert(1)",
        })).Problem(HttpStatusCode.BadRequest, "orders.invalid_url");
        Assert.Equal("partially_fulfilled", (await OrderData.OrderAsync(admin, placed.Id)).Str("fulfilmentStatus"));
        // A well-known carrier's tracking page is filled in when no link is given.
        var second = await (await admin.PostJson($"/admin/orders/{placed.Id}/fulfilments", new
        {
            locationId = stock.Location, lines = new[] { new { lineId = line, quantity = 2 } }, carrier = "FedEx", trackingNumber = "7489 1234",
        })).Json(HttpStatusCode.Created);
        Assert.Equal("https://www.fedex.com/fedextrack/?trknbr=7489%201234", second.Str("trackingUrl"));
        Assert.Equal("https://ups.example/1Z999", first.Str("trackingUrl"));
        Assert.Equal("fulfilled", (await OrderData.OrderAsync(admin, placed.Id)).Str("fulfilmentStatus"));
        await (await admin.PostAsync($"/admin/orders/{placed.Id}/fulfilments/{first.Str("id")}/delivered", null)).Json();
        var delivered = await (await admin.PostAsync($"/admin/orders/{placed.Id}/fulfilments/{second.Str("id")}/delivered", null)).Json();
        Assert.Equal("delivered", delivered.Str("fulfilmentStatus"));
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/cancel", new { })))
            .Problem(HttpStatusCode.Conflict, "orders.invalid_transition");

        // One shipping confirmation per shipment; the first names its carrier and tracking.
        var mail = await WaitForMailAsync(m => m.Contains(email, StringComparison.OrdinalIgnoreCase) && m.Contains("1Z999", StringComparison.Ordinal));
        Assert.Contains("shipped", mail);
        Assert.Contains("https://ups.example/1Z999", mail);
    }

    [Fact]
    public async Task TheConfirmationEmail_CarriesASignedLink_ThatOpensTheOrderOnTheStorefront()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 5);
        var email = Runner.Tests.Inventory.InventoryData.Unique("guest") + "@example.com";
        var placed = await OrderData.PlaceAsync(app, stock, 1, 1000, email);
        var mail = await WaitForMailAsync(m => m.Contains(email, StringComparison.OrdinalIgnoreCase) && m.Contains("confirmed", StringComparison.Ordinal));
        var absolute = System.Text.RegularExpressions.Regex.Match(mail.Replace("=\r\n", "").Replace("=3D", "="),
            @"https?://[^/\s]+/orders/[0-9a-f-]+\?token=[A-Za-z0-9_-]+").Value;
        // The link opens the reference storefront's order page, which reads the order through the API with its token.
        Assert.StartsWith(RunnerApp.PublicUrl + "/orders/", absolute);
        var link = "/store" + new Uri(absolute).PathAndQuery;
        Assert.Contains(placed.Id.ToString(), link);

        var store = app.Store();
        var order = await (await store.GetAsync(link)).Json();
        Assert.Equal(placed.Name, order.Str("name"));
        Assert.False(order.TryGetProperty("timeline", out _));
        await (await store.GetAsync($"/store/orders/{placed.Id}?token=forged")).Problem(HttpStatusCode.NotFound, "orders.not_found");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Store(null).GetAsync(link)).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<OrderLinks>().CheckAsync(placed.Id, link.Split("token=")[1], default));
    }

    [Fact]
    public async Task TheTimeline_NamesWhoActed_AsTheyWereNamedWhenTheyActed()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 5);
        var placed = await OrderData.PlaceAsync(app, stock, 1, 1000);
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/capture", new { }))).Json();

        var timeline = (await OrderData.OrderAsync(admin, placed.Id)).GetProperty("timeline").EnumerateArray().ToList();
        var captured = Assert.Single(timeline, t => t.Str("kind") == "captured");
        Assert.StartsWith("api_key:", captured.Str("actor"));
        Assert.Equal("Bootstrap admin key (configured)", captured.Str("actorName"));
    }

    [Fact]
    public async Task AReturn_GoesRequestedReceivedRestocked_RefundingAndRestocking()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 5);
        var placed = await OrderData.PlaceAsync(app, stock, 2, 1000);
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/capture", new { }))).Json();
        var line = (await OrderData.OrderAsync(admin, placed.Id)).GetProperty("lines")[0].Str("id");
        var unshipped = await (await admin.PostJson($"/admin/orders/{placed.Id}/returns", new { lines = new[] { new { lineId = line, quantity = 1 } } }))
            .Problem(HttpStatusCode.BadRequest, "orders.quantity_exceeds");
        Assert.Equal("No shipped unit of this line can be returned.", unshipped.GetProperty("errors").GetProperty("lines/0/quantity")[0].GetString());
        await (await admin.PostJson($"/admin/orders/{placed.Id}/fulfilments", new { locationId = stock.Location, lines = new[] { new { lineId = line, quantity = 2 } } }))
            .Json(HttpStatusCode.Created);

        var requested = await (await admin.PostJson($"/admin/orders/{placed.Id}/returns", new { lines = new[] { new { lineId = line, quantity = 1 } }, reason = "too small" }))
            .Json(HttpStatusCode.Created);
        Assert.Equal("requested", requested.Str("status"));
        var restockUrl = $"/admin/orders/{placed.Id}/returns/{requested.Str("id")}/restock";
        await (await admin.SendAsync(OrderData.Pay(restockUrl, new { locationId = stock.Location })))
            .Problem(HttpStatusCode.Conflict, "orders.invalid_transition");
        await (await admin.PostAsync($"/admin/orders/{placed.Id}/returns/{requested.Str("id")}/receive", null)).Json();
        var restocked = await (await admin.SendAsync(OrderData.Pay(restockUrl, new { locationId = stock.Location }))).Json();
        Assert.Equal("restocked", restocked.Str("status"));

        var order = await OrderData.OrderAsync(admin, placed.Id);
        Assert.Equal(1000, order.GetProperty("refunded").Long("amount"));
        Assert.Equal(1, order.GetProperty("lines")[0].Long("returnedQuantity"));
        Assert.Equal(4, await OrderData.AvailableAsync(admin, stock));
    }

    [Fact]
    public async Task AUnitComesBackOnce_ARefundsRestockAndAReturnNeverPutTheSameUnitBackTwice()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 10);
        var (placed, line) = await OrderData.CapturedAsync(app, stock, 2, 1000);
        await (await admin.PostJson($"/admin/orders/{placed.Id}/fulfilments", new { locationId = stock.Location, lines = new[] { new { lineId = line, quantity = 2 } } }))
            .Json(HttpStatusCode.Created);
        var shipped = await OrderData.AvailableAsync(admin, stock);

        // One unit came back without a return: refunded and restocked. Only the other can still be returned.
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/refunds", new
        {
            amount = new { amount = 1000, currency = "USD" }, restock = new[] { new { lineId = line, quantity = 1, locationId = stock.Location } },
        }))).Json(HttpStatusCode.Created);
        await (await admin.PostJson($"/admin/orders/{placed.Id}/returns", new { lines = new[] { new { lineId = line, quantity = 2 } } }))
            .Problem(HttpStatusCode.BadRequest, "orders.quantity_exceeds");
        var requested = await (await admin.PostJson($"/admin/orders/{placed.Id}/returns", new { lines = new[] { new { lineId = line, quantity = 1 } } }))
            .Json(HttpStatusCode.Created);

        // The unit the return awaits cannot be restocked by a refund as well.
        var refused = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/refunds", new
        {
            amount = new { amount = 0, currency = "USD" }, restock = new[] { new { lineId = line, quantity = 1, locationId = stock.Location } },
        }))).Problem(HttpStatusCode.BadRequest, "orders.quantity_exceeds");
        Assert.Equal("No unit of this line can be restocked.", refused.GetProperty("errors").GetProperty("restock/0/quantity")[0].GetString());

        await (await admin.PostAsync($"/admin/orders/{placed.Id}/returns/{requested.Str("id")}/receive", null)).Json();
        await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/returns/{requested.Str("id")}/restock", new { locationId = stock.Location }))).Json();
        Assert.Equal(shipped + 2, await OrderData.AvailableAsync(admin, stock));
        var order = await OrderData.OrderAsync(admin, placed.Id);
        Assert.Equal(2000, order.GetProperty("refunded").Long("amount"));
        await (await admin.PostJson($"/admin/orders/{placed.Id}/returns", new { lines = new[] { new { lineId = line, quantity = 1 } } }))
            .Problem(HttpStatusCode.BadRequest, "orders.quantity_exceeds");
    }

    private async Task<string> WaitForMailAsync(Func<string, bool> match)
    {
        for (var i = 0; i < 100; i++)
        {
            if (Directory.Exists(app.MailDirectory))
                foreach (var file in Directory.GetFiles(app.MailDirectory, "*.eml"))
                {
                    var text = await File.ReadAllTextAsync(file);
                    if (match(text)) return text;
                }
            await Task.Delay(100);
        }
        throw new TimeoutException("The email did not arrive.");
    }
}
