using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Runner.BrowserTests;

/// <summary>The inventory page, a page of products at a time, and its list of what is short.</summary>
[Collection(StoreCollection.Name)]
public sealed class InventoryPageTests(StoreFixture store)
{
    [SkippableFact]
    public async Task TheMerchant_PagesThroughTheStock_AndSeesWhatIsShort()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        var page = await store.NewPageAsync();
        await Merchant.SignInAsync(page, store.Host.OwnerEmail, store.Host.OwnerPassword);

        // The demo store's products take more than one page of 25; every variant that tracks stock shows once.
        await page.GotoAsync("/dashboard/inventory");
        var shown = new List<string>(await SkusAsync(page));
        var pages = 1;
        for (var next = page.GetByRole(AriaRole.Link, new() { Name = "Next page" }); await next.CountAsync() > 0 && pages < 20; pages++)
        {
            await next.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "First page" })).ToBeVisibleAsync();
            shown.AddRange(await SkusAsync(page));
        }
        Assert.True(pages > 1, "the demo store's stock fits one page");
        Assert.Equal((await TrackedSkusAsync()).Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));

        // A level at its threshold is listed among what is short, with its other locations; plenty of stock is not.
        using var admin = store.Admin();
        var variant = (await store.AdminGetAsync("/admin/variants?sku=R-018-BLUE")).GetProperty("items")[0].GetProperty("id").GetString()!;
        var level = (await store.AdminGetAsync($"/admin/inventory/levels?variantId={variant}")).GetProperty("items")[0];
        var location = level.GetProperty("locationId").GetString()!;
        await SetThresholdAsync(admin, variant, location, level.GetProperty("available").GetInt64());
        try
        {
            await page.GotoAsync("/dashboard/inventory?low=1");
            await Expect(page.Locator("tr[data-sku='R-018-BLUE']")).ToBeVisibleAsync();
            await Expect(page.Locator("tr[data-sku='R-018-BLUE'] td[data-location] [data-available].low")).ToHaveCountAsync(1);
            await StoreFixture.CheckAsync(page, "dashboard-inventory-low");
        }
        finally
        {
            await SetThresholdAsync(admin, variant, location, null);
        }
        await page.GotoAsync("/dashboard/inventory?low=1");
        await Expect(page.Locator("tr[data-sku='R-018-BLUE']")).ToHaveCountAsync(0);
    }

    private static async Task<string[]> SkusAsync(IPage page)
    {
        await Expect(page.Locator("h1")).ToHaveTextAsync("Inventory");
        return [.. await page.Locator("table[data-stock] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.sku)")];
    }

    /// <summary>The SKUs of live products' variants that track stock (denied when out of it, or stocked somewhere).</summary>
    private async Task<string[]> TrackedSkusAsync()
    {
        var stocked = new HashSet<string>();
        string? cursor = null;
        do
        {
            var levels = await store.AdminGetAsync("/admin/inventory/levels?limit=100" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            foreach (var l in levels.GetProperty("items").EnumerateArray()) stocked.Add(l.GetProperty("variantId").GetString()!);
            cursor = levels.GetProperty("nextCursor").ValueKind == JsonValueKind.String ? levels.GetProperty("nextCursor").GetString() : null;
        } while (cursor is not null);
        var skus = new List<string>();
        cursor = null;
        do
        {
            var products = await store.AdminGetAsync("/admin/products?limit=100" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            foreach (var p in products.GetProperty("items").EnumerateArray())
                foreach (var v in p.GetProperty("variants").EnumerateArray())
                    if (v.GetProperty("inventoryPolicy").GetString() == "deny" || stocked.Contains(v.GetProperty("id").GetString()!))
                        skus.Add(v.GetProperty("sku").GetString()!);
            cursor = products.GetProperty("nextCursor").ValueKind == JsonValueKind.String ? products.GetProperty("nextCursor").GetString() : null;
        } while (cursor is not null);
        return [.. skus];
    }

    private static async Task SetThresholdAsync(HttpClient admin, string variant, string location, long? threshold)
    {
        using var put = await admin.PutAsJsonAsync("/admin/inventory/thresholds", new { variantId = variant, locationId = location, threshold });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
    }
}
