using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel;
using Runner.Shipping.Contracts;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Shipping;

public class ShippingZoneTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private const string Zones = "/admin/settings/shipping-zones";

    private static object Usd(long minor) => new { amount = minor, currency = "USD" };

    private async Task<JsonElement> ZoneAsync(string name, object[] areas, params object[] rates) =>
        await (await app.Admin().PostJson(Zones, new { name, areas, rates })).Json(HttpStatusCode.Created);

    private async Task<IReadOnlyList<ShippingQuote>> QuoteAsync(string country, string? region, long subtotal, long grams, string currency = "USD")
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IShippingRates>().QuoteAsync(
            new ShippingQuoteRequest(currency, new ShippingDestination(country, region, "00000"), new Money(subtotal, currency), grams, 1));
    }

    [Fact]
    public async Task Quote_OffersTheZoneRatesThatApply_CheapestFirst()
    {
        var zone = await ZoneAsync("Germany", [new { country = "de" }],
            new { name = "Express", kind = "flat", carrier = "DHL", service = "Express", minDays = 1, maxDays = 2, price = Usd(1500), estimatedCost = Usd(1100) },
            new { name = "Standard", kind = "free_above", price = Usd(500), freeAbove = Usd(7500), minDays = 3, maxDays = 5 },
            new { name = "Economy", kind = "weight", bands = new object[]
            {
                new { from = 0, to = 1000, price = Usd(400) },
                new { from = 1000, to = 5000, price = Usd(900) },
            } },
            new { name = "Bulk", kind = "subtotal", bands = new object[] { new { from = 20000, price = Usd(0) } } });
        var rates = zone.GetProperty("rates").EnumerateArray().ToDictionary(r => r.Str("name"), r => r.Str("id"));

        var small = await QuoteAsync("DE", null, subtotal: 5000, grams: 999);
        Assert.Equal(["Economy", "Standard", "Express"], small.Select(q => q.Name));
        Assert.Equal([400, 500, 1500], small.Select(q => q.Price.Minor));
        Assert.Equal(rates["Express"], small[2].RateId);
        Assert.Equal(("DHL", "Express", 1, 2), (small[2].Carrier, small[2].Service, small[2].MinDays, small[2].MaxDays));
        Assert.Equal(new Money(1100, "USD"), small[2].EstimatedCost);

        var atThreshold = await QuoteAsync("DE", null, subtotal: 7500, grams: 1000); // band edges: from inclusive, to exclusive
        Assert.Equal([("Standard", 0L), ("Economy", 900L), ("Express", 1500L)], atThreshold.Select(q => (q.Name, q.Price.Minor)));

        var heavyAndLarge = await QuoteAsync("DE", null, subtotal: 25_000, grams: 5000); // above the last weight band
        Assert.Equal(["Bulk", "Standard", "Express"], heavyAndLarge.Select(q => q.Name));
    }

    [Fact]
    public async Task Quote_RegionZoneWinsOverTheCountryZone_AndNoZoneMeansNoRates()
    {
        await ZoneAsync("Canada", [new { country = "CA" }], new { name = "Canada Post", kind = "flat", price = Usd(1200) });
        await ZoneAsync("Canadian north", [new { country = "CA", region = "CA-NU" }, new { country = "CA", region = "YT" }],
            new { name = "North Post", kind = "flat", price = Usd(4000) });

        Assert.Equal(["North Post"], (await QuoteAsync("CA", "NU", 1000, 100)).Select(q => q.Name));
        Assert.Equal(["North Post"], (await QuoteAsync("ca", "ca-yt", 1000, 100)).Select(q => q.Name));
        Assert.Equal(["Canada Post"], (await QuoteAsync("CA", "ON", 1000, 100)).Select(q => q.Name));
        Assert.Empty(await QuoteAsync("AQ", null, 1000, 100));
    }

    [Fact]
    public async Task Quote_InAnotherCurrency_ConvertsPricesAndThresholds()
    {
        await app.Admin().PutAsync("/admin/settings/currencies", System.Net.Http.Json.JsonContent.Create(new
        {
            currencies = new object[] { new { code = "USD", rate = 1 }, new { code = "JPY", rate = 150 } },
        }));
        await ZoneAsync("Japan", [new { country = "JP" }], new { name = "Standard", kind = "free_above", price = Usd(999), freeAbove = Usd(5000) });

        var quote = Assert.Single(await QuoteAsync("JP", null, subtotal: 7000, grams: 100, currency: "JPY")); // ¥7000 = $46.67
        Assert.Equal(new Money(1499, "JPY"), quote.Price); // $9.99 × 150 = ¥1498.5 → ¥1499
        Assert.Equal(0, Assert.Single(await QuoteAsync("JP", null, subtotal: 7500, grams: 100, currency: "JPY")).Price.Minor);
        Assert.Empty(await QuoteAsync("JP", null, subtotal: 7500, grams: 100, currency: "GBP")); // no rate to GBP
    }

    [Fact]
    public async Task Patch_KeepsTheRateIdOfARateSentWithIt()
    {
        var zone = await ZoneAsync("Brazil", [new { country = "BR" }], new { name = "Correios", kind = "flat", price = Usd(2000) });
        var rate = zone.GetProperty("rates")[0];
        var patched = await (await app.Admin().PatchJson($"{Zones}/{zone.Str("id")}", new
        {
            rates = new object[]
            {
                new { id = rate.Str("id"), name = "Correios PAC", kind = "flat", price = Usd(1800) },
                new { name = "Sedex", kind = "flat", price = Usd(3500) },
            },
        })).Json();
        Assert.Equal(rate.Str("id"), patched.GetProperty("rates")[0].Str("id"));
        var quotes = await QuoteAsync("BR", null, 1000, 100);
        Assert.Equal((rate.Str("id"), "Correios PAC", 1800L), (quotes[0].RateId, quotes[0].Name, quotes[0].Price.Minor));
        Assert.Equal(2, quotes.Count);

        Assert.Equal(HttpStatusCode.NoContent, (await app.Admin().DeleteAsync($"{Zones}/{zone.Str("id")}")).StatusCode);
        Assert.Empty(await QuoteAsync("BR", null, 1000, 100));
        await (await app.Admin().GetAsync($"{Zones}/{zone.Str("id")}")).Problem(HttpStatusCode.NotFound, "shipping.zone_not_found");
    }

    [Fact]
    public async Task Create_WithOverlappingBandsOrBadPrices_Is400_AndChangesNothing()
    {
        var before = (await (await app.Admin().GetAsync(Zones)).Json()).GetProperty("items").GetArrayLength();
        var problem = await (await app.Admin().PostJson(Zones, new
        {
            name = "Broken",
            areas = new object[] { new { country = "ZZ" } },
            rates = new object[]
            {
                new { name = "Weight", kind = "weight", bands = new object[]
                {
                    new { from = 0, to = 1500, price = Usd(100) },
                    new { from = 1000, to = 2000, price = Usd(-1) },
                } },
                new { name = "Flat", kind = "flat" },
                new { name = "Euro", kind = "flat", price = new { amount = 100, currency = "EUR" } },
            },
        })).Problem(HttpStatusCode.BadRequest, "validation.failed");
        problem.HasFieldError("areas[0].country").HasFieldError("rates[0].bands[0].to").HasFieldError("rates[0].bands[1].price.amount")
            .HasFieldError("rates[1].price").HasFieldError("rates[2].price.currency");
        Assert.Equal(before, (await (await app.Admin().GetAsync(Zones)).Json()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Create_WithAPlaceAlreadyInAZone_IsAConflict()
    {
        await ZoneAsync("Iceland", [new { country = "IS" }], new { name = "Post", kind = "flat", price = Usd(100) });
        var problem = await (await app.Admin().PostJson(Zones, new { name = "Nordics", areas = new object[] { new { country = "NO" }, new { country = "is" } }, rates = Array.Empty<object>() }))
            .Problem(HttpStatusCode.Conflict, "shipping.area_in_another_zone");
        problem.HasFieldError("areas[1]");
    }

    [Fact]
    public async Task ZonesSavedAtOnce_ClaimAPlaceOnce()
    {
        // Eight zones created at the same moment, each holding Greenland: one gets it, the others are told who has it.
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => app.Admin().PostJson(Zones,
            new { name = $"Arctic {i}", areas = new object[] { new { country = "GL" } }, rates = Array.Empty<object>() })));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
            await refused.Problem(HttpStatusCode.Conflict, "shipping.area_in_another_zone");
        var zones = (await (await app.Admin().GetAsync(Zones)).Json()).GetProperty("items").EnumerateArray();
        Assert.Single(zones, z => z.GetProperty("areas").EnumerateArray().Any(a => a.Str("country") == "GL"));
    }
}
