using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel;
using Runner.Shipping.Contracts;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Shipping;

/// <summary>
/// Shipping zones narrowed to postal codes: exact codes, prefixes and ranges; the most specific zone holding a
/// destination wins (postal, then region, then country, then the rest of the world). Each test uses its own countries.
/// </summary>
public class ShippingPostalTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private const string Zones = "/admin/settings/shipping-zones";

    private static object Usd(long minor) => new { amount = minor, currency = "USD" };

    private static object Flat(string name, long price) => new { name, kind = "flat", price = Usd(price) };

    private Task<HttpResponseMessage> PostZoneAsync(string name, object[] areas, long price = 500) =>
        app.Admin().PostJson(Zones, new { name, areas, rates = new[] { Flat(name + " rate", price) } });

    private async Task<JsonElement> ZoneAsync(string name, object[] areas, long price = 500) =>
        await (await PostZoneAsync(name, areas, price)).Json(HttpStatusCode.Created);

    /// <summary>The names of the rates quoted for the address (one rate per zone in these tests), or "" for none.</summary>
    private async Task<string> RateAsync(string country, string? region, string? postalCode)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var quotes = await scope.ServiceProvider.GetRequiredService<IShippingRates>().QuoteAsync(
            new ShippingQuoteRequest("USD", new ShippingDestination(country, region, postalCode), new Money(1000, "USD"), 100, 1));
        return string.Join(",", quotes.Select(q => q.Name));
    }

    [Fact]
    public async Task Admin_CreatesReadsChangesAndDeletes_AZoneWithPostalRules_AndQuotesFollowAtOnce()
    {
        var zone = await ZoneAsync("Oslo", [new { country = "no", postalCodes = new[] { " 03* ", "0150-0199", "0010" } }]);
        var id = zone.Str("id");
        var area = zone.GetProperty("areas")[0];
        Assert.Equal("NO", area.Str("country"));
        Assert.Equal(["03*", "0150-0199", "0010"], area.GetProperty("postalCodes").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("Oslo rate", await RateAsync("NO", null, "0155"));
        Assert.Equal("Oslo rate", await RateAsync("NO", null, "0301"));

        var read = await (await app.Admin().GetAsync($"{Zones}/{id}")).Json();
        Assert.Equal(3, read.GetProperty("areas")[0].GetProperty("postalCodes").GetArrayLength());
        var changed = await (await app.Admin().PatchJson($"{Zones}/{id}",
            new { areas = new[] { new { country = "NO", postalCodes = new[] { "0010" } } } })).Json();
        Assert.Equal(["0010"], changed.GetProperty("areas")[0].GetProperty("postalCodes").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("", await RateAsync("NO", null, "0155"));
        Assert.Equal("Oslo rate", await RateAsync("NO", null, "00 10"));

        Assert.Equal(HttpStatusCode.NoContent, (await app.Admin().DeleteAsync($"{Zones}/{id}")).StatusCode);
        Assert.Equal("", await RateAsync("NO", null, "0010"));
    }

    [Fact]
    public async Task Quote_TakesTheMostSpecificZone_PostalThenRegionThenCountry()
    {
        await ZoneAsync("US", [new { country = "US" }]);
        await ZoneAsync("California", [new { country = "US", region = "CA" }]);
        await ZoneAsync("Bay Area", [new { country = "US", postalCodes = new[] { "94*" } }]);
        await ZoneAsync("SoMa", [new { country = "US", postalCodes = new[] { "94107" } }]);
        await ZoneAsync("Upstate", [new { country = "US", postalCodes = new[] { "12000-14999" } }]);
        await ZoneAsync("Albany", [new { country = "US", postalCodes = new[] { "12200-12299" } }]);

        Assert.Equal("SoMa rate", await RateAsync("US", "CA", "94107"));
        Assert.Equal("SoMa rate", await RateAsync("US", "CA", "94107-1234"));
        Assert.Equal("Bay Area rate", await RateAsync("US", "CA", "94110"));
        Assert.Equal("California rate", await RateAsync("US", "CA", "90001"));
        Assert.Equal("California rate", await RateAsync("US", "CA", null));
        Assert.Equal("US rate", await RateAsync("US", "NY", "10001"));
        Assert.Equal("Upstate rate", await RateAsync("US", "NY", "14850"));
        Assert.Equal("Albany rate", await RateAsync("US", "NY", "12207"));
        Assert.Equal("US rate", await RateAsync("US", "NY", "1500"));
    }

    [Fact]
    public async Task Quote_MatchesUkOutwardCodes_AndCanadianFsas_WhateverTheSpacingAndCase()
    {
        await ZoneAsync("UK", [new { country = "GB" }]);
        await ZoneAsync("Westminster", [new { country = "GB", postalCodes = new[] { "SW1A", "EC*" } }]);
        await ZoneAsync("Toronto core", [new { country = "CA", postalCodes = new[] { "m5v" } }]);

        Assert.Equal("Westminster rate", await RateAsync("GB", null, "SW1A 1AA"));
        Assert.Equal("Westminster rate", await RateAsync("GB", null, "sw1a1aa"));
        Assert.Equal("Westminster rate", await RateAsync("GB", null, "EC1A 1BB"));
        Assert.Equal("UK rate", await RateAsync("GB", null, "SW19 2AB"));
        Assert.Equal("Toronto core rate", await RateAsync("CA", "ON", "m5v 3l9"));
        Assert.Equal("", await RateAsync("CA", "ON", "M4B 1B3"));
    }

    [Theory]
    [InlineData("9*4")]
    [InlineData("*")]
    [InlineData("100-2000")]
    [InlineData("2000-1000")]
    [InlineData("94_107")]
    [InlineData("")]
    [InlineData("123456789012345678901")]
    public async Task CreatingAZone_WithABadPostalPattern_Is400_AndCreatesNothing(string pattern)
    {
        var name = "Bad " + Guid.NewGuid().ToString("N")[..8];
        var problem = await (await PostZoneAsync(name, [new { country = "NZ", postalCodes = new[] { "6011", pattern } }]))
            .Problem(HttpStatusCode.BadRequest, "shipping.invalid_postal_rule");
        problem.HasFieldError("areas[0].postalCodes[1]");
        var zones = await (await app.Admin().GetAsync(Zones)).Json();
        Assert.DoesNotContain(zones.GetProperty("items").EnumerateArray(), z => z.Str("name") == name);
    }

    [Fact]
    public async Task CreatingAZone_WithAnEmptyPostalList_OrARestOfWorldWithARegion_Is400()
    {
        await (await PostZoneAsync("Empty", [new { country = "NZ", postalCodes = Array.Empty<string>() }]))
            .Problem(HttpStatusCode.BadRequest, "shipping.invalid_postal_rule");
        await (await PostZoneAsync("Odd world", [new { country = "*", region = "X" }]))
            .Problem(HttpStatusCode.BadRequest, "shipping.invalid_rest_of_world");
    }

    [Fact]
    public async Task APostalRule_BelongsToOneZone_ButMayNarrowAnotherZonesCountry()
    {
        await ZoneAsync("Australia", [new { country = "AU" }]);
        await ZoneAsync("Sydney", [new { country = "AU", postalCodes = new[] { "2000-2249" } }]);

        await (await PostZoneAsync("Sydney again", [new { country = "au", postalCodes = new[] { "2000 - 2249" } }]))
            .Problem(HttpStatusCode.Conflict, "shipping.area_in_another_zone");
        Assert.Equal("Sydney rate", await RateAsync("AU", "NSW", "2010"));
        Assert.Equal("Australia rate", await RateAsync("AU", "VIC", "3000"));
    }
}

/// <summary>The rest of the world (country <c>*</c>), on its own store: it would hold every other test's unzoned places.</summary>
public class ShippingRestOfWorldTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private async Task ZoneAsync(string name, object[] areas, long price = 500) =>
        await (await app.Admin().PostJson("/admin/settings/shipping-zones", new
        {
            name, areas, rates = new[] { new { name = name + " rate", kind = "flat", price = new { amount = price, currency = "USD" } } },
        })).Json(HttpStatusCode.Created);

    private async Task<string> RateAsync(string country, string? region, string? postalCode)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var quotes = await scope.ServiceProvider.GetRequiredService<IShippingRates>().QuoteAsync(
            new ShippingQuoteRequest("USD", new ShippingDestination(country, region, postalCode), new Money(1000, "USD"), 100, 1));
        return string.Join(",", quotes.Select(q => q.Name));
    }

    [Fact]
    public async Task Quote_RestOfTheWorld_HoldsOnlyWhatNoOtherZoneHolds()
    {
        await ZoneAsync("Germany", [new { country = "DE" }]);
        await ZoneAsync("World", [new { country = "*" }], price: 3000);

        Assert.Equal("World rate", await RateAsync("AQ", null, null));
        Assert.Equal("Germany rate", await RateAsync("DE", null, "10115"));
    }
}
