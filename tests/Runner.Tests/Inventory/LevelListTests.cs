using System.Net;
using System.Text.Json;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Inventory;

/// <summary><c>GET /admin/inventory/levels</c>: a page's variants in one call, and the levels that are short.</summary>
public class LevelListTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private static string[] Pairs(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(l => $"{l.Str("variantId")}@{l.Str("locationId")}")];

    private async Task<string[]> AllPagesAsync(HttpClient admin, string query)
    {
        var found = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await admin.GetAsync($"/admin/inventory/levels?{query}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)))).Json();
            found.AddRange(Pairs(page));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.String ? page.Str("nextCursor") : null;
        } while (cursor is not null);
        return [.. found];
    }

    [Fact]
    public async Task VariantIds_ListsTheLevelsOfThoseVariantsOnly_AcrossPages()
    {
        var admin = app.Admin();
        var (first, second, other) = (await InventoryData.VariantAsync(admin), await InventoryData.VariantAsync(admin), await InventoryData.VariantAsync(admin));
        var (a, b) = (await InventoryData.LocationAsync(admin), await InventoryData.LocationAsync(admin));
        foreach (var variant in new[] { first, second, other })
            foreach (var location in new[] { a, b })
                await InventoryData.AdjustAsync(admin, variant, location, 5);

        var found = await AllPagesAsync(admin, $"variantIds={first},{second},{first}&limit=1");
        Assert.Equal(new[] { $"{first}@{a}", $"{first}@{b}", $"{second}@{a}", $"{second}@{b}" }.Order(), found.Order());
        Assert.Equal([$"{second}@{b}"], await AllPagesAsync(admin, $"variantIds={first},{second}&variantId={second}&locationId={b}"));
        Assert.Empty(await AllPagesAsync(admin, $"variantIds={Guid.NewGuid()}"));
    }

    [Fact]
    public async Task Low_ListsLevelsAtOrBelowTheirThreshold_OrAtOrBelowZeroWithoutOne()
    {
        var admin = app.Admin();
        var (plenty, empty, atThreshold, aboveThreshold) = (await InventoryData.VariantAsync(admin), await InventoryData.VariantAsync(admin),
            await InventoryData.VariantAsync(admin), await InventoryData.VariantAsync(admin));
        var location = await InventoryData.LocationAsync(admin);
        await InventoryData.AdjustAsync(admin, plenty, location, 5);
        await InventoryData.AdjustAsync(admin, empty, location, 2);
        await InventoryData.AdjustAsync(admin, empty, location, -2, "damaged");
        foreach (var (variant, units) in new[] { (atThreshold, 3L), (aboveThreshold, 4L) })
        {
            await InventoryData.AdjustAsync(admin, variant, location, units);
            await (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/admin/inventory/thresholds")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { variantId = variant, locationId = location, threshold = 3 }),
            })).Json();
        }

        var low = await AllPagesAsync(admin, $"low=true&locationId={location}");
        Assert.Equal(new[] { $"{empty}@{location}", $"{atThreshold}@{location}" }.Order(), low.Order());
        Assert.Equal(4, (await AllPagesAsync(admin, $"locationId={location}")).Length);
    }

    [Theory]
    [InlineData("variantIds=not-a-uuid", "request.invalid_parameter")]
    [InlineData("variantIds=,", "request.invalid_parameter")]
    public async Task VariantIds_ThatAreNotIds_Are400(string query, string code) =>
        (await (await app.Admin().GetAsync("/admin/inventory/levels?" + query)).Problem(HttpStatusCode.BadRequest, code)).HasFieldError("variantIds");

    [Fact]
    public async Task VariantIds_AboveAHundred_Are400()
    {
        var ids = string.Join(',', Enumerable.Range(0, 101).Select(_ => Guid.NewGuid()));
        (await (await app.Admin().GetAsync("/admin/inventory/levels?variantIds=" + ids)).Problem(HttpStatusCode.BadRequest, "validation.too_many"))
            .HasFieldError("variantIds");
    }
}
