using System.Net;
using System.Text.Json;
using Runner.Tests.Infrastructure;
using Runner.Tests.Inventory;

namespace Runner.Tests.Checkout;

/// <summary>
/// Variants that keep selling when out of stock (inventory policy <c>continue</c>): the cart never limits them, a
/// checkout sells the stock there is and backorders the rest, and the ledger stays the exact running sum of on hand.
/// </summary>
public class BackorderTests(CheckoutApp app) : IClassFixture<CheckoutApp>
{
    [Fact]
    public async Task Cart_ContinueVariantWithNoStock_TakesAnyQuantity_AndFlagsNothing()
    {
        var variant = await CartData.StockedVariantAsync(app.Admin(), 0, policy: "continue");
        var cart = await CheckoutData.ReadyCartAsync(app, variant, 40);

        var line = Assert.Single(cart.GetProperty("lines").EnumerateArray());
        Assert.Equal(40, line.Long("quantity"));
        Assert.Equal(JsonValueKind.Null, line.GetProperty("issue").ValueKind);
    }

    [Fact]
    public async Task Complete_ContinueVariantWithNoStock_PlacesTheOrder_WithEveryUnitBackordered()
    {
        await CheckoutData.LiftVelocityAsync(app);
        var variant = await CartData.StockedVariantAsync(app.Admin(), 0, policy: "continue");
        await InventoryData.LocationAsync(app.Admin());
        var id = (await CheckoutData.ReadyCartAsync(app, variant, 3)).Str("id");

        var order = await (await CheckoutData.PayAsync(app, id)).Json(HttpStatusCode.Created);

        Assert.Equal(3, order.GetProperty("lines")[0].Long("backordered"));
        var admin = await (await app.Admin().GetAsync($"/admin/orders/{order.Str("id")}")).Json();
        Assert.Equal(3, admin.GetProperty("lines")[0].Long("backorderedQuantity"));
        Assert.Contains(admin.GetProperty("timeline").EnumerateArray(), t => t.Str("kind") == "backordered" && t.Str("message").Contains("3 ×"));
        var level = Assert.Single((await LevelsAsync(variant)).EnumerateArray());
        Assert.Equal((-3L, 0L, -3L), (level.Long("onHand"), level.Long("reserved"), level.Long("available")));
        var sold = Assert.Single(await InventoryData.LedgerAsync(app.Admin(), variant));
        Assert.Equal(("sold", -3L, -3L), (sold.Str("reason"), sold.Long("delta"), sold.Long("onHandAfter")));
        Assert.Equal(0, await CheckoutData.ActiveReservationsAsync(app, id));
    }

    [Fact]
    public async Task Complete_ContinueVariantWith2InStock_Ordering5_Sells2FromStock_Backorders3_AndARestockCoversThemFirst()
    {
        await CheckoutData.LiftVelocityAsync(app);
        var variant = await CartData.StockedVariantAsync(app.Admin(), 0, policy: "continue");
        var location = await CartData.StockAsync(app.Admin(), variant, 2);
        var id = (await CheckoutData.ReadyCartAsync(app, variant, 5)).Str("id");

        var order = await (await CheckoutData.PayAsync(app, id)).Json(HttpStatusCode.Created);

        Assert.Equal(5, order.GetProperty("lines")[0].Long("quantity"));
        Assert.Equal(3, order.GetProperty("lines")[0].Long("backordered"));
        var level = (await InventoryData.LevelAsync(app.Admin(), variant, location))!.Value;
        Assert.Equal((-3L, 0L, -3L), (level.Long("onHand"), level.Long("reserved"), level.Long("available")));
        var ledger = await InventoryData.LedgerAsync(app.Admin(), variant, location);
        Assert.Equal(level.Long("onHand"), ledger.Sum(e => e.Long("delta")));
        Assert.Contains(ledger, e => e.Str("reason") == "sold" && e.Long("delta") == -5 && e.Long("onHandAfter") == -3);

        await InventoryData.AdjustAsync(app.Admin(), variant, location, 10);
        Assert.Equal(7, await CheckoutData.AvailableAsync(app, variant));
    }

    [Fact]
    public async Task ContinueVariantSwitchedToDeny_WithStockBelowZero_SellsNothingUntilRestocked()
    {
        await CheckoutData.LiftVelocityAsync(app);
        var product = await CartData.ProductAsync(app.Admin(), policy: "continue");
        var variant = product.GetProperty("variants")[0].Str("id");
        var location = await CartData.StockAsync(app.Admin(), variant, 1);
        await (await CheckoutData.PayAsync(app, (await CheckoutData.ReadyCartAsync(app, variant, 4)).Str("id"))).Json(HttpStatusCode.Created);
        await (await app.Admin().PatchJson($"/admin/products/{product.Str("id")}/variants/{variant}", new { inventoryPolicy = "deny" })).Json();

        var store = app.Store();
        var cart = (await CartData.CartAsync(store, email: "late@example.com")).Str("id");
        await (await CartData.AddAsync(store, cart, variant, 1)).Problem(HttpStatusCode.Conflict, "inventory.insufficient_stock");
        await (await InventoryData.ReserveAsync(app.Admin(), variant, 1)).Problem(HttpStatusCode.Conflict, "inventory.insufficient_stock");

        await InventoryData.AdjustAsync(app.Admin(), variant, location, 5);
        Assert.Equal(2, await CheckoutData.AvailableAsync(app, variant));
        var id = (await CheckoutData.ReadyCartAsync(app, variant, 2)).Str("id");
        var order = await (await CheckoutData.PayAsync(app, id)).Json(HttpStatusCode.Created);
        Assert.Equal(0, order.GetProperty("lines")[0].Long("backordered"));
        Assert.Equal(0, await CheckoutData.AvailableAsync(app, variant));
    }

    [Fact]
    public async Task RemovingStock_FromALevelBelowZero_IsRefused_WhileReceivingIsTaken()
    {
        await CheckoutData.LiftVelocityAsync(app);
        var variant = await CartData.StockedVariantAsync(app.Admin(), 0, policy: "continue");
        var location = await CartData.StockAsync(app.Admin(), variant, 1);
        await (await CheckoutData.PayAsync(app, (await CheckoutData.ReadyCartAsync(app, variant, 3)).Str("id"))).Json(HttpStatusCode.Created);

        await (await app.Admin().PostJson("/admin/inventory/adjustments",
            new { variantId = variant, locationId = location, delta = -1, reason = "damaged" })).Problem(HttpStatusCode.Conflict, "inventory.insufficient_stock");
        var received = await InventoryData.AdjustAsync(app.Admin(), variant, location, 1);
        Assert.Equal(-1, received.GetProperty("level").Long("onHand"));
    }

    [Fact]
    public async Task CancellingABackorderedOrder_PutsTheUnitsBack_SoOnHandIsWhatItWasBefore()
    {
        await CheckoutData.LiftVelocityAsync(app);
        var variant = await CartData.StockedVariantAsync(app.Admin(), 0, policy: "continue");
        var location = await CartData.StockAsync(app.Admin(), variant, 2);
        var order = await (await CheckoutData.PayAsync(app, (await CheckoutData.ReadyCartAsync(app, variant, 5)).Str("id"))).Json(HttpStatusCode.Created);

        await (await app.Admin().SendAsync(Orders.OrderData.Pay($"/admin/orders/{order.Str("id")}/cancel", new { }))).Json();

        var level = (await InventoryData.LevelAsync(app.Admin(), variant, location))!.Value;
        Assert.Equal((2L, 0L), (level.Long("onHand"), level.Long("reserved")));
    }

    [Fact]
    public async Task Reserve_WithBackorder_ForADenyVariant_IsRefused()
    {
        var variant = await CartData.StockedVariantAsync(app.Admin(), 1);
        var response = await app.Admin().PostJson("/admin/inventory/reservations", new { variantId = variant, quantity = 5, backorder = true });
        await response.Problem(HttpStatusCode.UnprocessableEntity, "inventory.backorder_not_allowed");
        Assert.Equal(1, await CheckoutData.AvailableAsync(app, variant));
    }

    [Fact]
    public async Task Reserve_WithBackorder_AtALocation_HoldsAllUnits_AndReleasingGivesThemBack()
    {
        var variant = await CartData.StockedVariantAsync(app.Admin(), 0, policy: "continue");
        var location = await CartData.StockAsync(app.Admin(), variant, 2);

        var reservation = await (await app.Admin().PostJson("/admin/inventory/reservations",
            new { variantId = variant, quantity = 6, locationId = location, backorder = true })).Json(HttpStatusCode.Created);

        Assert.Equal((true, 4L), (reservation.GetProperty("backorder").GetBoolean(), reservation.Long("backordered")));
        Assert.Equal(-4, await CheckoutData.AvailableAsync(app, variant));
        (await app.Admin().DeleteAsync($"/admin/inventory/reservations/{reservation.Str("id")}")).EnsureSuccessStatusCode();
        Assert.Equal(2, await CheckoutData.AvailableAsync(app, variant));
    }

    private async Task<JsonElement> LevelsAsync(string variant) =>
        (await (await app.Admin().GetAsync($"/admin/inventory/levels?variantId={variant}")).Json()).GetProperty("items");
}

/// <summary>
/// Many shoppers at once buy a variant that keeps selling when out of stock: every checkout succeeds, the stock there
/// was is sold exactly once, and on hand is exactly the ledger's sum.
/// </summary>
[Collection(Contention.Name)]
public class BackorderContentionTests(CheckoutApp app) : IClassFixture<CheckoutApp>
{
    private const int Shoppers = 60, Units = 15;

    [Fact]
    public async Task ParallelCheckouts_OfAContinueVariant_AllSucceed_AndTheLedgerSumsExactly()
    {
        await CheckoutData.LiftVelocityAsync(app);
        var variant = await CartData.StockedVariantAsync(app.Admin(), 0, policy: "continue");
        var location = await CartData.StockAsync(app.Admin(), variant, Units);
        var carts = new List<(string Cart, string Token)>();
        foreach (var batch in Enumerable.Range(0, Shoppers).Chunk(20))
            carts.AddRange(await Task.WhenAll(batch.Select(async _ =>
                ((await CheckoutData.ReadyCartAsync(app, variant)).Str("id"), await CheckoutData.TokenAsync(app.Store())))));

        var responses = await Task.WhenAll(carts.Select(c =>
            CheckoutData.CompleteAsync(app.Store(), c.Cart, new { paymentToken = c.Token }, Guid.NewGuid().ToString())));

        var orders = new List<JsonElement>();
        foreach (var response in responses) orders.Add(await response.Json(HttpStatusCode.Created));
        Assert.Equal(Shoppers - Units, orders.Sum(o => o.GetProperty("lines")[0].Long("backordered")));
        var level = (await InventoryData.LevelAsync(app.Admin(), variant, location))!.Value;
        Assert.Equal((Units - Shoppers, 0L), (level.Long("onHand"), level.Long("reserved")));
        var ledger = await InventoryData.LedgerAsync(app.Admin(), variant, location);
        Assert.Equal(Shoppers, ledger.Count(e => e.Str("reason") == "sold"));
        Assert.Equal(level.Long("onHand"), ledger.Sum(e => e.Long("delta")));
    }
}
