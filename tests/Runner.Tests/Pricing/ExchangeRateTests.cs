using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel;
using Runner.Pricing.Contracts;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Pricing;

public class ExchangeRateTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private const string Currencies = "/admin/settings/currencies";

    private async Task<T> WithRatesAsync<T>(Func<IExchangeRates, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<IExchangeRates>());
    }

    private Task<HttpResponseMessage> PutAsync(params object[] currencies) =>
        app.Admin().PutAsync(Currencies, System.Net.Http.Json.JsonContent.Create(new { currencies }));

    [Fact]
    public async Task Put_SetsTheRates_AndConversionsRoundToTheTargetCurrency()
    {
        var settings = await (await PutAsync(new { code = "USD", rate = 1 }, new { code = "EUR", rate = 0.92 },
            new { code = "JPY", rate = 151.37 }, new { code = "KWD", rate = 0.3071 })).Json();
        Assert.Equal("USD", settings.Str("defaultCurrency"));
        var jpy = settings.GetProperty("currencies").EnumerateArray().Single(c => c.Str("code") == "JPY");
        Assert.Equal(0, jpy.GetProperty("decimals").GetInt32());
        Assert.Equal(151.37m, jpy.GetProperty("rate").GetDecimal());
        Assert.False(string.IsNullOrEmpty(settings.Str("updatedBy")));

        Assert.Equal(new Money(1514, "JPY"), await WithRatesAsync(r => r.ConvertAsync(new Money(1000, "USD"), "JPY")));   // 1513.7
        Assert.Equal(new Money(3071, "KWD"), await WithRatesAsync(r => r.ConvertAsync(new Money(1000, "USD"), "KWD")));   // 3.071 KWD
        Assert.Equal(new Money(1000, "USD"), await WithRatesAsync(r => r.ConvertAsync(new Money(920, "EUR"), "USD")));    // inverse
        Assert.Equal(new Money(4_600_000_000, "EUR"), await WithRatesAsync(r => r.ConvertAsync(new Money(5_000_000_000, "USD"), "EUR")));
        Assert.Equal(new Money(1645, "JPY"), await WithRatesAsync(r => r.ConvertAsync(new Money(1000, "EUR"), "JPY")));    // cross: 1645.33

        var inverse = await WithRatesAsync(r => r.GetAsync("EUR", "USD"));
        Assert.Equal(1m / 0.92m, inverse!.Rate);
        Assert.Null(await WithRatesAsync(r => r.GetAsync("USD", "GBP")));
        Assert.Null(await WithRatesAsync(r => r.ConvertAsync(new Money(1000, "USD"), "GBP")));
    }

    [Fact]
    public async Task Put_WithBadRates_Is400_AndChangesNothing()
    {
        var before = await (await app.Admin().GetAsync(Currencies)).Json();
        var problem = await (await PutAsync(new { code = "USD", rate = 1 }, new { code = "EUR", rate = 0 }, new { code = "ZZZ", rate = 2 }))
            .Problem(HttpStatusCode.BadRequest, "validation.failed");
        problem.HasFieldError("exchangeRates.EUR").HasFieldError("enabledCurrencies");
        await (await PutAsync(new { code = "EUR", rate = 1 })).Problem(HttpStatusCode.BadRequest, "store.default_currency_not_enabled");
        Assert.Equal(before.GetRawText(), (await (await app.Admin().GetAsync(Currencies)).Json()).GetRawText());
    }
}
