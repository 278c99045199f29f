using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Runner.BrowserTests;

/// <summary>The merchant in the dashboard, following a shopper's order from the live figures to a refund.</summary>
[Collection(StoreCollection.Name)]
public sealed class MerchantTests(StoreFixture store)
{
    [SkippableFact]
    public async Task TheMerchant_SeesAnOrderArriveLive_FulfilsIt_RefundsOneItemWithRestock_AndProfitAndStockFollow()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        var merchant = await store.NewPageAsync();
        await Merchant.SignInAsync(merchant, store.Host.OwnerEmail, store.Host.OwnerPassword, screenshot: true);
        var stockBefore = await Merchant.AvailableAsync(merchant, "R-018-YELLOW", "Main Warehouse");
        await merchant.GotoAsync("/dashboard");
        await Expect(merchant.Locator("html[data-live-stream='ready']")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        var profitBefore = await Merchant.KpiAsync(merchant, "net-profit");
        var ordersBefore = long.Parse(await Merchant.KpiAsync(merchant, "orders"), System.Globalization.CultureInfo.InvariantCulture);
        var purchasesBefore = await merchant.Locator("[data-step='purchases']").InnerTextAsync();
        await StoreFixture.CheckAsync(merchant, "dashboard-home");

        // A shopper buys two dry bags while the merchant's home page is open: it follows without a reload.
        var shopper = await store.NewPageAsync(phone: true);
        var order = await Shopper.BuyAsync(shopper, "dry bag", "Roll-top Dry Bag 20L", "Yellow", 2, Shopper.GoodCard);
        await Expect(merchant.Locator("[data-kpi='orders'] .value")).ToHaveTextAsync((ordersBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 15_000 });
        await Expect(merchant.Locator("[data-kpi='net-profit'] .value")).Not.ToHaveTextAsync(profitBefore);
        await Expect(merchant.Locator("[data-step='purchases']")).Not.ToHaveTextAsync(purchasesBefore);
        var profitAfterSale = await Merchant.KpiAsync(merchant, "net-profit");
        await StoreFixture.CheckAsync(merchant, "dashboard-home-after-sale");
        Assert.Equal(stockBefore - 2, await Merchant.AvailableAsync(merchant, "R-018-YELLOW", "Main Warehouse"));
        await StoreFixture.CheckAsync(merchant, "dashboard-inventory");

        // The order, from the list.
        await merchant.GotoAsync("/dashboard/orders");
        await StoreFixture.CheckAsync(merchant, "dashboard-orders");
        await merchant.GetByRole(AriaRole.Link, new() { Name = order, Exact = true }).ClickAsync();
        await Expect(merchant.Locator("h1")).ToHaveTextAsync($"Order {order}");
        await StoreFixture.CheckAsync(merchant, "dashboard-order");
        await Merchant.ReleaseIfHeldAsync(merchant);

        // Fulfil with a tracking number.
        await merchant.GetByLabel("Carrier").FillAsync("UPS");
        await merchant.GetByLabel("Tracking number").FillAsync("1Z999AA10123456784");
        await merchant.GetByRole(AriaRole.Button, new() { Name = "Mark as shipped" }).ClickAsync();
        await Expect(merchant.Locator("[data-status='fulfilment']")).ToHaveTextAsync("fulfilled");
        await Expect(merchant.Locator("[data-shipments]")).ToContainTextAsync("1Z999AA10123456784");

        // The sandbox's payments are authorized at checkout and captured by the merchant (the store's capture setting).
        await merchant.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Capture ") }).ClickAsync();
        await Expect(merchant.Locator("[data-status='payment']")).ToHaveTextAsync("paid");

        // Refund one of the two, back into the warehouse.
        await merchant.GetByLabel(new Regex("Roll-top Dry Bag 20L .*units to refund")).FillAsync("1");
        await merchant.GetByLabel("Restock location").SelectOptionAsync(new SelectOptionValue { Label = "Main Warehouse" });
        await merchant.GetByLabel("Reason for the refund").FillAsync("Arrived damaged");
        await merchant.GetByRole(AriaRole.Button, new() { Name = "Refund", Exact = true }).ClickAsync();
        await Expect(merchant.Locator("[data-status='payment']")).ToHaveTextAsync("partially refunded");
        await Expect(merchant.Locator("tr[data-line='R-018-YELLOW'] [data-refunded]")).ToHaveTextAsync("1");
        await StoreFixture.CheckAsync(merchant, "dashboard-order-refunded");

        // Profit and stock follow.
        await merchant.GotoAsync("/dashboard");
        await Expect(merchant.Locator("[data-kpi='net-profit'] .value")).Not.ToHaveTextAsync(profitAfterSale, new() { Timeout = 15_000 });
        Assert.Equal(stockBefore - 1, await Merchant.AvailableAsync(merchant, "R-018-YELLOW", "Main Warehouse"));
    }
}
