using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Runner.BrowserTests;

/// <summary>What staff do in the dashboard, as a person would.</summary>
public static class Merchant
{
    public static async Task SignInAsync(IPage page, string email, string password, bool screenshot = false)
    {
        await page.GotoAsync("/dashboard");
        await StoreFixture.ReachedAsync(page, "/dashboard/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        if (screenshot) await StoreFixture.CheckAsync(page, "dashboard-sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Today");
    }

    /// <summary>
    /// Releases the open order from fraud review when it is held: every shopper of a test run comes from one address
    /// with the same test card, so the velocity rules hold the later orders, as they should.
    /// </summary>
    public static async Task ReleaseIfHeldAsync(IPage page)
    {
        if (await page.Locator("[data-review]").CountAsync() == 0) return;
        await page.GetByRole(AriaRole.Button, new() { Name = "Release the order" }).ClickAsync();
        await Expect(page.Locator("[data-review]")).ToHaveCountAsync(0);
    }

    /// <summary>A figure of the home page (data-kpi), as shown.</summary>
    public static Task<string> KpiAsync(IPage page, string name) => page.Locator($"[data-kpi='{name}'] .value").InnerTextAsync();

    /// <summary>The units available of a SKU at a location, as the inventory page shows them.</summary>
    public static async Task<long> AvailableAsync(IPage page, string sku, string location)
    {
        await page.GotoAsync("/dashboard/inventory?q=" + Uri.EscapeDataString(sku));
        var cell = page.Locator($"tr[data-sku='{sku}'] td[data-location='{location}'] [data-available]");
        return long.Parse(await cell.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
