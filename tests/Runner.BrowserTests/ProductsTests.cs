using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Runner.BrowserTests;

/// <summary>The merchant's products: the list and its search, a new product with two variants, its SEO, prices and stock in bulk.</summary>
[Collection(StoreCollection.Name)]
public sealed class ProductsTests(StoreFixture store)
{
    [SkippableFact]
    public async Task TheMerchant_FindsCreatesAndEditsAProduct_ChangesAPriceAndAStockCountInBulk_AndTheStorefrontFollows()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        var page = await store.NewPageAsync();
        await Merchant.SignInAsync(page, store.Host.OwnerEmail, store.Host.OwnerPassword);

        // The list, and a search.
        await page.GotoAsync("/dashboard/products");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Products");
        await StoreFixture.CheckAsync(page, "dashboard-products");
        await page.GetByLabel("Search").FillAsync("poncho");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.Locator("tr[data-handle='rain-poncho']")).ToHaveCountAsync(1);
        await Expect(page.Locator("tr[data-handle]")).ToHaveCountAsync(1);

        // A new product with an option, two variants and their cost.
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var title = $"Enamel Camp Mug {suffix}";
        var (red, blue) = ($"MUG-{suffix}-RED", $"MUG-{suffix}-BLUE");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add product" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("New product");
        await StoreFixture.CheckAsync(page, "dashboard-product-new");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("active");
        await page.GetByLabel("Description (HTML)").FillAsync("<p>A mug that takes the fire.</p>");
        await page.GetByLabel("Vendor").FillAsync("Juniper & Pine");
        await page.GetByLabel("Product type").FillAsync("Camp kitchen");
        await page.GetByLabel("Tags (separated by commas)").FillAsync("camp, kitchen");
        await page.GetByLabel("Image 1 URL").FillAsync("https://images.example.com/mug.jpg");
        await page.GetByLabel("Image 1 alt text").FillAsync("An enamel mug");
        await page.GetByLabel("Option 1 name").FillAsync("Colour");
        await page.GetByLabel("Option 1 values (separated by commas)").FillAsync("Red, Blue");
        await FillVariantAsync(page, 1, red, "Red", "12.50", null, "4.25");
        await FillVariantAsync(page, 2, blue, "Blue", "13.00", "15.00", "4.25");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create product" }).ClickAsync();
        await Expect(page.Locator("[data-saved]")).ToHaveTextAsync("Saved.");
        await Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await Expect(page.Locator("tr[data-variant]")).ToHaveCountAsync(2);
        await StoreFixture.CheckAsync(page, "dashboard-product");
        var id = Regex.Match(page.Url, "/dashboard/products/([0-9a-f-]{36})").Groups[1].Value;
        var created = await store.AdminGetAsync($"/admin/products/{id}");
        var handle = created.GetProperty("handle").GetString()!;
        var variants = created.GetProperty("variants").EnumerateArray().ToList();
        Assert.Equal([red, blue], variants.Select(v => v.GetProperty("sku").GetString()));
        Assert.Equal([1250L, 1300L], variants.Select(v => v.GetProperty("price").GetProperty("amount").GetInt64()));
        Assert.All(variants, v => Assert.Equal(425, v.GetProperty("cost").GetProperty("amount").GetInt64()));
        Assert.Equal(1500, variants[1].GetProperty("compareAtPrice").GetProperty("amount").GetInt64());

        // Its SEO title.
        await page.GetByLabel("SEO title").FillAsync($"Camp mug {suffix} | Juniper & Pine");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save product" }).ClickAsync();
        await Expect(page.Locator("[data-saved]")).ToHaveTextAsync("Saved.");
        await Expect(page.GetByLabel("SEO title")).ToHaveValueAsync($"Camp mug {suffix} | Juniper & Pine");
        Assert.Equal(2, (await store.AdminGetAsync($"/admin/products/{id}")).GetProperty("variants").GetArrayLength());

        // One price and one stock count, in bulk.
        await page.GotoAsync("/dashboard/products/bulk?q=" + suffix);
        await Expect(page.Locator("tr[data-sku]")).ToHaveCountAsync(2);
        await StoreFixture.CheckAsync(page, "dashboard-products-bulk");
        await page.GetByLabel($"Price of {title} — Red ({red})", new() { Exact = true }).FillAsync("11.00");
        await page.GetByLabel($"On hand of {title} — Blue ({blue}) at Main Warehouse", new() { Exact = true }).FillAsync("7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator("[data-bulk-saved]")).ToContainTextAsync($"{red}: price $11.00");
        await Expect(page.Locator("[data-bulk-saved]")).ToContainTextAsync($"{blue}: 7 on hand at Main Warehouse");
        await Expect(page.Locator("[data-bulk-refused]")).ToHaveCountAsync(0);
        await Expect(page.GetByLabel($"Price of {title} — Red ({red})", new() { Exact = true })).ToHaveValueAsync("11.00");
        await StoreFixture.CheckAsync(page, "dashboard-products-bulk-saved");

        // The list and the storefront API show the changes.
        await page.GotoAsync("/dashboard/products?q=" + suffix);
        var row = page.Locator($"tr[data-handle='{handle}']");
        await Expect(row.Locator("[data-price]")).ToHaveTextAsync("$11.00 – $13.00");
        await Expect(row.Locator("[data-variants]")).ToHaveTextAsync("2");
        var shown = await StorefrontAsync(handle);
        Assert.Equal($"Camp mug {suffix} | Juniper & Pine", shown.GetProperty("seo").GetProperty("title").GetString());
        var shownVariants = shown.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("sku").GetString()!);
        Assert.Equal(1100, shownVariants[red].GetProperty("price").GetProperty("amount").GetInt64());
        Assert.Equal(7, shownVariants[blue].GetProperty("available").GetInt64());

        // A bulk action: back to draft, and the storefront no longer shows it.
        await page.GetByLabel($"Select {title}").CheckAsync();
        await page.GetByLabel("With the checked products").SelectOptionAsync("draft");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page.Locator("[data-bulk-done]")).ToHaveTextAsync("1 product set to draft.");
        await Expect(row.Locator("[data-status]")).ToHaveTextAsync("draft");
        using (var http = Storefront())
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync($"/store/products/{handle}")).StatusCode);
        }

        // A variant archived from the product page.
        await row.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await page.GetByLabel("Variant", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"Blue ({blue})" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Archive variant" }).ClickAsync();
        await Expect(page.Locator("[data-saved]")).ToHaveTextAsync("Variant archived.");
        await Expect(page.Locator("tr[data-variant]")).ToHaveCountAsync(1);
        Assert.Equal(1, (await store.AdminGetAsync($"/admin/products/{id}")).GetProperty("variants").EnumerateArray()
            .Count(v => v.GetProperty("archivedAt").ValueKind == JsonValueKind.Null));
    }

    [SkippableFact]
    public async Task TheProductPages_FitAPhone()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        var page = await store.NewPageAsync(phone: true);
        await Merchant.SignInAsync(page, store.Host.OwnerEmail, store.Host.OwnerPassword);
        foreach (var (path, name) in new[] { ("/dashboard/products", "list"), ("/dashboard/products/new", "new"), ("/dashboard/products/bulk", "bulk") })
        {
            await page.GotoAsync(path);
            await StoreFixture.CheckAsync(page, $"dashboard-products-{name}-phone");
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360, $"{path} is wider than a phone.");
        }
    }

    private static async Task FillVariantAsync(IPage page, int n, string sku, string options, string price, string? compareAt, string cost)
    {
        await page.GetByLabel($"SKU of variant {n}", new() { Exact = true }).FillAsync(sku);
        await page.GetByLabel($"Options of variant {n}", new() { Exact = true }).FillAsync(options);
        await page.GetByLabel($"Price of variant {n}", new() { Exact = true }).FillAsync(price);
        if (compareAt is not null) await page.GetByLabel($"Compare-at price of variant {n}", new() { Exact = true }).FillAsync(compareAt);
        await page.GetByLabel($"Cost of variant {n}", new() { Exact = true }).FillAsync(cost);
    }

    private HttpClient Storefront()
    {
        var http = new HttpClient { BaseAddress = store.Host.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Publishable-Key", store.Host.PublishableKey);
        return http;
    }

    private async Task<JsonElement> StorefrontAsync(string handle)
    {
        using var http = Storefront();
        return await http.GetFromJsonAsync<JsonElement>($"/store/products/{handle}");
    }
}
