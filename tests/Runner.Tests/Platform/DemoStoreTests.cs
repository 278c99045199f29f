using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Platform;

/// <summary>A host whose first start seeds the demo store live (DemoTemplateTests compare the build's template with it).</summary>
public sealed class DemoApp : RunnerApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Runner:Seed:Demo", "true");
        builder.UseSetting("Runner:Seed:Template", "false");
    }
}

public class DemoStoreTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task DemoStore_HasThirtyActiveProducts_WithOptionsVariantsPricesCostsAndImages()
    {
        var products = new List<System.Text.Json.JsonElement>();
        string? cursor = null;
        do
        {
            var page = await (await app.Admin().GetAsync("/admin/products?status=active&limit=100" + (cursor is null ? "" : "&cursor=" + cursor))).Json();
            products.AddRange(page.Items());
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        Assert.True(products.Count >= 30, $"{products.Count} products");
        Assert.All(products, p =>
        {
            Assert.StartsWith("<p>", p.Str("description"));
            Assert.NotEmpty(p.GetProperty("media").EnumerateArray());
            Assert.All(p.GetProperty("variants").EnumerateArray(), v => Assert.True(v.GetProperty("price").Long("amount") > 0));
        });
        Assert.True(products.Count(p => p.GetProperty("options").GetArrayLength() >= 2) >= 10);
        Assert.True(products.Sum(p => p.GetProperty("variants").GetArrayLength()) > 150);
        Assert.True(products.SelectMany(p => p.GetProperty("variants").EnumerateArray()).Count(v => v.GetProperty("cost").ValueKind != System.Text.Json.JsonValueKind.Null) > 150);
        Assert.True(products.Select(p => p.Str("vendor")).Distinct().Count() >= 5);
    }

    [Fact]
    public async Task DemoStore_HasSeveralCollections_IncludingNestedAndRuleBased()
    {
        var collections = (await (await app.Store().GetAsync("/store/collections")).Json()).Items().ToList();
        Assert.True(collections.Count >= 6);
        Assert.Contains(collections, c => c.GetProperty("parentId").ValueKind == System.Text.Json.JsonValueKind.String);
        foreach (var handle in new[] { "men", "women", "under-50", "camp-kitchen" })
        {
            var products = await (await app.Store().GetAsync($"/store/products?collection={handle}&limit=100")).Json();
            Assert.NotEmpty(products.Items());
        }
        var under50 = await (await app.Store().GetAsync("/store/products?collection=under-50&limit=100")).Json();
        Assert.All(under50.Items(), p => Assert.True(p.GetProperty("variants").EnumerateArray().Min(v => v.GetProperty("price").Long("amount")) < 5000));
    }

    [Fact]
    public async Task DemoStore_HasTwoLocationsWithStock_SomeSoldOutAndSomeLow()
    {
        var locations = (await (await app.Admin().GetAsync("/admin/locations")).Json()).Items().ToList();
        Assert.Equal(2, locations.Count);
        var levels = (await (await app.Admin().GetAsync("/admin/inventory/levels?limit=100")).Json()).Items().ToList();
        Assert.NotEmpty(levels);
        Assert.Contains(levels, l => l.Long("onHand") > 10);
        var low = (await (await app.Admin().GetAsync("/admin/inventory/low-stock?limit=100")).Json()).Items().ToList();
        Assert.NotEmpty(low);
        var listed = await (await app.Store().GetAsync("/store/products?limit=100")).Json();
        var variants = listed.Items().SelectMany(p => p.GetProperty("variants").EnumerateArray()).ToList();
        Assert.Contains(variants, v => v.Long("available") > 0);
        Assert.Contains(variants, v => v.Long("available") == 0 && !v.GetProperty("availableForSale").GetBoolean());
        Assert.True((await (await app.Store().GetAsync("/store/products?inStock=true&limit=100")).Json()).Items().Count() >= 30);
    }

    [Fact]
    public async Task DemoStore_IsSearchable() =>
        Assert.Contains("Enamel Camp Mug", (await (await app.Store().GetAsync("/store/products?q=enamel%20mug")).Json()).Titles());

    [Fact]
    public async Task DemoStore_CanQuoteShippingAndTaxAUsCheckout_WithFreeStandardShippingAbove75Dollars()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var shipping = scope.ServiceProvider.GetRequiredService<Runner.Shipping.Contracts.IShippingRates>();
        var destination = new Runner.Shipping.Contracts.ShippingDestination("US", "CA", "94103");
        var small = await shipping.QuoteAsync(new("USD", destination, new Runner.Kernel.Money(4000, "USD"), 800, 1));
        Assert.Equal(["Standard", "Express"], small.Select(q => q.Name));
        Assert.True(small[0].Price.Minor > 0);
        var large = await shipping.QuoteAsync(new("USD", destination, new Runner.Kernel.Money(7500, "USD"), 800, 1));
        Assert.Equal(0, large[0].Price.Minor);
        Assert.NotEmpty(await shipping.QuoteAsync(new("USD", new("GB", null, "SW1A 1AA"), new Runner.Kernel.Money(4000, "USD"), 800, 1)));

        var taxes = scope.ServiceProvider.GetRequiredService<Runner.Pricing.Contracts.ITaxCalculator>();
        var tax = await taxes.CalculateAsync(new("USD", new("US", "CA"), [new("a", "standard", new Runner.Kernel.Money(10_000, "USD"))], null));
        Assert.Equal(725, tax.Total.Minor);
        var oregon = await taxes.CalculateAsync(new("USD", new("US", "OR"), [new("a", "standard", new Runner.Kernel.Money(10_000, "USD"))], null));
        Assert.Equal(0, oregon.Total.Minor);
    }
}
