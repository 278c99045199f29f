using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Runner.BrowserTests;

/// <summary>What a shopper does on the storefront, step by step, as a person would (labels, roles, visible text).</summary>
public static class Shopper
{
    /// <summary>The sandbox's test cards (../shared/data/payment-test-cards): one that succeeds, one generically declined.</summary>
    public const string GoodCard = "4242 4242 4242 4242", DeclinedCard = "4000 0000 0000 0002";

    public static async Task AddToCartAsync(IPage page, string search, string product, string variant, int quantity, bool screenshots = false)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Search products").FillAsync(search);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync(search);
        if (screenshots) await StoreFixture.CheckAsync(page, "store-search");
        await page.GetByRole(AriaRole.Link, new() { Name = product }).First.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(product);
        var option = page.Locator("#variant option", new() { HasTextString = variant });
        await page.GetByLabel("Choose").SelectOptionAsync(await option.GetAttributeAsync("value") ?? "");
        await page.GetByLabel("Quantity").FillAsync(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (screenshots) await StoreFixture.CheckAsync(page, "store-product");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await StoreFixture.ReachedAsync(page, "/cart$");
        await Expect(page.Locator("main table:not(.totals) tbody tr", new() { HasTextString = product })).ToContainTextAsync(variant);
        if (screenshots) await StoreFixture.CheckAsync(page, "store-cart");
    }

    /// <summary>Where a shopper lives, as an address form asks for it (a country of null leaves the form's own).</summary>
    public sealed record Address(string FirstName, string LastName, string Street, string City, string Region, string PostalCode, string? Country = "US");

    public static readonly Address Portland = new("Ada", "Lovelace", "1 Main St", "Portland", "OR", "97205");

    /// <summary>Fills an address form (checkout's or the account's) with <paramref name="a"/>; saving is the caller's.</summary>
    public static async Task FillAddressAsync(IPage page, Address a)
    {
        await page.GetByLabel("First name").FillAsync(a.FirstName);
        await page.GetByLabel("Last name").FillAsync(a.LastName);
        await page.GetByLabel("Address", new() { Exact = true }).FillAsync(a.Street);
        await page.GetByLabel("City").FillAsync(a.City);
        await page.GetByLabel("State or region").FillAsync(a.Region);
        await page.GetByLabel("Postal code").FillAsync(a.PostalCode);
        if (a.Country is { } country) await page.GetByLabel("Country").SelectOptionAsync(country);
    }

    /// <summary>From the cart: address in Portland, the first shipping rate, the card; ends on the confirmation or on a refusal.</summary>
    public static async Task CheckoutAsync(IPage page, string card, bool screenshots = false)
    {
        await page.GotoAsync("/cart");
        await page.GetByRole(AriaRole.Link, new() { Name = "Check out" }).ClickAsync();
        await StoreFixture.ReachedAsync(page, "/checkout$");
        if (await page.GetByLabel("First name").InputValueAsync() == "")
        {
            // A signed-in shopper's cart already has their email.
            if (await page.GetByLabel("Email").InputValueAsync() == "")
                await page.GetByLabel("Email").FillAsync($"shopper-{Guid.NewGuid():N}@example.com");
            await FillAddressAsync(page, Portland);
            if (screenshots) await StoreFixture.CheckAsync(page, "store-checkout-address");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save address" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Group, new() { Name = "2. Shipping" })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Use this shipping" }).ClickAsync();
        }
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "3. Payment" })).ToBeVisibleAsync();
        await page.GetByLabel("Name on card").FillAsync("Ada Lovelace");
        await page.GetByLabel("Card number").FillAsync(card);
        await page.GetByLabel("Expiry (MM/YY)").FillAsync("12/" + (DateTime.UtcNow.Year % 100 + 3));
        await page.GetByLabel("Security code").FillAsync("123");
        if (screenshots) await StoreFixture.CheckAsync(page, "store-checkout-payment");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Pay ") }).ClickAsync();
        await Expect(page.Locator("h1:has-text('Thank you!'), [data-problem], [data-card-error]:not(:empty), fieldset:has-text('Confirm your payment')")).ToBeVisibleAsync();
    }

    /// <summary>Searches, adds, checks out; returns the order's name (#1001) from the confirmation.</summary>
    public static async Task<string> BuyAsync(IPage page, string search, string product, string variant, int quantity, string card, bool screenshots = false)
    {
        await AddToCartAsync(page, search, product, variant, quantity, screenshots);
        await CheckoutAsync(page, card, screenshots);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Thank you!");
        var status = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        return System.Text.RegularExpressions.Regex.Match(status, @"#\d+").Value;
    }
}
