using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel;
using Runner.Pricing.Contracts;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Pricing;

/// <summary>A store whose prices include tax (its own host: the flag is store-wide).</summary>
public class TaxInclusiveTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task Calculate_WhenPricesIncludeTax_TakesTheTaxOutOfEachLine()
    {
        await (await app.Admin().PatchJson("/admin/store", new { pricesIncludeTax = true })).Json();
        await (await app.Admin().PostJson("/admin/settings/taxes/zones", new
        {
            country = "GB",
            rates = new object[]
            {
                new { category = "standard", name = "VAT", percentage = 20 },
                new { category = "reduced", name = "VAT", percentage = 5 },
                new { category = "shipping", name = "VAT", percentage = 20 },
            },
        })).Json(HttpStatusCode.Created);

        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ITaxCalculator>().CalculateAsync(new TaxRequest("USD",
            new TaxAddress("GB", null), [new("a", "standard", new Money(1000, "USD")), new("b", "reduced", new Money(1050, "USD"))],
            new Money(499, "USD")));

        Assert.True(result.PricesIncludeTax);
        Assert.Equal(167, result.Lines[0].Total.Minor); // 1000 − round(833.33)
        Assert.Equal(50, result.Lines[1].Total.Minor);  // 1050 − 1000
        Assert.Equal(83, result.Shipping!.Total.Minor); // 499 − round(415.83)
        Assert.Equal(167 + 50 + 83, result.Total.Minor);
    }
}
