using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Runner.BrowserTests;

/// <summary>
/// The settings a merchant used to need the API for, changed through the pages as they would: a tax zone's rates,
/// shipping rates by weight and subtotal and a zone's postal codes (quoted at checkout), currencies and their rates, an
/// API key's rotation and a gateway's webhook secret. Each result is read back through the admin API (or the
/// storefront, or the key and the webhook themselves); each refused change shows the API's reason next to its form
/// and leaves the settings as they were. Everything a test adds it removes again (the host is shared).
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class SettingsFormsTests(StoreFixture store)
{
    private static readonly string Marker = Guid.NewGuid().ToString("N")[..8];

    [SkippableFact]
    public async Task TheOwner_ChangesTheRatesOfATaxZone_AndARefusedRateChangesNothing()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        using var admin = store.Admin();
        var zone = $"Iceland {Marker}";
        using var created = await admin.PostAsJsonAsync("/admin/settings/taxes/zones",
            new { country = "IS", name = zone, rates = new[] { new { category = "standard", name = "VAT", percentage = 24m } } });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        try
        {
            var page = await SignedInAsync();
            await page.GotoAsync("/dashboard/settings/taxes");
            var editor = page.Locator($"[data-edit-zone='{zone}']");
            await editor.Locator("summary").ClickAsync();
            await editor.GetByLabel($"Percentage, line 1 of {zone}").FillAsync("25.5");
            await editor.GetByLabel($"Applies to, line 2 of {zone}").SelectOptionAsync("reduced");
            await editor.GetByLabel($"Tax name, line 2 of {zone}").FillAsync("Reduced VAT");
            await editor.GetByLabel($"Percentage, line 2 of {zone}").FillAsync("11");
            await StoreFixture.CheckAsync(page, "dashboard-settings-taxes-rates");
            await editor.GetByRole(AriaRole.Button, new() { Name = $"Save rates of {zone}" }).ClickAsync();
            await Expect(page.Locator($"tr[data-zone='{zone}']")).ToContainTextAsync("Reduced VAT: 11% (reduced)");
            Assert.Equal(["standard VAT 25.5", "reduced Reduced VAT 11"], await TaxRatesAsync(id!));

            // 150 % is no rate: the API's reason stands next to the form, which keeps what was typed; nothing is saved,
            // not even the removal ticked in the same form.
            editor = page.Locator($"[data-edit-zone='{zone}']");
            await editor.Locator("summary").ClickAsync();
            await editor.GetByLabel($"Percentage, line 1 of {zone}").FillAsync("150");
            await editor.GetByLabel($"Remove line 2 of {zone}").CheckAsync();
            await editor.GetByRole(AriaRole.Button, new() { Name = $"Save rates of {zone}" }).ClickAsync();
            await Expect(editor.GetByRole(AriaRole.Alert)).ToContainTextAsync("from 0 to 100");
            await Expect(editor.GetByLabel($"Percentage, line 1 of {zone}")).ToHaveValueAsync("150");
            await StoreFixture.CheckAsync(page, "dashboard-settings-taxes-refused");
            Assert.Equal(["standard VAT 25.5", "reduced Reduced VAT 11"], await TaxRatesAsync(id!));

            // Put right, the same form saves: VAT at 24 %, the reduced rate removed.
            await editor.GetByLabel($"Percentage, line 1 of {zone}").FillAsync("24");
            await editor.GetByRole(AriaRole.Button, new() { Name = $"Save rates of {zone}" }).ClickAsync();
            await Expect(page.Locator($"tr[data-zone='{zone}']")).Not.ToContainTextAsync("Reduced VAT");
            Assert.Equal(["standard VAT 24"], await TaxRatesAsync(id!));
        }
        finally
        {
            using (await admin.DeleteAsync($"/admin/settings/taxes/zones/{id}")) { }
        }
    }

    [SkippableFact]
    public async Task TwoPagesChangeOneTaxZone_TheOneOpenedBeforeTheOthersChangeIsRefused_AndUndoesNothing()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        using var admin = store.Admin();
        var zone = $"Gozo {Marker}";
        using var created = await admin.PostAsJsonAsync("/admin/settings/taxes/zones",
            new { country = "MT", region = zone, name = zone, rates = new[] { new { category = "standard", name = "VAT", percentage = 18m } } });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        try
        {
            var first = await SignedInAsync();
            var second = await SignedInAsync();
            await first.GotoAsync("/dashboard/settings/taxes");
            await second.GotoAsync("/dashboard/settings/taxes");

            await SaveVatAsync(first, zone, "19");
            await Expect(first.Locator($"tr[data-zone='{zone}']")).ToContainTextAsync("19%");
            Assert.Equal(["standard VAT 19"], await TaxRatesAsync(id!));

            // The second page still shows 18 %: its change would undo the first's, so it is refused, and stays refused.
            var editor = await SaveVatAsync(second, zone, "17");
            await Expect(editor.GetByRole(AriaRole.Alert)).ToContainTextAsync("Someone else changed this since the page was opened");
            await StoreFixture.CheckAsync(second, "dashboard-settings-taxes-changed-meanwhile");
            await editor.GetByRole(AriaRole.Button, new() { Name = $"Save rates of {zone}" }).ClickAsync();
            await Expect(editor.GetByRole(AriaRole.Alert)).ToContainTextAsync("Someone else changed this since the page was opened");
            Assert.Equal(["standard VAT 19"], await TaxRatesAsync(id!));

            // Reloaded, it shows the first change and saves its own over it.
            await second.GotoAsync("/dashboard/settings/taxes");
            await SaveVatAsync(second, zone, "17");
            await Expect(second.Locator($"tr[data-zone='{zone}']")).ToContainTextAsync("17%");
            Assert.Equal(["standard VAT 17"], await TaxRatesAsync(id!));
        }
        finally
        {
            using (await admin.DeleteAsync($"/admin/settings/taxes/zones/{id}")) { }
        }
    }

    private static async Task<ILocator> SaveVatAsync(IPage page, string zone, string percentage)
    {
        var editor = page.Locator($"[data-edit-zone='{zone}']");
        await editor.Locator("summary").ClickAsync();
        await editor.GetByLabel($"Percentage, line 1 of {zone}").FillAsync(percentage);
        await editor.GetByRole(AriaRole.Button, new() { Name = $"Save rates of {zone}" }).ClickAsync();
        return page.Locator($"[data-edit-zone='{zone}']");
    }

    [SkippableFact]
    public async Task TheOwner_PricesShippingByWeightAndSubtotal_ForPostalCodes_AndCheckoutQuotesThem()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        var zone = $"Alaska {Marker}";
        try
        {
            var page = await SignedInAsync();
            await page.GotoAsync("/dashboard/settings/shipping");
            await page.GetByLabel("Zone name").FillAsync(zone);
            await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Countries")).FillAsync("IS");
            await page.GetByLabel("Flat price (USD)").FillAsync("9.00");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add zone" }).ClickAsync();
            var section = page.Locator($"[data-shipping-zone='{zone}']");
            await Expect(section).ToBeVisibleAsync();

            // The zone moves to Alaska's ZIP codes: they leave the United States zone for this one.
            await section.GetByText($"Name and places of {zone}").ClickAsync();
            await section.GetByLabel($"Places of {zone}, one a line").FillAsync("US: 995*, 996*");
            await section.GetByRole(AriaRole.Button, new() { Name = "Save name and places" }).ClickAsync();
            await Expect(section.Locator("[data-places]")).ToHaveTextAsync("US (995*, 996*)");

            // A rate by weight (in the store's kg) and one by subtotal, each in bands.
            await AddBandedRateAsync(section, zone, "Parcel by weight", "weight", ("0", "1", "7.00"), ("1", "", "12.00"));
            await Expect(section.Locator("[data-rate='Parcel by weight']")).ToContainTextAsync("0 kg to 1 kg: $7.00; 1 kg and up: $12.00");
            await AddBandedRateAsync(section, zone, "Parcel by subtotal", "subtotal", ("0", "100", "15.00"), ("100", "", "0"));
            await Expect(section.Locator("[data-rate='Parcel by subtotal']")).ToContainTextAsync("$0.00 to $100.00: $15.00; $100.00 and up: $0.00");
            await StoreFixture.CheckAsync(page, "dashboard-settings-shipping-bands");

            // Bands that overlap are refused, next to the form, and nothing is added.
            await AddBandedRateAsync(section, zone, "Overlapping", "weight", ("0", "2", "5.00"), ("1", "", "6.00"));
            await Expect(section.GetByRole(AriaRole.Alert)).ToContainTextAsync("overlaps");
            await Expect(section.GetByLabel($"New rate in {zone}")).ToHaveValueAsync("Overlapping");
            await StoreFixture.CheckAsync(page, "dashboard-settings-shipping-refused");
            await page.GotoAsync("/dashboard/settings/shipping");

            // The first band of the weight rate gets cheaper; the flat rate goes.
            section = page.Locator($"[data-shipping-zone='{zone}']");
            await section.GetByRole(AriaRole.Link, new() { Name = $"Change Parcel by weight in {zone}" }).ClickAsync();
            await Expect(section.GetByLabel("Name of the rate")).ToHaveValueAsync("Parcel by weight");
            await Expect(section.GetByLabel("Band 2 from")).ToHaveValueAsync("1");
            await section.GetByLabel("Band 1 price").FillAsync("6.50");
            await section.GetByLabel("Days, from").FillAsync("4");
            await section.GetByLabel("Days, to").FillAsync("8");
            await StoreFixture.CheckAsync(page, "dashboard-settings-shipping-rate-edit");
            await section.GetByRole(AriaRole.Button, new() { Name = "Save Parcel by weight" }).ClickAsync();
            await Expect(section.Locator("[data-rate='Parcel by weight']")).ToContainTextAsync("0 kg to 1 kg: $6.50");
            await section.GetByRole(AriaRole.Button, new() { Name = $"Delete rate Standard in {zone}" }).ClickAsync();
            await Expect(section.Locator("[data-rate='Standard']")).ToHaveCountAsync(0);

            var saved = await ZoneAsync(zone);
            var area = Assert.Single(saved.GetProperty("areas").EnumerateArray());
            Assert.Equal("US", area.GetProperty("country").GetString());
            Assert.Equal(["995*", "996*"], area.GetProperty("postalCodes").EnumerateArray().Select(p => p.GetString()));
            var rates = saved.GetProperty("rates").EnumerateArray().ToList();
            Assert.Equal(["Parcel by weight", "Parcel by subtotal"], rates.Select(r => r.GetProperty("name").GetString()));
            Assert.Equal(["weight 0-1000 650", "weight 1000- 1200"], Bands(rates[0]));
            Assert.Equal(4, rates[0].GetProperty("minDays").GetInt32());
            Assert.Equal(["subtotal 0-10000 1500", "subtotal 10000- 0"], Bands(rates[1]));

            // A shopper in Anchorage with a 380 g, $45 dry bag is offered both: $6.50 by weight, $15.00 by subtotal.
            var shopper = await store.NewPageAsync();
            await Shopper.AddToCartAsync(shopper, "dry bag", "Roll-top Dry Bag 20L", "Blue", 1);
            await shopper.GotoAsync("/checkout");
            await shopper.GetByLabel("Email").FillAsync($"shopper-{Marker}@example.com");
            await Shopper.FillAddressAsync(shopper, new("Ada", "Lovelace", "1 Harbor Way", "Anchorage", "AK", "99501"));
            await shopper.GetByRole(AriaRole.Button, new() { Name = "Save address" }).ClickAsync();
            var shipping = shopper.GetByRole(AriaRole.Group, new() { Name = "2. Shipping" });
            await Expect(shipping).ToContainTextAsync("Parcel by weight — $6.50");
            await Expect(shipping).ToContainTextAsync("Parcel by subtotal — $15.00");
            await Expect(shipping).Not.ToContainTextAsync("Express");
            await StoreFixture.CheckAsync(shopper, "store-checkout-banded-rates");
        }
        finally
        {
            using var admin = store.Admin();
            foreach (var z in (await store.AdminGetAsync("/admin/settings/shipping-zones")).GetProperty("items").EnumerateArray())
            {
                if (z.GetProperty("name").GetString()?.Contains(Marker, StringComparison.Ordinal) == true)
                    using (await admin.DeleteAsync($"/admin/settings/shipping-zones/{z.GetProperty("id").GetString()}")) { }
            }
        }
    }

    [SkippableFact]
    public async Task TheOwner_EnablesACurrency_SetsItsRate_AndDisablesIt()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        var before = await store.AdminGetAsync("/admin/settings/currencies");
        try
        {
            var page = await SignedInAsync();
            await page.GotoAsync("/dashboard/settings");
            await page.GetByRole(AriaRole.Link, new() { Name = "Currencies", Exact = true }).ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("Currencies");
            await StoreFixture.CheckAsync(page, "dashboard-settings-currencies");

            await page.GetByLabel("Currency", new() { Exact = true }).SelectOptionAsync("ISK");
            await page.GetByLabel("Rate: how many of it one USD buys").FillAsync("138.5");
            await page.GetByRole(AriaRole.Button, new() { Name = "Enable currency" }).ClickAsync();
            await Expect(page.GetByLabel("Rate of ISK: how many ISK one USD buys")).ToHaveValueAsync("138.5");
            Assert.Equal(138.5m, await RateAsync("ISK"));

            await page.GetByLabel("Rate of ISK: how many ISK one USD buys").FillAsync("140");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save rates" }).ClickAsync();
            await Expect(page.Locator("tr[data-currency='ISK']")).ToContainTextAsync("0.007143 USD");
            Assert.Equal(140m, await RateAsync("ISK"));

            // A rate of 0 is refused, with the API's reason, and the rate stays.
            await page.GetByLabel("Rate of ISK: how many ISK one USD buys").FillAsync("0");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save rates" }).ClickAsync();
            await Expect(page.Locator("form:has(table[data-currencies])").GetByRole(AriaRole.Alert)).ToContainTextAsync("greater than 0");
            await Expect(page.GetByLabel("Rate of ISK: how many ISK one USD buys")).ToHaveValueAsync("0");
            await StoreFixture.CheckAsync(page, "dashboard-settings-currencies-refused");
            Assert.Equal(140m, await RateAsync("ISK"));

            await page.GetByLabel("Disable ISK").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save rates" }).ClickAsync();
            await Expect(page.Locator("tr[data-currency='ISK']")).ToHaveCountAsync(0);
            Assert.Null(await RateAsync("ISK"));
        }
        finally
        {
            using var admin = store.Admin();
            var currencies = before.GetProperty("currencies").EnumerateArray()
                .Select(c => new { code = c.GetProperty("code").GetString(), rate = c.GetProperty("rate").GetDecimal() }).ToList();
            using (await admin.PutAsJsonAsync("/admin/settings/currencies", new { currencies })) { }
        }
    }

    [SkippableFact]
    public async Task TheOwner_RotatesAnApiKey_SeesTheNewSecretOnce_AndOnlyItWorks()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        var name = $"Rotating {Marker}";
        var page = await SignedInAsync();
        await page.GotoAsync("/dashboard/settings/api-keys");
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Name")).FillAsync(name);
        await page.GetByLabel("orders:read", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var first = await page.Locator("[data-secret]").InputValueAsync();
        Assert.Equal(HttpStatusCode.OK, await store.StatusWithKeyAsync(first));

        await page.GetByRole(AriaRole.Button, new() { Name = $"Rotate {name}" }).ClickAsync();
        await Expect(page.Locator("[data-created-key]")).ToContainTextAsync("has a new key");
        var second = await page.Locator("[data-secret]").InputValueAsync();
        Assert.StartsWith("rk_", second, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        await StoreFixture.CheckAsync(page, "dashboard-settings-api-key-rotated");
        Assert.Equal(HttpStatusCode.OK, await store.StatusWithKeyAsync(second));
        Assert.Equal(HttpStatusCode.Unauthorized, await store.StatusWithKeyAsync(first));

        // The same name, kind and permissions; the old key is listed as revoked, and the secret is not shown again.
        var keys = (await store.AdminGetAsync("/admin/api-keys")).GetProperty("items").EnumerateArray()
            .Where(k => k.GetProperty("name").GetString() == name).ToList();
        Assert.Equal(2, keys.Count);
        var active = Assert.Single(keys, k => !k.TryGetProperty("revokedAt", out var revoked) || revoked.ValueKind == JsonValueKind.Null);
        Assert.Equal(["orders:read"], active.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        await page.GotoAsync("/dashboard/settings/api-keys");
        await Expect(page.Locator("[data-secret]")).ToHaveCountAsync(0);
        await Expect(page.Locator($"tr[data-key='{name}'] [data-status]", new() { HasTextString = "revoked" })).ToHaveCountAsync(1);

        // The storefront's own key is neither rotated nor revoked here: the storefront would lose it until a restart.
        var storefront = page.Locator("tr:has([data-storefront-key])");
        await Expect(storefront).ToHaveCountAsync(1);
        await Expect(storefront.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        await Expect(page.Locator($"tr[data-key='{name}'] [data-status]", new() { HasTextString = "revoked" })).ToHaveCountAsync(2);
        Assert.Equal(HttpStatusCode.Unauthorized, await store.StatusWithKeyAsync(second));
    }

    [SkippableFact]
    public async Task TheOwner_SetsAGatewaysWebhookSecret_AndOnlyEventsSignedWithItAreTaken()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        var had = (await store.AdminGetAsync("/admin/settings/payments")).GetProperty("webhookGateways").EnumerateArray().Any(g => g.GetString() == "sandbox");
        Skip.If(had, "The sandbox gateway has a webhook secret already.");
        try
        {
            var page = await SignedInAsync();
            await page.GotoAsync("/dashboard/settings/payments#webhooks");
            await Expect(page.Locator("table[data-webhooks] tbody tr")).ToHaveCountAsync(0);

            // A secret the page generates, shown once, that the webhook then takes.
            await page.GetByLabel("Gateway", new() { Exact = true }).SelectOptionAsync("sandbox");
            await page.GetByRole(AriaRole.Button, new() { Name = "Generate a new secret" }).ClickAsync();
            var generated = await page.Locator("[data-webhook-secret]").InputValueAsync();
            Assert.StartsWith("whsec_", generated, StringComparison.Ordinal);
            await Expect(page.Locator("tr[data-webhook-gateway='sandbox']")).ToContainTextAsync("/webhooks/payments/sandbox");
            await StoreFixture.CheckAsync(page, "dashboard-settings-payments-webhook");
            Assert.Equal(HttpStatusCode.OK, await WebhookAsync(generated));

            // One the gateway gave, typed in: it replaces the generated one.
            var given = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            await page.GetByLabel("Gateway", new() { Exact = true }).SelectOptionAsync("sandbox");
            await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Secret the gateway gave you")).FillAsync(given);
            await page.GetByRole(AriaRole.Button, new() { Name = "Use this secret" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
            Assert.Equal(HttpStatusCode.OK, await WebhookAsync(given));
            Assert.Equal(HttpStatusCode.Unauthorized, await WebhookAsync(generated));

            // What is not a secret is refused next to the form; the secret stays.
            await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Secret the gateway gave you")).FillAsync("not a secret");
            await page.GetByRole(AriaRole.Button, new() { Name = "Use this secret" }).ClickAsync();
            await Expect(page.Locator("form:has(#webhook-secret)").GetByRole(AriaRole.Alert)).ToContainTextAsync("base64");
            await StoreFixture.CheckAsync(page, "dashboard-settings-payments-webhook-refused");
            Assert.Equal(HttpStatusCode.OK, await WebhookAsync(given));

            await page.GetByRole(AriaRole.Button, new() { Name = "Remove the webhook secret of sandbox" }).ClickAsync();
            await Expect(page.Locator("tr[data-webhook-gateway='sandbox']")).ToHaveCountAsync(0);
            Assert.Equal(HttpStatusCode.NotFound, await WebhookAsync(given));
            Assert.DoesNotContain("sandbox", (await store.AdminGetAsync("/admin/settings/payments")).GetProperty("webhookGateways")
                .EnumerateArray().Select(g => g.GetString()));
        }
        finally
        {
            using var admin = store.Admin();
            using (await admin.PatchAsJsonAsync("/admin/settings/payments", new { webhookSecrets = new Dictionary<string, string?> { ["sandbox"] = null } })) { }
        }
    }

    [SkippableFact]
    public async Task AStaffMemberWhoOnlyReadsSettings_SeesThemWithoutAFormToChangeThem()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        using var admin = store.Admin();
        using var made = await admin.PostAsJsonAsync("/admin/roles", new { name = $"Settings reader {Marker}", permissions = new[] { "settings:read" } });
        Assert.True(made.IsSuccessStatusCode, await made.Content.ReadAsStringAsync());
        var role = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        var email = await StaffAccounts.CreateAsync(store, role);
        var page = await store.NewPageAsync();
        await Merchant.SignInAsync(page, email, StaffAccounts.Password);

        foreach (var (path, title, shown) in new[]
        {
            ("/dashboard/settings/taxes", "Taxes", "tr[data-zone='California']"),
            ("/dashboard/settings/shipping", "Shipping", "[data-rate='Express']"),
            ("/dashboard/settings/currencies", "Currencies", "tr[data-currency='USD']"),
            ("/dashboard/settings/payments", "Payments", "h2#webhooks"),
        })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("h1")).ToHaveTextAsync(title);
            await Expect(page.Locator(shown)).ToBeVisibleAsync();
            await Expect(page.Locator("main :is(input, select, textarea, button):enabled:visible")).ToHaveCountAsync(0);
        }
        await StoreFixture.CheckAsync(page, "dashboard-settings-read-only");
    }

    private async Task<IPage> SignedInAsync()
    {
        var page = await store.NewPageAsync();
        await Merchant.SignInAsync(page, store.Host.OwnerEmail, store.Host.OwnerPassword);
        return page;
    }

    /// <summary>Opens the zone's rate form, names the rate, picks how it is priced and fills its bands (from, to, price); adds it.</summary>
    private static async Task AddBandedRateAsync(ILocator section, string zone, string name, string kind, params (string From, string To, string Price)[] bands)
    {
        var summary = section.GetByText($"Add a rate to {zone}");
        if (!await section.GetByLabel($"New rate in {zone}").IsVisibleAsync()) await summary.ClickAsync();
        await section.GetByLabel($"New rate in {zone}").FillAsync(name);
        await section.GetByLabel("Priced").SelectOptionAsync(kind);
        for (var i = 0; i < bands.Length; i++)
        {
            await section.GetByLabel($"Band {i + 1} from").FillAsync(bands[i].From);
            await section.GetByLabel($"Band {i + 1} to").FillAsync(bands[i].To);
            await section.GetByLabel($"Band {i + 1} price").FillAsync(bands[i].Price);
        }
        await section.GetByRole(AriaRole.Button, new() { Name = "Add rate" }).ClickAsync();
    }

    private static List<string> Bands(JsonElement rate) => [.. rate.GetProperty("bands").EnumerateArray().Select(b =>
        $"{rate.GetProperty("kind").GetString()} {b.GetProperty("from").GetInt64()}-{(b.TryGetProperty("to", out var to) && to.ValueKind == JsonValueKind.Number ? to.GetInt64().ToString(CultureInfo.InvariantCulture) : "")} {b.GetProperty("price").GetProperty("amount").GetInt64()}")];

    private async Task<JsonElement> ZoneAsync(string name) => (await store.AdminGetAsync("/admin/settings/shipping-zones")).GetProperty("items")
        .EnumerateArray().Single(z => z.GetProperty("name").GetString() == name);

    private async Task<List<string>> TaxRatesAsync(string id) => [.. (await store.AdminGetAsync($"/admin/settings/taxes/zones/{id}")).GetProperty("rates")
        .EnumerateArray().Select(r => $"{r.GetProperty("category").GetString()} {r.GetProperty("name").GetString()} {r.GetProperty("percentage").GetDecimal().ToString(CultureInfo.InvariantCulture)}")];

    private async Task<decimal?> RateAsync(string code) => (await store.AdminGetAsync("/admin/settings/currencies")).GetProperty("currencies")
        .EnumerateArray().Where(c => c.GetProperty("code").GetString() == code).Select(c => (decimal?)c.GetProperty("rate").GetDecimal()).FirstOrDefault();

    /// <summary>Posts an event to the sandbox gateway's webhook, signed with <paramref name="secret"/> (Standard Webhooks).</summary>
    private async Task<HttpStatusCode> WebhookAsync(string secret)
    {
        var (id, at) = ("evt_" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var body = JsonSerializer.Serialize(new { type = "payment.captured", data = new { reference = "no-such-payment-" + Marker } });
        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{at}.{body}")));
        using var http = new HttpClient { BaseAddress = store.Host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/payments/sandbox") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", at.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", "v1," + signature);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
