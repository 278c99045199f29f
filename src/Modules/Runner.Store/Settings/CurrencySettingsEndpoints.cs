using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Http;

namespace Runner.Store.Settings;

/// <summary>One enabled currency and its rate: units of it for one unit of the default currency (1 for the default).</summary>
public sealed record CurrencyRateInput(string Code, decimal Rate);

/// <summary>The whole list of enabled currencies; it must contain the default currency.</summary>
public sealed record CurrencySettingsInput(IReadOnlyList<CurrencyRateInput> Currencies);

public sealed record CurrencyRateResponse(string Code, string Name, int Decimals, decimal Rate, decimal InverseRate, bool IsDefault);

/// <summary>The enabled currencies; <see cref="Version"/> is the store settings' (also the ETag), for <c>If-Match</c>.</summary>
public sealed record CurrencySettingsResponse(string DefaultCurrency, IReadOnlyList<CurrencyRateResponse> Currencies,
    DateTimeOffset UpdatedAt, string UpdatedBy, long Version);

/// <summary>
/// <c>/admin/settings/currencies</c>: the currencies a shopper may pay in and their exchange rates from the default
/// currency, as a merchant's currency page edits them (the same settings as <c>PATCH /admin/store</c>, same rules).
/// </summary>
internal static class CurrencySettingsEndpoints
{
    private const string Description =
        "Rates are units of the currency for one unit of the default currency (USD→EUR 0.92). Conversions use the rate " +
        "(or its inverse 1/rate towards the default currency) and round once, half away from zero, to the target " +
        "currency's minor unit (JPY 0 decimals, KWD 3).";

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/settings/currencies").WithTags("Store");
        group.MapGet("", Get).RequirePermission(Permissions.SettingsRead).WithName("GetCurrencies")
            .WithSummary("Read the enabled currencies and their exchange rates").WithDescription(Description);
        group.MapPut("", Put).RequirePermission(Permissions.SettingsWrite).WithName("SetCurrencies")
            .WithSummary("Replace the enabled currencies and their exchange rates")
            .WithDescription(Description + " " + Versions.IfMatchNote("store.version_mismatch", "the store's settings"))
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    internal static async Task<Ok<CurrencySettingsResponse>> Get(RunnerDbContext db, HttpContext http, CancellationToken ct)
    {
        var settings = await db.Set<StoreSettings>().AsNoTracking().SingleAsync(ct);
        Versions.Tag(http, settings.Version);
        return TypedResults.Ok(ToResponse(settings));
    }

    internal static async Task<Results<Ok<CurrencySettingsResponse>, ProblemHttpResult>> Put(
        CurrencySettingsInput input, RunnerDbContext db, HttpContext http, CancellationToken ct)
    {
        var settings = await db.Set<StoreSettings>().SingleAsync(ct);
        if (StoreSettingsEndpoints.Stale(http, settings) is { } stale) return Problems.Of(stale);
        var codes = input.Currencies.Select(c => c.Code).ToList();
        if (codes.Count != codes.Distinct().Count())
            return Problems.Of(Kernel.Results.Error.Invalid("currencies", "store.duplicate_currency", "Each currency may appear once."));
        var defaultRate = input.Currencies.FirstOrDefault(c => c.Code == settings.DefaultCurrency);
        if (defaultRate is not null && defaultRate.Rate != 1)
            return Problems.Of(Kernel.Results.Error.Invalid($"currencies.{settings.DefaultCurrency}", "store.invalid_exchange_rate",
                "The default currency's rate is 1."));
        var rates = input.Currencies.Where(c => c.Code != settings.DefaultCurrency).ToDictionary(c => c.Code, c => c.Rate);
        var candidate = new StoreSettingsInput(settings.Name, settings.DefaultCurrency, codes, rates, settings.TimeZone,
            settings.PricesIncludeTax, settings.WeightUnit, settings.OrderNumberPrefix, settings.ContactEmail);
        if (StoreSettingsEndpoints.Validate(candidate) is { } invalid) return Problems.Of(invalid);
        settings.EnabledCurrencies = codes;
        settings.ExchangeRates = rates;
        await db.SaveChangesAsync(ct);
        Versions.Tag(http, settings.Version);
        return TypedResults.Ok(ToResponse(settings));
    }

    private static CurrencySettingsResponse ToResponse(StoreSettings s) => new(s.DefaultCurrency,
        [.. s.EnabledCurrencies.Select(code =>
        {
            var currency = Currency.Get(code);
            var rate = code == s.DefaultCurrency ? 1m : s.ExchangeRates.GetValueOrDefault(code, 0m);
            return new CurrencyRateResponse(code, currency.Name, currency.MinorUnits, rate, rate == 0 ? 0 : 1 / rate, code == s.DefaultCurrency);
        })],
        s.UpdatedAt, s.UpdatedBy, s.Version);
}
