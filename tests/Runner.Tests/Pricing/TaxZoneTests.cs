using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel;
using Runner.Pricing.Contracts;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Pricing;

public class TaxZoneTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private const string Zones = "/admin/settings/taxes/zones";

    private async Task<TaxResult> TaxAsync(TaxRequest request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITaxCalculator>().CalculateAsync(request);
    }

    private static Money Usd(long minor) => new(minor, "USD");

    private async Task<string> ZoneAsync(string country, string? region, params object[] rates) =>
        (await (await app.Admin().PostJson(Zones, new { country, region, rates })).Json(HttpStatusCode.Created)).Str("id");

    [Fact]
    public async Task Create_StoresTheZone_WithTheActor_AndListsIt()
    {
        var created = await (await app.Admin().PostJson(Zones, new
        {
            country = "ca",
            name = "Canada",
            rates = new object[] { new { category = "standard", name = "GST", percentage = 5 }, new { category = "Shipping", name = "GST", percentage = 5 } },
        })).Json(HttpStatusCode.Created);
        Assert.Equal("CA", created.Str("country"));
        Assert.Equal("shipping", created.GetProperty("rates")[1].Str("category"));
        Assert.False(string.IsNullOrEmpty(created.Str("createdBy")));
        Assert.Equal(created.Str("createdBy"), created.Str("updatedBy"));

        var list = await (await app.Admin().GetAsync(Zones + "?country=CA")).Json();
        Assert.Equal([created.Str("id")], list.GetProperty("items").EnumerateArray().Select(z => z.Str("id")));
        var read = await (await app.Admin().GetAsync($"{Zones}/{created.Str("id")}")).Json();
        Assert.Equal(created.GetRawText(), read.GetRawText());

        // The settings page: the store's tax-inclusive flag, the rounding rules and every zone.
        var settings = await (await app.Admin().GetAsync("/admin/settings/taxes")).Json();
        var store = await (await app.Admin().GetAsync("/admin/store")).Json();
        Assert.Equal(store.GetProperty("pricesIncludeTax").GetBoolean(), settings.GetProperty("pricesIncludeTax").GetBoolean());
        Assert.Contains("half away from zero", settings.Str("rules"));
        Assert.Contains(settings.GetProperty("zones").EnumerateArray(), z => z.Str("id") == created.Str("id"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Admin(null).GetAsync("/admin/settings/taxes")).StatusCode);
    }

    [Fact]
    public async Task Create_WithBadFields_Is400WithEveryFieldError_AndChangesNothing()
    {
        var before = (await (await app.Admin().GetAsync(Zones)).Json()).GetProperty("items").GetArrayLength();
        var problem = await (await app.Admin().PostJson(Zones, new
        {
            country = "XX",
            rates = new object[]
            {
                new { category = "standard", name = "Tax", percentage = 100.5 },
                new { category = "bad category!", name = "", percentage = -1 },
                new { category = "reduced", name = "Tax", percentage = 1.23456 },
            },
        })).Problem(HttpStatusCode.BadRequest, "validation.failed");
        problem.HasFieldError("country").HasFieldError("rates[0].percentage").HasFieldError("rates[1].category")
            .HasFieldError("rates[1].name").HasFieldError("rates[1].percentage").HasFieldError("rates[2].percentage");
        Assert.Equal(before, (await (await app.Admin().GetAsync(Zones)).Json()).GetProperty("items").GetArrayLength());

        await (await app.Admin().PostJson(Zones, new { country = "US", region = "DE-BY", rates = Array.Empty<object>() }))
            .Problem(HttpStatusCode.BadRequest, "validation.region_outside_country");
    }

    [Fact]
    public async Task Create_ASecondZoneForThePlace_IsAConflict_WhateverTheRegionSpelling()
    {
        await ZoneAsync("MX", "MX-JAL", new { category = "standard", name = "IVA", percentage = 16 });
        await (await app.Admin().PostJson(Zones, new { country = "MX", region = "jal", rates = Array.Empty<object>() }))
            .Problem(HttpStatusCode.Conflict, "pricing.tax_zone_exists");
    }

    [Fact]
    public async Task Patch_ReplacesRates_AndDelete_RemovesTheZone()
    {
        var id = await ZoneAsync("NZ", null, new { category = "standard", name = "GST", percentage = 15 });
        var patched = await (await app.Admin().PatchJson($"{Zones}/{id}", new { rates = new[] { new { category = "standard", name = "GST", percentage = 12.5 } } })).Json();
        Assert.Equal(12.5m, patched.GetProperty("rates")[0].GetProperty("percentage").GetDecimal());
        Assert.Equal(1, patched.GetProperty("rates").GetArrayLength());
        Assert.Equal(1250, (await TaxAsync(new TaxRequest("USD", new TaxAddress("NZ", null), [new("a", "standard", Usd(10_000))], null))).Total.Minor);

        await (await app.Admin().PatchJson($"{Zones}/{id}", new { rates = new[] { new { category = "standard", name = "GST", percentage = 101 } } }))
            .Problem(HttpStatusCode.BadRequest, "pricing.invalid_percentage");
        var unchanged = await (await app.Admin().GetAsync($"{Zones}/{id}")).Json();
        Assert.Equal(12.5m, unchanged.GetProperty("rates")[0].GetProperty("percentage").GetDecimal());

        Assert.Equal(HttpStatusCode.NoContent, (await app.Admin().DeleteAsync($"{Zones}/{id}")).StatusCode);
        await (await app.Admin().GetAsync($"{Zones}/{id}")).Problem(HttpStatusCode.NotFound, "pricing.tax_zone_not_found");
        Assert.Equal(0, (await TaxAsync(new TaxRequest("USD", new TaxAddress("NZ", null), [new("a", "standard", Usd(10_000))], null))).Total.Minor);
    }

    [Fact]
    public async Task Calculate_AddsTheRegionRatesToTheCountryRates_PerCategory_AndTaxesShipping()
    {
        await ZoneAsync("AU", null, new { category = "standard", name = "Federal", percentage = 1 });
        await ZoneAsync("AU", "AU-NSW",
            new { category = "standard", name = "NSW State Tax", percentage = 8.875 },
            new { category = "gift-card", name = "Gift cards", percentage = 0 },
            new { category = "shipping", name = "NSW Shipping Tax", percentage = 5 });

        var result = await TaxAsync(new TaxRequest("USD", new TaxAddress("au", "NSW"),
            [new("shirt", "standard", Usd(1999)), new("card", "gift-card", Usd(5000)), new("book", "reduced", Usd(1000))], Usd(1000)));

        Assert.False(result.PricesIncludeTax);
        var shirt = result.Lines.Single(l => l.Key == "shirt");
        Assert.Equal(["Federal", "NSW State Tax"], shirt.Lines.Select(l => l.Name));
        Assert.Equal([20, 177], shirt.Lines.Select(l => l.Amount.Minor)); // 19.99 and 177.41125
        Assert.Equal(0, result.Lines.Single(l => l.Key == "card").Total.Minor);
        Assert.Empty(result.Lines.Single(l => l.Key == "book").Lines); // no reduced rate in this zone
        Assert.Equal(50, result.Shipping!.Total.Minor);
        Assert.Equal(20 + 177 + 50, result.Total.Minor);

        var countryOnly = await TaxAsync(new TaxRequest("USD", new TaxAddress("AU", "VIC"), [new("shirt", "standard", Usd(1999))], Usd(1000)));
        Assert.Equal(20, countryOnly.Total.Minor);
        Assert.Empty(countryOnly.Shipping!.Lines);
    }

    [Fact]
    public async Task Calculate_AddressInNoZone_OrNoAddress_PaysNoTax()
    {
        var lines = new TaxableLine[] { new("a", "standard", Usd(5_000_000_000)) };
        var none = await TaxAsync(new TaxRequest("USD", new TaxAddress("AQ", null), lines, null));
        Assert.Empty(none.Lines.Single().Lines);
        Assert.Equal(0, none.Total.Minor);
        Assert.Null(none.Shipping);
        Assert.Equal(0, (await TaxAsync(new TaxRequest("USD", null, lines, Usd(500)))).Total.Minor);
    }

    [Fact]
    public async Task Calculate_LargeAmountsAndZeroDecimalCurrencies_StayExact()
    {
        await ZoneAsync("JP", null, new { category = "standard", name = "Consumption tax", percentage = 10 });
        var yen = await TaxAsync(new TaxRequest("JPY", new TaxAddress("JP", null), [new("a", "standard", new Money(5_000_000_005, "JPY"))], null));
        Assert.Equal(new Money(500_000_001, "JPY"), yen.Total); // 500 000 000.5 → away from zero
    }

    [Fact]
    public async Task Settings_NeedTheSettingsPermissions() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Admin(key: null).GetAsync(Zones)).StatusCode);
}
