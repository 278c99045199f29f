using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Runner.BrowserTests;

/// <summary>The day's other work in the dashboard: a return, an order edit, a transfer between locations.</summary>
[Collection(StoreCollection.Name)]
public sealed class OperationsTests(StoreFixture store)
{
    [SkippableFact]
    public async Task TheMerchant_TakesAReturnBack_EditsAnOrder_AndMovesStockBetweenLocations()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        var shopper = await store.NewPageAsync();
        var shipped = await Shopper.BuyAsync(shopper, "bottle", "Insulated Bottle 750ml", "Forest", 2, Shopper.GoodCard);
        var edited = await Shopper.BuyAsync(shopper, "bottle", "Insulated Bottle 750ml", "Glacier", 2, Shopper.GoodCard);
        var page = await store.NewPageAsync();
        await Merchant.SignInAsync(page, store.Host.OwnerEmail, store.Host.OwnerPassword);

        // A return: shipped and paid, one unit comes back, is received, restocked and refunded.
        await OpenAsync(page, shipped);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Capture ") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as shipped" }).ClickAsync();
        await Expect(page.Locator("[data-status='fulfilment']")).ToHaveTextAsync("fulfilled");
        await page.GetByLabel(new Regex("Insulated Bottle 750ml .*units coming back")).FillAsync("1");
        await page.GetByLabel("Reason for the return").FillAsync("Wrong colour");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open a return" }).ClickAsync();
        await Expect(page.Locator("[data-return='requested']")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "The goods are back" }).ClickAsync();
        await Expect(page.Locator("[data-return='received']")).ToBeVisibleAsync();
        await StoreFixture.CheckAsync(page, "dashboard-order-return");
        await page.GetByRole(AriaRole.Button, new() { Name = "Restock and refund" }).ClickAsync();
        await Expect(page.Locator("[data-status='payment']")).ToHaveTextAsync("partially refunded");
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Return");

        // An edit before shipping: two units become one; the order's total follows.
        await OpenAsync(page, edited);
        var before = await page.Locator(".totals tr:has-text('Total') td.num").First.InnerTextAsync();
        await page.GetByLabel(new Regex("Insulated Bottle 750ml .*quantity")).FillAsync("1");
        await page.GetByLabel("Reason for the edit").FillAsync("Customer asked for one");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the edit" }).ClickAsync();
        await Expect(page.Locator(".totals tr:has-text('Total') td.num").First).Not.ToHaveTextAsync(before);
        await Expect(page.Locator("main table:not(.totals) tbody tr").First).ToContainTextAsync("1");

        // A transfer: requested, shipped from the warehouse, received at the shop.
        await page.GotoAsync("/dashboard/inventory/transfers");
        await page.GetByLabel("From").SelectOptionAsync(new SelectOptionValue { Label = "Main Warehouse" });
        await page.GetByLabel("To").SelectOptionAsync(new SelectOptionValue { Label = "Pearl District Shop" });
        await page.GetByLabel("SKU").FillAsync("R-018-BLUE");
        await page.GetByLabel("Units").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request transfer" }).ClickAsync();
        var row = page.Locator("[data-transfers] tbody tr", new() { HasTextString = "R-018-BLUE" }).First;
        await Expect(row).ToContainTextAsync("requested");
        await StoreFixture.CheckAsync(page, "dashboard-transfers");
        var shopBefore = await Merchant.AvailableAsync(page, "R-018-BLUE", "Pearl District Shop");
        await page.GotoAsync("/dashboard/inventory/transfers");
        await row.GetByRole(AriaRole.Button, new() { Name = "Mark shipped" }).ClickAsync();
        await Expect(row).ToContainTextAsync("shipped");
        await row.GetByRole(AriaRole.Button, new() { Name = "Mark received" }).ClickAsync();
        await Expect(row).ToContainTextAsync("received");
        Assert.Equal(shopBefore + 3, await Merchant.AvailableAsync(page, "R-018-BLUE", "Pearl District Shop"));
    }

    [SkippableFact]
    public async Task AnOrderHeldForFraudReview_CannotBeShipped_UntilTheMerchantReleasesIt()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        using var admin = store.Admin();
        var fraud = (await store.AdminGetAsync("/admin/settings/payments")).GetProperty("fraud").Clone();
        // The shopper's email domain counted as disposable, any score held, none refused: this order is held.
        await PatchFraudAsync(admin, new { reviewThreshold = 1, refuseThreshold = 1000, disposableEmailDomains = new[] { "example.com" } });
        string order;
        try
        {
            order = await Shopper.BuyAsync(await store.NewPageAsync(), "socks", "Wool Hiking Socks (3-pack)", "M", 1, Shopper.GoodCard);
        }
        finally
        {
            await PatchFraudAsync(admin, fraud);
        }
        var page = await store.NewPageAsync();
        await Merchant.SignInAsync(page, store.Host.OwnerEmail, store.Host.OwnerPassword);
        await page.GotoAsync("/dashboard/orders");
        await page.GetByRole(AriaRole.Link, new() { Name = order, Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-review]")).ToContainTextAsync("Held for fraud review");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mark as shipped" })).ToHaveCountAsync(0);
        await StoreFixture.CheckAsync(page, "dashboard-order-held");
        await page.GetByRole(AriaRole.Button, new() { Name = "Release the order" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mark as shipped" })).ToBeVisibleAsync();
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Released from fraud review");
    }

    private static async Task PatchFraudAsync(HttpClient admin, object fraud)
    {
        using var patch = new HttpRequestMessage(HttpMethod.Patch, "/admin/settings/payments")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { fraud }),
        };
        using var patched = await admin.SendAsync(patch);
        Assert.True(patched.IsSuccessStatusCode, await patched.Content.ReadAsStringAsync());
    }

    private static async Task OpenAsync(IPage page, string order)
    {
        await page.GotoAsync("/dashboard/orders");
        await page.GetByRole(AriaRole.Link, new() { Name = order, Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Order {order}");
        await Merchant.ReleaseIfHeldAsync(page);
    }
}
