using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Runner.BrowserTests;

/// <summary>A shopper on the reference storefront, in a real Chromium against a real host.</summary>
[Collection(StoreCollection.Name)]
public sealed class ShopperTests(StoreFixture store)
{
    [SkippableFact]
    public async Task AShopper_FindsAProductBySearch_PicksAVariant_BuysTwo_AndSeesTheConfirmation()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        var page = await store.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("Juniper"));
        await StoreFixture.CheckAsync(page, "store-home");

        var order = await Shopper.BuyAsync(page, "enamel mug", "Enamel Camp Mug", "Blue Speckle", 2, Shopper.GoodCard, screenshots: true);

        await Expect(page.Locator("h1")).ToHaveTextAsync("Thank you!");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(order);
        await Expect(page.Locator("main table:not(.totals) tbody tr")).ToContainTextAsync("Enamel Camp Mug — Blue Speckle");
        await StoreFixture.CheckAsync(page, "store-confirmation");

        // The order is real: the admin API has it, with two units of the chosen variant and a captured or authorized card.
        var orders = await store.AdminGetAsync("/admin/orders?limit=50");
        var placed = orders.GetProperty("items").EnumerateArray().Single(o => o.GetProperty("name").GetString() == order);
        var detail = await store.AdminGetAsync($"/admin/orders/{placed.GetProperty("id").GetString()}");
        var line = detail.GetProperty("lines").EnumerateArray().Single();
        Assert.Equal("Blue Speckle", line.GetProperty("variantTitle").GetString());
        Assert.Equal(2, line.GetProperty("quantity").GetInt64());
    }

    [SkippableFact]
    public async Task ADeclinedCard_ShowsTheGatewaysMessage_AndLeavesTheCartIntact()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        var page = await store.NewPageAsync(phone: true);
        await Shopper.AddToCartAsync(page, "wool blanket", "Wool Camp Blanket", "Grey Stripe", 1);
        await Shopper.CheckoutAsync(page, Shopper.DeclinedCard);

        var problem = page.Locator("[data-problem]");
        await Expect(problem).ToContainTextAsync("declined");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Checkout");
        await StoreFixture.CheckAsync(page, "store-checkout-declined");

        await page.GotoAsync("/cart");
        await Expect(page.Locator("main table:not(.totals) tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("main table:not(.totals) tbody tr")).ToContainTextAsync("Wool Camp Blanket");
        // And a good card then goes through on the same cart.
        await Shopper.CheckoutAsync(page, Shopper.GoodCard);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Thank you!");
    }

    [SkippableFact]
    public async Task ACardThatAsksFor3DSecure_IsConfirmedByTheShopper_BeforeTheOrderIsPlaced()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        var page = await store.NewPageAsync();
        await Shopper.AddToCartAsync(page, "beanie", "Harbor Knit Beanie", "Mustard", 1);
        await Shopper.CheckoutAsync(page, "4000 0027 6000 3184");
        // No order yet: the bank's challenge first.
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Confirm your payment" })).ToBeVisibleAsync();
        await StoreFixture.CheckAsync(page, "store-checkout-3ds");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm payment" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Thank you!");
    }
}
