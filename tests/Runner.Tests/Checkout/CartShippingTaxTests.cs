using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel;
using Runner.Pricing.Contracts;
using Runner.Shipping.Contracts;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Checkout;

/// <summary>
/// A host whose shipping and tax come from small fixed tables, so the cart's side of the contracts (what it asks
/// for, how it adds up the answers) is tested apart from the pricing module's zones: US parcels cost 5.00 plus 1.00
/// per started kilogram (standard) or 15.00 (express); US-CA taxes 8.25% per line, rounded per line.
/// </summary>
public class TableRatesApp : RunnerApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddScoped<IShippingRates, TableShippingRates>();
            services.AddScoped<ITaxCalculator, TableTaxes>();
        });
    }

    private sealed class TableShippingRates : IShippingRates
    {
        public Task<IReadOnlyList<ShippingQuote>> QuoteAsync(ShippingQuoteRequest r, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<ShippingQuote>>(r.Destination.Country != "US" ? [] :
            [
                new("standard", "Standard", "USPS", "Ground", new Money(500 + 100 * ((r.WeightGrams + 999) / 1000), r.Currency), 3, 5, null),
                new("express", "Express", "UPS", "Next Day Air", new Money(1500, r.Currency), 1, 1, null),
            ]);
    }

    private sealed class TableTaxes : ITaxCalculator
    {
        public Task<TaxResult> CalculateAsync(TaxRequest r, CancellationToken ct = default)
        {
            var rate = r.Address is { Country: "US", Region: "CA" } ? 8.25m : 0m;
            LineTax Tax(string key, Money amount)
            {
                var tax = new Money(Rounding.ToMinor(amount.Minor * rate / 100m), r.Currency);
                return new LineTax(key, rate == 0 ? [] : [new TaxLine("CA State Tax", rate, tax)], tax);
            }
            var lines = r.Lines.Select(l => Tax(l.Key, l.Amount)).ToList();
            var shipping = r.Shipping is { } s ? Tax("shipping", s) : null;
            var total = lines.Aggregate(Money.Zero(r.Currency), (sum, l) => sum + l.Total) + (shipping?.Total ?? Money.Zero(r.Currency));
            return Task.FromResult(new TaxResult(false, lines, shipping, total));
        }
    }
}

public class CartShippingTaxTests(TableRatesApp app) : IClassFixture<TableRatesApp>
{
    [Fact]
    public async Task ShippingRates_NeedAnAddress_ThenQuoteTheCartsWeight_AndTheChosenRateEntersTheTotals()
    {
        var variant = await CartData.StockedVariantAsync(app.Admin(), 10, price: 1999, weight: new { value = 700, unit = "g" });
        var id = (await CartData.CartAsync(app.Store())).Str("id");
        await (await CartData.AddAsync(app.Store(), id, variant, 2)).Json();
        await (await app.Store().GetAsync($"/store/carts/{id}/shipping-rates")).Problem(HttpStatusCode.UnprocessableEntity, "cart.shipping_address_required");

        await (await app.Store().PatchJson($"/store/carts/{id}", new { shippingAddress = CartData.Address() })).Json();
        var rates = await (await app.Store().GetAsync($"/store/carts/{id}/shipping-rates")).Json();
        var standard = rates.Items().First(r => r.Str("id") == "standard");
        Assert.Equal(700, standard.Amount("price")); // 1.4 kg → 5.00 + 2 × 1.00
        Assert.Equal("USPS", standard.Str("carrier"));
        Assert.Equal(3, standard.GetProperty("minDays").GetInt32());

        await (await app.Store().PostJson($"/store/carts/{id}/shipping-rate", new { rateId = "teleport" })).Problem(HttpStatusCode.BadRequest, "cart.unknown_shipping_rate");
        var cart = await (await app.Store().PostJson($"/store/carts/{id}/shipping-rate", new { rateId = "standard" })).Json();
        Assert.Equal("standard", cart.GetProperty("shippingRate").Str("id"));
        Assert.Equal(700, cart.Amount("shippingTotal"));
        // Tax per line: 3998 × 8.25% = 329.835 → 330; shipping 700 × 8.25% = 57.75 → 58.
        Assert.Equal(388, cart.Amount("taxTotal"));
        Assert.Equal(3998 + 700 + 388, cart.Amount("total"));

        // A heavier cart is re-quoted; a new address drops the rate quoted for the old one.
        var heavier = await (await CartData.AddAsync(app.Store(), id, variant, 1)).Json();
        Assert.Equal(800, heavier.Amount("shippingTotal"));
        var moved = await (await app.Store().PatchJson($"/store/carts/{id}", new { shippingAddress = CartData.Address(country: "CA", region: "ON", postalCode: "M5V 2T6") })).Json();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, moved.GetProperty("shippingRate").ValueKind);
        Assert.Equal(0, moved.Amount("shippingTotal"));
        Assert.Equal(0, moved.Amount("taxTotal"));
        Assert.Empty((await (await app.Store().GetAsync($"/store/carts/{id}/shipping-rates")).Json()).Items());
    }

    [Fact]
    public async Task Totals_AreExactInMinorUnits_AboveTwoToThe31()
    {
        var variant = await CartData.StockedVariantAsync(app.Admin(), 0, price: 9_999_999_999, policy: "continue");
        var id = (await CartData.CartAsync(app.Store())).Str("id");
        await (await CartData.AddAsync(app.Store(), id, variant, 3)).Json();
        var cart = await (await app.Store().PatchJson($"/store/carts/{id}", new { shippingAddress = CartData.Address() })).Json();
        Assert.Equal(29_999_999_997, cart.Amount("subtotal"));
        Assert.Equal(2_475_000_000, cart.Amount("taxTotal")); // 29,999,999,997 × 8.25% = 2,474,999,999.7525 → 2,475,000,000
        Assert.Equal(32_474_999_997, cart.Amount("total"));
    }
}
