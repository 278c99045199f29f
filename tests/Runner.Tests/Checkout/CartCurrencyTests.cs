using Microsoft.Extensions.DependencyInjection;
using Runner.Catalog.Contracts;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Checkout;

/// <summary>
/// Carts in another enabled currency: the merchant's own price in it wins, otherwise the default price is converted at
/// the store's rate and the rate is recorded. Also what the catalog tells checkout about a variant.
/// </summary>
public class CartCurrencyTests(RunnerApp app) : IClassFixture<RunnerApp>, IAsyncLifetime
{
    public async Task InitializeAsync() =>
        await (await app.Admin().PatchJson("/admin/store", new
        {
            enabledCurrencies = new[] { "USD", "EUR", "JPY" },
            exchangeRates = new Dictionary<string, decimal> { ["EUR"] = 0.9215m, ["JPY"] = 151.37m },
        })).Json();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ACartInAnotherCurrency_UsesTheExplicitPrice_OrConvertsAtTheStoreRate_AndRecordsIt()
    {
        var admin = app.Admin();
        var converted = (await CartData.ProductAsync(admin, price: 1999, policy: "continue")).GetProperty("variants")[0].Str("id");
        var priced = (await CartData.ProductAsync(admin, price: 1999, policy: "continue",
            prices: [new { amount = 1799, currency = "EUR" }])).GetProperty("variants")[0].Str("id");

        var cart = await CartData.CartAsync(app.Store(), currency: "EUR");
        Assert.Equal(0.9215m, cart.GetProperty("exchangeRate").GetDecimal());
        Assert.Equal("USD", cart.Str("storeCurrency"));
        var id = cart.Str("id");
        await (await CartData.AddAsync(app.Store(), id, converted, 3)).Json();
        var after = await (await CartData.AddAsync(app.Store(), id, priced, 1)).Json();

        var lines = after.GetProperty("lines");
        Assert.Equal(1842, lines[0].Amount("unitPrice")); // 19.99 × 0.9215 = 18.420785 → 18.42
        Assert.Equal("EUR", lines[0].GetProperty("unitPrice").Str("currency"));
        Assert.Equal(1799, lines[1].Amount("unitPrice"));
        Assert.Equal(3 * 1842 + 1799, after.Amount("subtotal"));

        var yen = await CartData.CartAsync(app.Store(), currency: "JPY");
        var inYen = await (await CartData.AddAsync(app.Store(), yen.Str("id"), converted, 1)).Json();
        Assert.Equal(3026, inYen.GetProperty("lines")[0].Amount("unitPrice")); // 19.99 × 151.37 = 3025.88 → ¥3026
    }

    [Fact]
    public async Task VariantDetails_CarryPricesCostWeightTaxCategoryImageAndChannels()
    {
        var product = await CartData.ProductAsync(app.Admin(), price: 2500, policy: "continue", cost: 900,
            prices: [new { amount = 2300, currency = "EUR" }], weight: new { value = 1.5m, unit = "lb" }, taxCategory: "apparel",
            media: [new { url = "https://cdn.example.com/a.jpg" }], requiresShipping: true);
        var id = new VariantId(Guid.Parse(product.GetProperty("variants")[0].Str("id")));

        await using var scope = app.Services.CreateAsyncScope();
        var details = await scope.ServiceProvider.GetRequiredService<IVariantDirectory>().FindDetailsAsync([id, new VariantId(Guid.NewGuid())]);
        var d = Assert.Single(details.Values);
        Assert.Equal(2500, d.Price.Minor);
        Assert.Equal(2300, d.PriceIn("EUR")!.Value.Minor);
        Assert.Null(d.PriceIn("JPY"));
        Assert.Equal(900, d.Cost!.Value.Minor);
        Assert.Equal(680, d.WeightGrams); // 1.5 lb = 680.388555 g
        Assert.Equal("apparel", d.TaxCategory);
        Assert.True(d.RequiresShipping);
        Assert.Equal("https://cdn.example.com/a.jpg", d.ImageUrl);
        Assert.Single(d.Channels);
        Assert.Equal(ProductStatus.Active, d.ProductStatus);
        Assert.False(d.Archived);
    }
}
