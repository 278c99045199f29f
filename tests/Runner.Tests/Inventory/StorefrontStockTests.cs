using System.Net;
using System.Text.Json;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Inventory;

/// <summary>What storefronts see: units available on their channel, and the inStock filter of the product list.</summary>
public class StorefrontStockTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private async Task<JsonElement[]> StoreListAsync(string tag, string extra = "") =>
        [.. (await (await app.Store().GetAsync($"/store/products?tag={tag}&limit=100{extra}")).Json()).GetProperty("items").EnumerateArray()];

    private static long Available(JsonElement product) => product.GetProperty("variants")[0].Long("available");

    [Fact]
    public async Task StoreProducts_ShowUnitsAvailable_AndInStockFilters()
    {
        var admin = app.Admin();
        var tag = InventoryData.Unique("stock").ToLowerInvariant();
        var stocked = await InventoryData.ProductAsync(admin, tag);
        var empty = await InventoryData.ProductAsync(admin, tag);
        var variant = stocked.GetProperty("variants")[0].Str("id");
        var first = await InventoryData.LocationAsync(admin, priority: 1);
        var second = await InventoryData.LocationAsync(admin, priority: 2);
        await InventoryData.AdjustAsync(admin, variant, first, 3);
        await InventoryData.AdjustAsync(admin, variant, second, 2);

        var all = await StoreListAsync(tag);
        Assert.Equal(2, all.Length);
        var shown = all.Single(p => p.Str("id") == stocked.Str("id"));
        Assert.Equal(5, Available(shown));
        Assert.True(shown.GetProperty("availableForSale").GetBoolean());
        Assert.Equal(0, Available(all.Single(p => p.Str("id") == empty.Str("id"))));

        Assert.Equal([stocked.Str("id")], (await StoreListAsync(tag, "&inStock=true")).Select(p => p.Str("id")));
        Assert.Equal([empty.Str("id")], (await StoreListAsync(tag, "&inStock=false")).Select(p => p.Str("id")));

        var one = await (await app.Store().GetAsync($"/store/products/{stocked.Str("handle")}")).Json();
        Assert.Equal(5, Available(one));

        await (await InventoryData.ReserveAsync(admin, variant, 4)).Json(HttpStatusCode.Created);
        Assert.Equal(1, Available((await StoreListAsync(tag, "&inStock=true")).Single()));
        await (await InventoryData.ReserveAsync(admin, variant, 1)).Json(HttpStatusCode.Created);
        Assert.Empty(await StoreListAsync(tag, "&inStock=true"));
        Assert.Equal(0, Available((await StoreListAsync(tag)).Single(p => p.Str("id") == stocked.Str("id"))));
    }

    [Fact]
    public async Task StockAtLocationsThatDoNotFulfilTheChannel_OrAreArchived_DoesNotCount()
    {
        var admin = app.Admin();
        var tag = InventoryData.Unique("stock").ToLowerInvariant();
        var product = await InventoryData.ProductAsync(admin, tag);
        var variant = product.GetProperty("variants")[0].Str("id");
        var backRoom = await InventoryData.LocationAsync(admin, channels: []);
        var closing = await InventoryData.LocationAsync(admin);
        var open = await InventoryData.LocationAsync(admin);
        await InventoryData.AdjustAsync(admin, variant, backRoom, 40);
        await InventoryData.AdjustAsync(admin, variant, closing, 7);
        await InventoryData.AdjustAsync(admin, variant, open, 1);
        Assert.Equal(8, Available((await StoreListAsync(tag)).Single()));

        await (await admin.DeleteAsync($"/admin/locations/{closing}")).Json();
        Assert.Equal(1, Available((await StoreListAsync(tag, "&inStock=true")).Single()));

        // A shortfall at one location (reserved units written off) does not hide units at another.
        var id = (await (await InventoryData.ReserveAsync(admin, variant, 1, open)).Json(HttpStatusCode.Created)).Str("id");
        await InventoryData.AdjustAsync(admin, variant, open, -1, "damaged");
        var other = await InventoryData.LocationAsync(admin);
        await InventoryData.AdjustAsync(admin, variant, other, 2);
        Assert.Equal(2, Available((await StoreListAsync(tag, "&inStock=true")).Single()));
        await (await admin.DeleteAsync($"/admin/inventory/reservations/{id}")).Json(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task AdminProductList_FiltersByStockOnAChannel()
    {
        var admin = app.Admin();
        var tag = InventoryData.Unique("stock").ToLowerInvariant();
        var stocked = await InventoryData.ProductAsync(admin, tag);
        await InventoryData.ProductAsync(admin, tag);
        var location = await InventoryData.LocationAsync(admin);
        await InventoryData.AdjustAsync(admin, stocked.GetProperty("variants")[0].Str("id"), location, 1);
        var channel = (await (await admin.GetAsync("/admin/channels")).Json()).GetProperty("items").EnumerateArray()
            .First(c => c.GetProperty("isDefault").GetBoolean()).Str("id");
        var list = await (await admin.GetAsync($"/admin/products?tag={tag}&channel={channel}&inStock=true")).Json();
        Assert.Equal([stocked.Str("id")], list.GetProperty("items").EnumerateArray().Select(p => p.Str("id")));
    }
}
