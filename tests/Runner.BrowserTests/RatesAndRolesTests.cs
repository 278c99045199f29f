using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Runner.BrowserTests;

/// <summary>Settings an Owner changes now and then: a zone's rates (one free from an amount) and a role of their own.</summary>
[Collection(StoreCollection.Name)]
public sealed class RatesAndRolesTests(StoreFixture store)
{
    [SkippableFact]
    public async Task TheOwner_AddsARateFreeFromAnAmount_AndMakesARoleOfTheirOwn()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        var page = await store.NewPageAsync();
        await Merchant.SignInAsync(page, store.Host.OwnerEmail, store.Host.OwnerPassword);

        var zone = $"Islands {Guid.NewGuid():N}"[..16];
        await page.GotoAsync("/dashboard/settings/shipping");
        await page.GetByLabel("Zone name").FillAsync(zone);
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Countries")).FillAsync("IS");
        await page.GetByLabel("Flat price (USD)").FillAsync("12.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add zone" }).ClickAsync();
        var section = page.Locator($"[data-shipping-zone='{zone}']");
        await section.GetByText($"Add a rate to {zone}").ClickAsync();
        await section.GetByLabel($"New rate in {zone}").FillAsync("Express");
        await section.GetByLabel("Carrier").FillAsync("DHL");
        await section.GetByLabel("Price (USD)").FillAsync("29.00");
        await section.GetByLabel("Free from (USD, optional)").FillAsync("250");
        await section.GetByLabel("Days, from").FillAsync("1");
        await section.GetByLabel("Days, to").FillAsync("2");
        await section.GetByRole(AriaRole.Button, new() { Name = "Add rate" }).ClickAsync();
        await Expect(section.Locator("[data-rate='Express']")).ToContainTextAsync("free from $250.00");
        await Expect(section.Locator("[data-rate='Standard']")).ToBeVisibleAsync();
        await StoreFixture.CheckAsync(page, "dashboard-settings-shipping-rates");
        await section.GetByRole(AriaRole.Button, new() { Name = $"Delete zone {zone}" }).ClickAsync();
        await Expect(page.Locator($"[data-shipping-zone='{zone}']")).ToHaveCountAsync(0);

        await page.GotoAsync("/dashboard/settings/roles");
        await page.GetByLabel("Name").FillAsync("Packer");
        await page.GetByLabel("inventory:read").CheckAsync();
        await page.GetByLabel("orders:read").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create role" }).ClickAsync();
        var role = page.Locator("[data-role-name='Packer']");
        await Expect(role).ToContainTextAsync("inventory:read, orders:read");
        await StoreFixture.CheckAsync(page, "dashboard-settings-roles");
        await role.GetByRole(AriaRole.Button, new() { Name = "Delete the role Packer" }).ClickAsync();
        await Expect(page.Locator("[data-role-name='Packer']")).ToHaveCountAsync(0);
    }
}
