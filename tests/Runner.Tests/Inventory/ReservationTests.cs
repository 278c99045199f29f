using System.Net;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Inventory;

public class ReservationTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task Reserve_AtALocation_HoldsTheUnits_AndWritesNoLedgerRow()
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var location = await InventoryData.LocationAsync(admin);
        await InventoryData.AdjustAsync(admin, variant, location, 5);

        var response = await admin.PostJson("/admin/inventory/reservations",
            new { variantId = variant, quantity = 3, locationId = location, ttlSeconds = 120, reference = "cart-17" });
        var reservation = await response.Json(HttpStatusCode.Created);
        Assert.Equal($"/admin/inventory/reservations/{reservation.Str("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal("active", reservation.Str("status"));
        Assert.Equal(3, reservation.Long("quantity"));
        Assert.Equal("cart-17", reservation.Str("reference"));
        var allocation = Assert.Single(reservation.GetProperty("allocations").EnumerateArray());
        Assert.Equal(location, allocation.Str("locationId"));
        Assert.Equal(3, allocation.Long("quantity"));
        var ttl = reservation.GetProperty("expiresAt").GetDateTimeOffset() - reservation.GetProperty("createdAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromSeconds(120), ttl);

        var level = (await InventoryData.LevelAsync(admin, variant, location))!.Value;
        Assert.Equal((5L, 3L, 2L), (level.Long("onHand"), level.Long("reserved"), level.Long("available")));
        Assert.Single(await InventoryData.LedgerAsync(admin, variant));

        var read = await (await admin.GetAsync($"/admin/inventory/reservations/{reservation.Str("id")}")).Json();
        Assert.Equal(reservation.GetRawText(), read.GetRawText());
    }

    [Fact]
    public async Task Reserve_AtALocation_WhenShort_Is409WithWhatIsAvailable_AndHoldsNothing()
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var location = await InventoryData.LocationAsync(admin);
        await InventoryData.AdjustAsync(admin, variant, location, 3);
        var problem = await (await InventoryData.ReserveAsync(admin, variant, 4, location)).Problem(HttpStatusCode.Conflict, "inventory.insufficient_stock");
        Assert.Equal(3, problem.Long("available"));
        Assert.Equal(4, problem.Long("requested"));
        Assert.Equal(0, (await InventoryData.LevelAsync(admin, variant, location))!.Value.Long("reserved"));

        var elsewhere = await InventoryData.LocationAsync(admin);
        var none = await (await InventoryData.ReserveAsync(admin, variant, 1, elsewhere)).Problem(HttpStatusCode.Conflict, "inventory.insufficient_stock");
        Assert.Equal(0, none.Long("available"));
    }

    [Fact]
    public async Task Reserve_WithoutALocation_TakesFromLocationsInPriorityOrder_AcrossSeveral()
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var empty = await InventoryData.LocationAsync(admin, priority: 0);
        var first = await InventoryData.LocationAsync(admin, priority: 1);
        var second = await InventoryData.LocationAsync(admin, priority: 2);
        var third = await InventoryData.LocationAsync(admin, priority: 3);
        var archived = await InventoryData.LocationAsync(admin, priority: 0);
        await InventoryData.AdjustAsync(admin, variant, first, 2);
        await InventoryData.AdjustAsync(admin, variant, second, 3);
        await InventoryData.AdjustAsync(admin, variant, third, 10);
        await InventoryData.AdjustAsync(admin, variant, archived, 50);
        await InventoryData.AdjustAsync(admin, variant, empty, 1);
        await InventoryData.AdjustAsync(admin, variant, empty, -1, "damaged");
        await (await admin.DeleteAsync($"/admin/locations/{archived}")).Json();

        var reservation = await (await InventoryData.ReserveAsync(admin, variant, 7)).Json(HttpStatusCode.Created);
        var held = reservation.GetProperty("allocations").EnumerateArray().ToDictionary(a => a.Str("locationId"), a => a.Long("quantity"));
        Assert.Equal(new Dictionary<string, long> { [first] = 2, [second] = 3, [third] = 2 }, held);
        Assert.Equal(8, (await InventoryData.LevelAsync(admin, variant, third))!.Value.Long("available"));
        Assert.Equal(0, (await InventoryData.LevelAsync(admin, variant, archived))!.Value.Long("reserved"));

        var problem = await (await InventoryData.ReserveAsync(admin, variant, 9)).Problem(HttpStatusCode.Conflict, "inventory.insufficient_stock");
        Assert.Equal(8, problem.Long("available"));
        Assert.Equal(7, (await (await admin.GetAsync($"/admin/inventory/levels?variantId={variant}")).Json())
            .GetProperty("items").EnumerateArray().Sum(l => l.Long("reserved")));
    }

    [Fact]
    public async Task Reserve_ForAChannel_OnlyDrawsFromLocationsThatFulfilIt()
    {
        var admin = app.Admin();
        var channel = (await (await admin.PostJson("/admin/channels", new { name = InventoryData.Unique("Market") })).Json(HttpStatusCode.Created)).Str("id");
        var variant = await InventoryData.VariantAsync(admin);
        var online = await InventoryData.LocationAsync(admin, priority: 0);
        var market = await InventoryData.LocationAsync(admin, priority: 9, channels: [channel]);
        await InventoryData.AdjustAsync(admin, variant, online, 5);
        await InventoryData.AdjustAsync(admin, variant, market, 2);

        var reservation = await (await admin.PostJson("/admin/inventory/reservations", new { variantId = variant, quantity = 2, channelId = channel }))
            .Json(HttpStatusCode.Created);
        Assert.Equal(market, Assert.Single(reservation.GetProperty("allocations").EnumerateArray()).Str("locationId"));
        Assert.Equal(channel, reservation.Str("channelId"));
        await (await admin.PostJson("/admin/inventory/reservations", new { variantId = variant, quantity = 1, channelId = channel }))
            .Problem(HttpStatusCode.Conflict, "inventory.insufficient_stock");
        await (await admin.PostJson("/admin/inventory/reservations", new { variantId = variant, quantity = 1, channelId = channel, locationId = online }))
            .Problem(HttpStatusCode.UnprocessableEntity, "inventory.location_not_in_channel");
        (await (await admin.PostJson("/admin/inventory/reservations", new { variantId = variant, quantity = 1, channelId = Guid.NewGuid() }))
            .Problem(HttpStatusCode.BadRequest, "inventory.unknown_channel")).HasFieldError("channelId");
    }

    [Fact]
    public async Task Release_GivesTheUnitsBack_AndReleasingTwiceIsHarmless()
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var location = await InventoryData.LocationAsync(admin);
        await InventoryData.AdjustAsync(admin, variant, location, 5);
        var id = (await (await InventoryData.ReserveAsync(admin, variant, 4, location)).Json(HttpStatusCode.Created)).Str("id");

        await (await admin.DeleteAsync($"/admin/inventory/reservations/{id}")).Json(HttpStatusCode.NoContent);
        await (await admin.DeleteAsync($"/admin/inventory/reservations/{id}")).Json(HttpStatusCode.NoContent);
        var level = (await InventoryData.LevelAsync(admin, variant, location))!.Value;
        Assert.Equal((5L, 0L), (level.Long("onHand"), level.Long("reserved")));
        var read = await (await admin.GetAsync($"/admin/inventory/reservations/{id}")).Json();
        Assert.Equal("released", read.Str("status"));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, read.GetProperty("finishedAt").ValueKind);
        await (await admin.PostAsync($"/admin/inventory/reservations/{id}/consume", null)).Problem(HttpStatusCode.Conflict, "inventory.reservation_not_active");
        Assert.Single(await InventoryData.LedgerAsync(admin, variant));
    }

    [Fact]
    public async Task Consume_SellsTheUnits_WithALedgerRowPerLocation_AndRepeatingChangesNothing()
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var first = await InventoryData.LocationAsync(admin, priority: 1);
        var second = await InventoryData.LocationAsync(admin, priority: 2);
        await InventoryData.AdjustAsync(admin, variant, first, 2);
        await InventoryData.AdjustAsync(admin, variant, second, 5);
        var id = (await (await InventoryData.ReserveAsync(admin, variant, 3)).Json(HttpStatusCode.Created)).Str("id");

        var consumed = await (await admin.PostAsync($"/admin/inventory/reservations/{id}/consume", null)).Json();
        Assert.Equal("consumed", consumed.Str("status"));
        var again = await (await admin.PostAsync($"/admin/inventory/reservations/{id}/consume", null)).Json();
        Assert.Equal("consumed", again.Str("status"));

        var sold = (await InventoryData.LedgerAsync(admin, variant)).Where(e => e.Str("reason") == "sold").ToList();
        Assert.Equal(2, sold.Count);
        Assert.All(sold, e => Assert.Equal(id, e.Str("reference")));
        Assert.Equal(-3, sold.Sum(e => e.Long("delta")));
        var atFirst = (await InventoryData.LevelAsync(admin, variant, first))!.Value;
        var atSecond = (await InventoryData.LevelAsync(admin, variant, second))!.Value;
        Assert.Equal((0L, 0L), (atFirst.Long("onHand"), atFirst.Long("reserved")));
        Assert.Equal((4L, 0L), (atSecond.Long("onHand"), atSecond.Long("reserved")));
        Assert.Equal(0, sold.Single(e => e.Str("locationId") == first).Long("onHandAfter"));
        Assert.Equal(4, sold.Single(e => e.Str("locationId") == second).Long("onHandAfter"));

        await (await admin.DeleteAsync($"/admin/inventory/reservations/{id}")).Problem(HttpStatusCode.Conflict, "inventory.reservation_consumed");
    }

    [Fact]
    public async Task Consume_WhenTheHeldUnitsWereWrittenOff_Is409_AndSellsNothing()
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var location = await InventoryData.LocationAsync(admin);
        await InventoryData.AdjustAsync(admin, variant, location, 3);
        var id = (await (await InventoryData.ReserveAsync(admin, variant, 3, location)).Json(HttpStatusCode.Created)).Str("id");
        await InventoryData.AdjustAsync(admin, variant, location, -2, "damaged");
        Assert.Equal(-2, (await InventoryData.LevelAsync(admin, variant, location))!.Value.Long("available"));

        await (await admin.PostAsync($"/admin/inventory/reservations/{id}/consume", null)).Problem(HttpStatusCode.Conflict, "inventory.insufficient_stock");
        Assert.Equal("active", (await (await admin.GetAsync($"/admin/inventory/reservations/{id}")).Json()).Str("status"));
        await (await admin.DeleteAsync($"/admin/inventory/reservations/{id}")).Json(HttpStatusCode.NoContent);
        Assert.Equal(1, (await InventoryData.LevelAsync(admin, variant, location))!.Value.Long("available"));
    }

    [Theory]
    [InlineData(0, 900, "quantity")]
    [InlineData(-1, 900, "quantity")]
    [InlineData(100_001, 900, "quantity")]
    [InlineData(1, 0, "ttlSeconds")]
    [InlineData(1, 86_401, "ttlSeconds")]
    public async Task Reserve_WithAnOutOfRangeNumber_Is400NamingIt_AndHoldsNothing(long quantity, int ttlSeconds, string field)
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var location = await InventoryData.LocationAsync(admin);
        await InventoryData.AdjustAsync(admin, variant, location, 5);
        (await (await admin.PostJson("/admin/inventory/reservations", new { variantId = variant, quantity, ttlSeconds }))
            .Problem(HttpStatusCode.BadRequest, "validation.out_of_range")).HasFieldError(field);
        Assert.Equal(0, (await InventoryData.LevelAsync(admin, variant, location))!.Value.Long("reserved"));
    }

    [Theory]
    [InlineData("""{"variantId":"{variant}","quantity":"2"}""", "request.invalid_field", "quantity")]
    [InlineData("""{"variantId":"{variant}","quantity":2,"locationId":42}""", "request.invalid_field", "locationId")]
    [InlineData("""{"variantId":"{variant}","quantity":2,"hold":true}""", "request.unknown_field", "hold")]
    [InlineData("""{"variantId":"{variant}"}""", "request.missing_field", "quantity")]
    [InlineData("""{"variantId":"{variant}","quantity":2,"reference":null,}""", "request.malformed_json", "body")]
    [InlineData("""["{variant}"]""", "request.invalid_field", "body")]
    public async Task Reserve_WithABadBody_Is400NamingTheField(string template, string code, string field)
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var location = await InventoryData.LocationAsync(admin);
        await InventoryData.AdjustAsync(admin, variant, location, 5);
        var body = template.Replace("{variant}", variant);
        (await (await admin.SendRaw(HttpMethod.Post, "/admin/inventory/reservations", body)).Problem(HttpStatusCode.BadRequest, code)).HasFieldError(field);
        Assert.Equal(0, (await InventoryData.LevelAsync(admin, variant, location))!.Value.Long("reserved"));
    }

    [Fact]
    public async Task Reserve_UnknownIds_Are400_ArchivedOnes422()
    {
        var admin = app.Admin();
        (await (await InventoryData.ReserveAsync(admin, Guid.NewGuid().ToString(), 1)).Problem(HttpStatusCode.BadRequest, "inventory.unknown_variant"))
            .HasFieldError("variantId");
        var product = await InventoryData.ProductAsync(admin);
        var variant = product.GetProperty("variants")[0].Str("id");
        (await (await InventoryData.ReserveAsync(admin, variant, 1, Guid.NewGuid().ToString())).Problem(HttpStatusCode.BadRequest, "inventory.unknown_location"))
            .HasFieldError("locationId");

        var location = await InventoryData.LocationAsync(admin);
        await InventoryData.AdjustAsync(admin, variant, location, 5);
        await (await admin.DeleteAsync($"/admin/locations/{location}")).Json();
        await (await InventoryData.ReserveAsync(admin, variant, 1, location)).Problem(HttpStatusCode.UnprocessableEntity, "inventory.location_archived");

        await (await admin.DeleteAsync($"/admin/products/{product.Str("id")}")).Json();
        await (await InventoryData.ReserveAsync(admin, variant, 1)).Problem(HttpStatusCode.UnprocessableEntity, "inventory.variant_archived");
    }

    [Fact]
    public async Task UnknownReservation_Is404_ForEveryAction()
    {
        var admin = app.Admin();
        var id = Guid.NewGuid();
        await (await admin.GetAsync($"/admin/inventory/reservations/{id}")).Problem(HttpStatusCode.NotFound, "inventory.reservation_not_found");
        await (await admin.DeleteAsync($"/admin/inventory/reservations/{id}")).Problem(HttpStatusCode.NotFound, "inventory.reservation_not_found");
        await (await admin.PostAsync($"/admin/inventory/reservations/{id}/consume", null)).Problem(HttpStatusCode.NotFound, "inventory.reservation_not_found");
    }
}
