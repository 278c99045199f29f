using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Runner.BrowserTests;

/// <summary>
/// The settings pages: an Owner changes the store, taxes, shipping, payments, staff and API keys, and the audit log
/// lists it; a Support member is kept out of settings and refunds. Everything a test adds it removes again (the host
/// is shared): the order prefix goes back to "#", the added zones are deleted, the fraud threshold restored.
/// </summary>
[Collection(StoreCollection.Name)]
public sealed partial class SettingsTests(StoreFixture store, ITestOutputHelper output)
{
    private const string Password = "support password 2026";

    [SkippableFact]
    public async Task TheOwner_ChangesEverySetting_AndTheAuditLogListsTheChanges()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        var page = await store.NewPageAsync();
        await Merchant.SignInAsync(page, store.Host.OwnerEmail, store.Host.OwnerPassword);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var (taxZone, shippingZone, keyName, email) = ($"Iceland {marker}", $"Iceland {marker}", $"Reporting {marker}", $"sam-{marker}@example.com");
        var review = (await store.AdminGetAsync("/admin/settings/payments")).GetProperty("fraud").GetProperty("reviewThreshold").GetInt32();
        try
        {
            // The store: the order prefix changes and is saved, then goes back to "#".
            await VisitAsync(page, "/dashboard/settings", "Settings", "dashboard-settings");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "API keys" })).ToBeVisibleAsync();
            await SetPrefixAsync(page, "RUN-");
            Assert.Equal("RUN-", (await store.AdminGetAsync("/admin/store")).GetProperty("orderNumberPrefix").GetString());
            await SetPrefixAsync(page, "#");

            // Taxes: add a zone with a rate, see it, delete it.
            await VisitAsync(page, "/dashboard/settings/taxes", "Taxes", "dashboard-settings-taxes");
            await page.GetByLabel("Country", new() { Exact = true }).SelectOptionAsync("IS");
            await page.GetByLabel("Zone name").FillAsync(taxZone);
            await page.GetByLabel("Tax name (shoppers see it)").FillAsync("VAT");
            await page.GetByLabel("Rate (%)").FillAsync("24");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add zone" }).ClickAsync();
            await Expect(page.Locator($"tr[data-zone='{taxZone}']")).ToContainTextAsync("VAT: 24%");
            await StoreFixture.CheckAsync(page, "dashboard-settings-taxes-added");
            await page.GetByRole(AriaRole.Button, new() { Name = $"Delete zone {taxZone}" }).ClickAsync();
            await Expect(page.Locator($"tr[data-zone='{taxZone}']")).ToHaveCountAsync(0);
            await Expect(page.Locator("tr[data-zone='California']")).ToHaveCountAsync(1);

            // Shipping: add a zone with a flat rate, change its price, delete it.
            await VisitAsync(page, "/dashboard/settings/shipping", "Shipping", "dashboard-settings-shipping");
            await page.GetByLabel("Zone name").FillAsync(shippingZone);
            await page.GetByLabel(new Regex("^Countries")).FillAsync("IS");
            await page.GetByLabel(new Regex("^Rate name")).FillAsync("Standard");
            await page.GetByLabel(new Regex("^Flat price")).FillAsync("12.50");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add zone" }).ClickAsync();
            var price = page.GetByLabel($"Price of Standard in {shippingZone} (USD)");
            await Expect(price).ToHaveValueAsync("12.50");
            await price.FillAsync("14");
            await page.GetByRole(AriaRole.Button, new() { Name = $"Save price of Standard in {shippingZone}" }).ClickAsync();
            await Expect(page.GetByLabel($"Price of Standard in {shippingZone} (USD)")).ToHaveValueAsync("14.00");
            await StoreFixture.CheckAsync(page, "dashboard-settings-shipping-added");
            await page.GetByRole(AriaRole.Button, new() { Name = $"Delete zone {shippingZone}" }).ClickAsync();
            await Expect(page.Locator($"[data-shipping-zone='{shippingZone}']")).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-shipping-zone='United States']")).ToHaveCountAsync(1);

            // Payments: the review threshold changes and is saved, then goes back.
            await VisitAsync(page, "/dashboard/settings/payments", "Payments", "dashboard-settings-payments");
            await SetReviewThresholdAsync(page, review + 5);
            Assert.Equal(review + 5, (await store.AdminGetAsync("/admin/settings/payments")).GetProperty("fraud").GetProperty("reviewThreshold").GetInt32());
            await SetReviewThresholdAsync(page, review);

            // Staff: invite as Support, change the role, disable, enable, disable again (the account is not used).
            await VisitAsync(page, "/dashboard/settings/staff", "Staff", "dashboard-settings-staff");
            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Sam Support");
            await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Support" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(email);
            var row = page.Locator($"tr[data-email='{email}']");
            await Expect(row.Locator("[data-status]")).ToHaveTextAsync("invited");
            await Expect(row.GetByLabel("Role of Sam Support", new() { Exact = true })).ToHaveValueAsync("support");
            await row.GetByLabel("Role of Sam Support", new() { Exact = true }).SelectOptionAsync("analyst");
            await row.GetByRole(AriaRole.Button, new() { Name = "Change role of Sam Support" }).ClickAsync();
            await Expect(row.GetByLabel("Role of Sam Support", new() { Exact = true })).ToHaveValueAsync("analyst");
            await row.GetByRole(AriaRole.Button, new() { Name = "Disable Sam Support" }).ClickAsync();
            await Expect(row.Locator("[data-status]")).ToHaveTextAsync("disabled");
            await row.GetByRole(AriaRole.Button, new() { Name = "Enable Sam Support" }).ClickAsync();
            await Expect(row.Locator("[data-status]")).ToHaveTextAsync("invited");
            await StoreFixture.CheckAsync(page, "dashboard-settings-staff-invited");
            await row.GetByRole(AriaRole.Button, new() { Name = "Disable Sam Support" }).ClickAsync();
            await Expect(row.Locator("[data-status]")).ToHaveTextAsync("disabled");

            // API keys: the secret is shown once, works, and stops working once revoked.
            await VisitAsync(page, "/dashboard/settings/api-keys", "API keys", "dashboard-settings-api-keys");
            await page.GetByLabel(new Regex("^Name")).FillAsync(keyName);
            await page.GetByLabel("orders:read", new() { Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
            var secret = await page.Locator("[data-secret]").InputValueAsync();
            Assert.StartsWith("rk_", secret, StringComparison.Ordinal);
            await StoreFixture.CheckAsync(page, "dashboard-settings-api-key-created");
            Assert.Equal(HttpStatusCode.OK, await store.StatusWithKeyAsync(secret));
            await page.GotoAsync("/dashboard/settings/api-keys");
            await Expect(page.Locator("[data-secret]")).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {keyName}" }).ClickAsync();
            await Expect(page.Locator($"tr[data-key='{keyName}'] [data-status]")).ToContainTextAsync("revoked");
            Assert.Equal(HttpStatusCode.Unauthorized, await store.StatusWithKeyAsync(secret));

            // The audit log lists each of those changes, and filters by action.
            await VisitAsync(page, "/dashboard/settings/audit", "Audit log", "dashboard-settings-audit");
            foreach (var action in new[] { "UpdateStore", "CreateTaxZone", "DeleteTaxZone", "CreateShippingZone", "UpdateShippingZone",
                "DeleteShippingZone", "UpdatePaymentSettings", "InviteStaff", "UpdateStaff", "DisableStaff", "EnableStaff", "CreateApiKey", "RevokeApiKey" })
            {
                await Expect(page.Locator($"tr[data-action='{action}']").First).ToBeVisibleAsync();
            }
            await page.GetByLabel(new Regex("^Action")).FillAsync("InviteStaff");
            await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
            await Expect(page.Locator("tr[data-action='InviteStaff']").First).ToBeVisibleAsync();
            await Expect(page.Locator("table[data-audit] tbody tr:not([data-action='InviteStaff'])")).ToHaveCountAsync(0);
            await VisitAsync(page, "/dashboard/settings", "Settings", null, phone: true);
        }
        finally
        {
            await RestoreAsync(marker, review);
        }
    }

    [SkippableFact]
    public async Task ASupportMember_CannotOpenSettings_NorRefundAnOrder()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        using var admin = store.Admin();
        var email = $"support-{Guid.NewGuid():N}@example.com";
        using (var invited = await admin.PostAsJsonAsync("/admin/staff", new { email, name = "Sol Support", role = "support" }))
            Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        using var anonymous = new HttpClient { BaseAddress = store.Host.BaseAddress };
        using (var accepted = await anonymous.PostAsJsonAsync("/admin/auth/invitation/accept", new { token = await InvitationAsync(email), password = Password }))
            Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());

        // A paid order, something to refund.
        var shopper = await store.NewPageAsync(phone: true);
        var order = await BuyAsync(shopper);
        var orders = await store.AdminGetAsync("/admin/orders?limit=50");
        var id = orders.GetProperty("items").EnumerateArray().First(o => o.GetProperty("name").GetString() == order).GetProperty("id").GetString();
        // The shoppers of a test run share one address and one card: the fraud rules may hold the order; release it.
        using (await admin.PostAsJsonAsync($"/admin/orders/{id}/release", new { })) { }
        using (var capture = new HttpRequestMessage(HttpMethod.Post, $"/admin/orders/{id}/capture") { Content = JsonContent.Create(new { }) })
        {
            capture.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var captured = await admin.SendAsync(capture);
            Assert.True(captured.IsSuccessStatusCode, await captured.Content.ReadAsStringAsync());
        }

        var page = await store.NewPageAsync();
        await Merchant.SignInAsync(page, email, Password);
        await Expect(page.Locator("nav.side").GetByRole(AriaRole.Link, new() { Name = "Orders" })).ToBeVisibleAsync();
        await Expect(page.Locator("nav.side").GetByRole(AriaRole.Link, new() { Name = "Settings" })).ToHaveCountAsync(0);
        foreach (var path in new[] { "/dashboard/settings", "/dashboard/settings/payments", "/dashboard/settings/staff", "/dashboard/settings/api-keys" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            await Expect(page.Locator("h1")).ToHaveTextAsync("Not for your role");
        }
        await StoreFixture.CheckAsync(page, "dashboard-settings-denied");

        await page.GotoAsync($"/dashboard/orders/{id}");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Order {order}");
        await Expect(page.Locator("[data-status='payment']")).ToHaveTextAsync("paid");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Refund", Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Refund", Exact = true })).ToHaveCountAsync(0);

        // The API refuses their refund as well.
        using var signIn = await anonymous.PostAsJsonAsync("/admin/auth/password", new { email, password = Password });
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        using var refund = new HttpRequestMessage(HttpMethod.Post, $"/admin/orders/{id}/refunds")
        {
            Content = JsonContent.Create(new { amount = new { amount = 100, currency = "USD" }, reason = "Asked by the customer" }),
        };
        refund.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        refund.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var refused = await anonymous.SendAsync(refund);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    /// <summary>
    /// A dry bag bought with the good card; the order's name. A host's first payment can take longer than the
    /// shopper's usual wait on a busy machine: then the confirmation gets a while longer before the test gives up.
    /// </summary>
    private static async Task<string> BuyAsync(IPage shopper)
    {
        try
        {
            return await Shopper.BuyAsync(shopper, "dry bag", "Roll-top Dry Bag 20L", "Yellow", 1, Shopper.GoodCard);
        }
        catch (PlaywrightException) when (shopper.Url.EndsWith("/checkout", StringComparison.Ordinal))
        {
            await Expect(shopper.Locator("h1")).ToHaveTextAsync("Thank you!", new() { Timeout = 30_000 });
            return Regex.Match(await shopper.GetByRole(AriaRole.Status).InnerTextAsync(), @"#\d+").Value;
        }
    }

    /// <summary>Opens a page, checks it shows <paramref name="title"/>, and checks it (axe, screenshot) when named; logs how long it took.</summary>
    private async Task VisitAsync(IPage page, string path, string title, string? check, bool phone = false)
    {
        if (phone) await page.SetViewportSizeAsync(360, 740);
        var clock = Stopwatch.StartNew();
        var response = await page.GotoAsync(path);
        output.WriteLine($"{path}: {response?.Status} in {clock.ElapsedMilliseconds} ms");
        await Expect(page.Locator("h1")).ToHaveTextAsync(title);
        if (check is not null) await StoreFixture.CheckAsync(page, check);
        if (phone) await StoreFixture.CheckAsync(page, "dashboard-settings-phone");
    }

    private static async Task SetPrefixAsync(IPage page, string prefix)
    {
        await page.GetByLabel("Order number prefix").FillAsync(prefix);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await Expect(page.GetByLabel("Order number prefix")).ToHaveValueAsync(prefix);
    }

    private static async Task SetReviewThresholdAsync(IPage page, int threshold)
    {
        await page.GetByLabel("Review threshold (score)").FillAsync(threshold.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await Expect(page.GetByLabel("Review threshold (score)")).ToHaveValueAsync(threshold.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Puts back what the test may have left changed when it failed half-way: prefix "#", threshold, its zones gone.</summary>
    private async Task RestoreAsync(string marker, int review)
    {
        using var admin = store.Admin();
        using (await admin.PatchAsJsonAsync("/admin/store", new { orderNumberPrefix = "#" })) { }
        using (await admin.PatchAsJsonAsync("/admin/settings/payments", new { fraud = new { reviewThreshold = review } })) { }
        foreach (var (list, path) in new[] { ("/admin/settings/taxes/zones", "/admin/settings/taxes/zones"), ("/admin/settings/shipping-zones", "/admin/settings/shipping-zones") })
        {
            foreach (var zone in (await store.AdminGetAsync(list)).GetProperty("items").EnumerateArray())
            {
                if (zone.GetProperty("name").GetString()?.Contains(marker, StringComparison.Ordinal) == true)
                    using (await admin.DeleteAsync($"{path}/{zone.GetProperty("id").GetString()}")) { }
            }
        }
    }

    /// <summary>The token of the invitation emailed to <paramref name="email"/> (a .eml file in the host's mail folder).</summary>
    private async Task<string> InvitationAsync(string email)
    {
        for (var i = 0; i < 200; i++)
        {
            if (Directory.Exists(store.Host.MailFolder))
            {
                foreach (var file in Directory.GetFiles(store.Host.MailFolder, "*.eml"))
                {
                    var text = await File.ReadAllTextAsync(file);
                    if (!text.Contains($"To: {email}", StringComparison.OrdinalIgnoreCase) || !text.Contains("You are invited", StringComparison.Ordinal)) continue;
                    var unfolded = text.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);
                    return InvitationToken().Match(unfolded).Groups[1].Value;
                }
            }
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"No invitation to {email} arrived.");
    }

    [GeneratedRegex(@"accept-invitation\?token=([A-Za-z0-9._\-]+)")]
    private static partial Regex InvitationToken();
}
