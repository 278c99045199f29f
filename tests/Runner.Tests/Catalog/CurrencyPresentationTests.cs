using System.Net;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Infrastructure.Catalog;

namespace Runner.Tests.Catalog;

/// <summary>Prices in other enabled currencies (this class owns its store's currency settings).</summary>
public class CurrencyPresentationTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task Currency_UsesTheMerchantsOwnPrice_ElseConvertsAtTheRate()
    {
        var admin = app.Admin();
        await (await admin.PatchJson("/admin/store", new
        {
            enabledCurrencies = new[] { "USD", "EUR", "JPY" },
            exchangeRates = new Dictionary<string, decimal> { ["EUR"] = 0.9m, ["JPY"] = 150m },
        })).Json();
        var tag = Unique("fx");
        await admin.CreateProduct(new
        {
            title = "Euro priced " + tag, status = "active", tags = new[] { tag },
            variants = new[]
            {
                new
                {
                    sku = Unique("E"), options = new { }, price = Usd(1999), compareAtPrice = Usd(2999),
                    prices = new[] { new { amount = 1900L, currency = "EUR" } },
                },
            },
        });
        var eur = (await (await app.Store().GetAsync($"/store/products?tag={tag}&currency=EUR")).Json()).Items().Single().GetProperty("variants")[0];
        Assert.Equal(1900, eur.GetProperty("price").Long("amount"));
        Assert.Equal("EUR", eur.GetProperty("price").Str("currency"));
        Assert.Equal(2699, eur.GetProperty("compareAtPrice").Long("amount")); // 29.99 × 0.9 = 26.991 → 26.99
        var jpy = (await (await app.Store().GetAsync($"/store/products?tag={tag}&currency=JPY")).Json()).Items().Single().GetProperty("variants")[0];
        Assert.Equal(2999, jpy.GetProperty("price").Long("amount")); // 19.99 × 150 = 2998.5 → 2999 yen (no minor unit)
        Assert.Equal("JPY", jpy.GetProperty("price").Str("currency"));
        Assert.Single((await (await app.Store().GetAsync($"/store/products?tag={tag}&currency=JPY&minPrice=2999&maxPrice=2999")).Json()).Items());
        Assert.Empty((await (await app.Store().GetAsync($"/store/products?tag={tag}&currency=JPY&minPrice=4000")).Json()).Items());

        await (await admin.PatchJson("/admin/store", new
        {
            defaultCurrency = "EUR",
            exchangeRates = new Dictionary<string, decimal> { ["USD"] = 1.11m, ["JPY"] = 166m },
        })).Problem(HttpStatusCode.UnprocessableEntity, "store.default_currency_in_use");
    }
}
