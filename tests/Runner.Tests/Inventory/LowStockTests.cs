using System.Net;
using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Outbox;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Inventory;

public class LowStockTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private async Task<bool> IsLowAsync(string variant, string location)
    {
        var page = await (await app.Admin().GetAsync($"/admin/inventory/low-stock?locationId={location}&limit=100")).Json();
        return page.GetProperty("items").EnumerateArray().Any(l => l.Str("variantId") == variant);
    }

    private Task<HttpResponseMessage> SetThresholdAsync(string variant, string location, long? threshold) =>
        app.Admin().SendAsync(new HttpRequestMessage(HttpMethod.Put, "/admin/inventory/thresholds")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { variantId = variant, locationId = location, threshold }),
        });

    private Task<int> LowMessagesAsync(string variant) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Type == "inventory.level.low" && m.Payload.Contains(variant)));

    [Fact]
    public async Task Threshold_PutsALevelOnTheLowStockList_WhenAvailableFallsToIt()
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var location = await InventoryData.LocationAsync(admin);
        await InventoryData.AdjustAsync(admin, variant, location, 10);

        var level = await (await SetThresholdAsync(variant, location, 5)).Json();
        Assert.Equal(5, level.Long("lowStockThreshold"));
        Assert.False(await IsLowAsync(variant, location));

        await (await InventoryData.ReserveAsync(admin, variant, 3, location)).Json(HttpStatusCode.Created);
        Assert.False(await IsLowAsync(variant, location));
        await InventoryData.AdjustAsync(admin, variant, location, -2, "damaged");
        Assert.True(await IsLowAsync(variant, location));
        Assert.Equal(1, await LowMessagesAsync(variant));

        await InventoryData.AdjustAsync(admin, variant, location, -1, "damaged");
        Assert.Equal(1, await LowMessagesAsync(variant)); // once on the way down, not on every change while low

        var cleared = await (await SetThresholdAsync(variant, location, null)).Json();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.GetProperty("lowStockThreshold").ValueKind);
        Assert.False(await IsLowAsync(variant, location));
    }

    [Fact]
    public async Task Threshold_OnAnUntouchedLevel_CreatesIt_AtZero_AndItIsLow()
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var location = await InventoryData.LocationAsync(admin);
        var level = await (await SetThresholdAsync(variant, location, 0)).Json();
        Assert.Equal((0L, 0L), (level.Long("onHand"), level.Long("lowStockThreshold")));
        Assert.True(await IsLowAsync(variant, location));
        var all = await (await admin.GetAsync("/admin/inventory/low-stock?limit=100")).Json();
        Assert.Contains(all.GetProperty("items").EnumerateArray(), l => l.Str("variantId") == variant);
    }

    [Fact]
    public async Task Threshold_WithBadInput_Is400NamingTheField()
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var location = await InventoryData.LocationAsync(admin);
        (await (await SetThresholdAsync(variant, location, -1)).Problem(HttpStatusCode.BadRequest, "validation.out_of_range")).HasFieldError("threshold");
        (await (await SetThresholdAsync(variant, location, 1_000_001)).Problem(HttpStatusCode.BadRequest, "validation.out_of_range")).HasFieldError("threshold");
        (await (await SetThresholdAsync(Guid.NewGuid().ToString(), location, 1)).Problem(HttpStatusCode.BadRequest, "inventory.unknown_variant")).HasFieldError("variantId");
        (await (await admin.SendRaw(HttpMethod.Put, "/admin/inventory/thresholds", $$"""{"variantId":"{{variant}}","locationId":"{{location}}"}"""))
            .Problem(HttpStatusCode.BadRequest, "request.missing_field")).HasFieldError("threshold");
        Assert.Null(await InventoryData.LevelAsync(admin, variant, location));
    }

    [Fact]
    public async Task FallingToTheThreshold_EmailsTheStoresContactAddress()
    {
        var admin = app.Admin();
        await (await admin.PatchJson("/admin/store", new { contactEmail = "stock@example.com" })).Json();
        var product = await InventoryData.ProductAsync(admin);
        var variant = product.GetProperty("variants")[0].Str("id");
        var sku = product.GetProperty("variants")[0].Str("sku");
        var location = await InventoryData.LocationAsync(admin);
        await InventoryData.AdjustAsync(admin, variant, location, 10);
        await (await SetThresholdAsync(variant, location, 3)).Json();

        await (await InventoryData.ReserveAsync(admin, variant, 8)).Json(HttpStatusCode.Created);

        var mail = await WaitForMailAsync(sku);
        Assert.Contains("To: stock@example.com", mail);
        Assert.Contains($"Low stock: {sku}", mail);
        Assert.Contains("Available now: 2 unit(s); the low-stock threshold is 3.", mail);
    }

    private async Task<string> WaitForMailAsync(string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(app.MailDirectory))
            {
                foreach (var file in Directory.GetFiles(app.MailDirectory, "*.eml"))
                {
                    var content = await File.ReadAllTextAsync(file);
                    if (content.Contains(text, StringComparison.Ordinal)) return content;
                }
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"No email mentioning {text} arrived in {app.MailDirectory}.");
    }
}
