using System.Net;
using System.Text.Json;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Inventory;

public class TransferTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private async Task<(string Variant, string From, string To)> StockAsync(long units)
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var from = await InventoryData.LocationAsync(admin);
        var to = await InventoryData.LocationAsync(admin);
        await InventoryData.AdjustAsync(admin, variant, from, units);
        return (variant, from, to);
    }

    private async Task<JsonElement> TransferAsync(string variant, string from, string to, long quantity) =>
        await (await app.Admin().PostJson("/admin/inventory/transfers",
            new { fromLocationId = from, toLocationId = to, lines = new[] { new { variantId = variant, quantity } }, note = "restock" }))
            .Json(HttpStatusCode.Created);

    private Task<HttpResponseMessage> StepAsync(string id, string step) =>
        app.Admin().PostAsync($"/admin/inventory/transfers/{id}/{step}", null);

    private async Task<long> OnHandAsync(string variant, string location) =>
        (await InventoryData.LevelAsync(app.Admin(), variant, location))?.Long("onHand") ?? 0;

    [Fact]
    public async Task Transfer_Requested_Shipped_Received_MovesTheUnits_WithLedgerRowsAtBothEnds()
    {
        var (variant, from, to) = await StockAsync(10);
        var transfer = await TransferAsync(variant, from, to, 4);
        var id = transfer.Str("id");
        Assert.Equal("requested", transfer.Str("status"));
        Assert.Equal("restock", transfer.Str("note"));
        Assert.Equal(10, await OnHandAsync(variant, from));

        var shipped = await (await StepAsync(id, "ship")).Json();
        Assert.Equal("shipped", shipped.Str("status"));
        Assert.NotEqual(JsonValueKind.Null, shipped.GetProperty("shippedAt").ValueKind);
        Assert.Equal(6, await OnHandAsync(variant, from));
        Assert.Equal(0, await OnHandAsync(variant, to));

        var received = await (await StepAsync(id, "receive")).Json();
        Assert.Equal("received", received.Str("status"));
        Assert.Equal(6, await OnHandAsync(variant, from));
        Assert.Equal(4, await OnHandAsync(variant, to));

        var moves = (await InventoryData.LedgerAsync(app.Admin(), variant)).Where(e => e.Str("reason") == "transferred").ToList();
        Assert.Equal(2, moves.Count);
        Assert.All(moves, e => Assert.Equal(id, e.Str("reference")));
        Assert.Equal(-4, moves.Single(e => e.Str("locationId") == from).Long("delta"));
        Assert.Equal(4, moves.Single(e => e.Str("locationId") == to).Long("delta"));

        var read = await (await app.Admin().GetAsync($"/admin/inventory/transfers/{id}")).Json();
        Assert.Equal(received.GetRawText(), read.GetRawText());
        var list = await (await app.Admin().GetAsync("/admin/inventory/transfers?status=received&limit=100")).Json();
        Assert.Contains(list.GetProperty("items").EnumerateArray(), t => t.Str("id") == id);
        var requested = await (await app.Admin().GetAsync("/admin/inventory/transfers?status=requested&limit=100")).Json();
        Assert.DoesNotContain(requested.GetProperty("items").EnumerateArray(), t => t.Str("id") == id);
    }

    [Fact]
    public async Task Ship_TakesOnlyUnreservedUnits_AndWhenShortShipsNothing()
    {
        var (variant, from, to) = await StockAsync(5);
        await (await InventoryData.ReserveAsync(app.Admin(), variant, 3, from)).Json(HttpStatusCode.Created);
        var id = (await TransferAsync(variant, from, to, 3)).Str("id");
        var problem = await (await StepAsync(id, "ship")).Problem(HttpStatusCode.Conflict, "inventory.insufficient_stock");
        Assert.Equal(2, problem.Long("available"));
        Assert.Equal(5, await OnHandAsync(variant, from));
        Assert.Equal("requested", (await (await app.Admin().GetAsync($"/admin/inventory/transfers/{id}")).Json()).Str("status"));
    }

    [Fact]
    public async Task Steps_OutOfOrder_Are409_AndMoveNothing()
    {
        var (variant, from, to) = await StockAsync(5);
        var id = (await TransferAsync(variant, from, to, 2)).Str("id");
        await (await StepAsync(id, "receive")).Problem(HttpStatusCode.Conflict, "inventory.invalid_transfer_state");
        await (await StepAsync(id, "ship")).Json();
        await (await StepAsync(id, "ship")).Problem(HttpStatusCode.Conflict, "inventory.invalid_transfer_state");
        await (await StepAsync(id, "receive")).Json();
        await (await StepAsync(id, "receive")).Problem(HttpStatusCode.Conflict, "inventory.invalid_transfer_state");
        await (await StepAsync(id, "cancel")).Problem(HttpStatusCode.Conflict, "inventory.invalid_transfer_state");
        Assert.Equal(3, await OnHandAsync(variant, from));
        Assert.Equal(2, await OnHandAsync(variant, to));
    }

    [Fact]
    public async Task Cancel_ARequestedTransfer_MovesNothing_AShippedOne_ReturnsTheUnits()
    {
        var (variant, from, to) = await StockAsync(8);
        var requested = (await TransferAsync(variant, from, to, 3)).Str("id");
        Assert.Equal("cancelled", (await (await StepAsync(requested, "cancel")).Json()).Str("status"));
        Assert.Equal(8, await OnHandAsync(variant, from));
        await (await StepAsync(requested, "ship")).Problem(HttpStatusCode.Conflict, "inventory.invalid_transfer_state");

        var shipped = (await TransferAsync(variant, from, to, 3)).Str("id");
        await (await StepAsync(shipped, "ship")).Json();
        Assert.Equal(5, await OnHandAsync(variant, from));
        var cancelled = await (await StepAsync(shipped, "cancel")).Json();
        Assert.Equal("cancelled", cancelled.Str("status"));
        Assert.Equal(8, await OnHandAsync(variant, from));
        Assert.Equal(0, await OnHandAsync(variant, to));
        var ledger = await InventoryData.LedgerAsync(app.Admin(), variant, from);
        Assert.Equal([3L, -3, 8], ledger.Select(e => e.Long("delta")));
        Assert.Equal(8, ledger[0].Long("onHandAfter"));
    }

    [Fact]
    public async Task Create_WithInvalidInput_NamesTheFields_AndCreatesNothing()
    {
        var (variant, from, to) = await StockAsync(5);
        var admin = app.Admin();
        async Task<JsonElement> Refused(object body, HttpStatusCode status, string code) =>
            await (await admin.PostJson("/admin/inventory/transfers", body)).Problem(status, code);

        (await Refused(new { fromLocationId = from, toLocationId = from, lines = new[] { new { variantId = variant, quantity = 1 } } },
            HttpStatusCode.BadRequest, "inventory.same_location")).HasFieldError("toLocationId");
        (await Refused(new { fromLocationId = from, toLocationId = to, lines = Array.Empty<object>() },
            HttpStatusCode.BadRequest, "validation.required")).HasFieldError("lines");
        (await Refused(new { fromLocationId = from, toLocationId = to, lines = new[] { new { variantId = variant, quantity = 0 } } },
            HttpStatusCode.BadRequest, "validation.out_of_range")).HasFieldError("lines[0].quantity");
        (await Refused(new { fromLocationId = from, toLocationId = to, lines = new[] { new { variantId = variant, quantity = 1 }, new { variantId = variant, quantity = 2 } } },
            HttpStatusCode.BadRequest, "inventory.duplicate_variant")).HasFieldError("lines[1].variantId");
        (await Refused(new { fromLocationId = from, toLocationId = to, lines = new[] { new { variantId = Guid.NewGuid().ToString(), quantity = 1 } } },
            HttpStatusCode.BadRequest, "inventory.unknown_variant")).HasFieldError("lines[0].variantId");
        (await Refused(new { fromLocationId = Guid.NewGuid().ToString(), toLocationId = to, lines = new[] { new { variantId = variant, quantity = 1 } } },
            HttpStatusCode.BadRequest, "inventory.unknown_location")).HasFieldError("fromLocationId");
        (await (await admin.SendRaw(HttpMethod.Post, "/admin/inventory/transfers", $$"""{"fromLocationId":"{{from}}","toLocationId":"{{to}}"}"""))
            .Problem(HttpStatusCode.BadRequest, "request.missing_field")).HasFieldError("lines");
        (await (await admin.SendRaw(HttpMethod.Post, "/admin/inventory/transfers", $$"""{"fromLocationId":"{{from}}","toLocationId":"{{to}}","lines":[null]}"""))
            .Json(HttpStatusCode.BadRequest)).HasFieldError("lines[0]");

        await (await admin.DeleteAsync($"/admin/locations/{to}")).Json();
        await Refused(new { fromLocationId = from, toLocationId = to, lines = new[] { new { variantId = variant, quantity = 1 } } },
            HttpStatusCode.UnprocessableEntity, "inventory.location_archived");

        var all = await (await admin.GetAsync("/admin/inventory/transfers?limit=100")).Json();
        Assert.DoesNotContain(all.GetProperty("items").EnumerateArray(), t => t.Str("fromLocationId") == from);
    }

    [Fact]
    public async Task List_IsNewestFirst_AndPages()
    {
        var (variant, from, to) = await StockAsync(5);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add((await TransferAsync(variant, from, to, 1)).Str("id"));
        var first = await (await app.Admin().GetAsync("/admin/inventory/transfers?status=requested&limit=2")).Json();
        var page = first.GetProperty("items").EnumerateArray().Select(t => t.Str("id")).ToList();
        Assert.Equal([ids[2], ids[1]], page);
        var second = await (await app.Admin().GetAsync($"/admin/inventory/transfers?status=requested&limit=2&cursor={first.Str("nextCursor")}")).Json();
        Assert.Equal(ids[0], second.GetProperty("items")[0].Str("id"));
        (await (await app.Admin().GetAsync("/admin/inventory/transfers?status=lost")).Problem(HttpStatusCode.BadRequest, "inventory.invalid_status"))
            .HasFieldError("status");
    }

    [Fact]
    public async Task UnknownTransfer_Is404()
    {
        var id = Guid.NewGuid();
        await (await app.Admin().GetAsync($"/admin/inventory/transfers/{id}")).Problem(HttpStatusCode.NotFound, "inventory.transfer_not_found");
        foreach (var step in new[] { "ship", "receive", "cancel" })
            await (await StepAsync(id.ToString(), step)).Problem(HttpStatusCode.NotFound, "inventory.transfer_not_found");
    }
}
