using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;
using Runner.Store.Contracts;

namespace Runner.Store.Settings;

/// <summary>The editable store settings: the body of a PATCH, after merging.</summary>
public sealed record StoreSettingsInput(
    string Name,
    string DefaultCurrency,
    IReadOnlyList<string> EnabledCurrencies,
    IReadOnlyDictionary<string, decimal>? ExchangeRates,
    string TimeZone,
    bool PricesIncludeTax,
    string WeightUnit,
    string OrderNumberPrefix,
    string? ContactEmail = null);

public sealed record StoreSettingsResponse(
    string Name,
    string DefaultCurrency,
    IReadOnlyList<string> EnabledCurrencies,
    IReadOnlyDictionary<string, decimal> ExchangeRates,
    string TimeZone,
    bool PricesIncludeTax,
    string WeightUnit,
    string OrderNumberPrefix,
    string? ContactEmail,
    DateTimeOffset UpdatedAt,
    long Version);

internal static class StoreSettingsEndpoints
{
    public static readonly string[] WeightUnits = ["g", "kg", "lb", "oz"];

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/store").WithTags("Store");
        group.MapGet("", Get).RequirePermission(Permissions.SettingsRead)
            .WithName("GetStore").WithSummary("Read the store settings");
        group.MapPatch("", Patch).RequirePermission(Permissions.SettingsWrite)
            .Accepts<StoreSettingsInput>(JsonMergePatch.MediaType, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithName("UpdateStore").WithSummary("Change store settings (JSON merge patch, RFC 7396)")
            .WithDescription(Versions.IfMatchNote("store.version_mismatch", "the settings")
                + " The currencies under /admin/settings/currencies are the same settings.");
    }

    internal static async Task<Ok<StoreSettingsResponse>> Get(RunnerDbContext db, HttpContext http, CancellationToken ct)
    {
        var settings = await db.Set<StoreSettings>().AsNoTracking().SingleAsync(ct);
        Versions.Tag(http, settings.Version);
        return TypedResults.Ok(ToResponse(settings));
    }

    /// <summary>412 when the request's If-Match names another version of the settings than <paramref name="settings"/>'.</summary>
    internal static Error? Stale(HttpContext http, StoreSettings settings) =>
        Versions.Check(http, settings.Version, "store.version_mismatch", "The store's settings");

    internal static async Task<Results<Ok<StoreSettingsResponse>, ProblemHttpResult>> Patch(
        JsonElement patch, RunnerDbContext db, IEnumerable<IDefaultCurrencyGuard> guards, HttpContext http,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var settings = await db.Set<StoreSettings>().SingleAsync(ct);
        if (Stale(http, settings) is { } stale) return Problems.Of(stale);
        var input = JsonMergePatch.Merge(ToInput(settings), patch, json.Value.SerializerOptions);
        input = input with { ExchangeRates = input.ExchangeRates ?? new Dictionary<string, decimal>() };
        var invalid = Validate(input);
        if (invalid is not null) return Problems.Of(invalid);
        if (input.DefaultCurrency != settings.DefaultCurrency)
        {
            foreach (var guard in guards)
            {
                if (await guard.CheckAsync(settings.DefaultCurrency, input.DefaultCurrency, ct) is { } refused)
                    return Problems.Of(refused);
            }
        }
        settings.Name = input.Name.Trim();
        settings.DefaultCurrency = input.DefaultCurrency;
        settings.EnabledCurrencies = [.. input.EnabledCurrencies.Distinct()];
        settings.ExchangeRates = input.ExchangeRates!.Where(r => r.Key != input.DefaultCurrency).ToDictionary();
        settings.TimeZone = input.TimeZone;
        settings.PricesIncludeTax = input.PricesIncludeTax;
        settings.WeightUnit = input.WeightUnit;
        settings.OrderNumberPrefix = input.OrderNumberPrefix;
        settings.ContactEmail = string.IsNullOrWhiteSpace(input.ContactEmail) ? null : input.ContactEmail.Trim();
        await db.SaveChangesAsync(ct);
        Versions.Tag(http, settings.Version);
        return TypedResults.Ok(ToResponse(settings));
    }

    internal static Error? Validate(StoreSettingsInput input)
    {
        var v = new Validator();
        v.Required("name", input.Name, 200);
        if (!Currency.IsKnown(input.DefaultCurrency))
            v.Add("defaultCurrency", "money.unknown_currency", $"'{input.DefaultCurrency}' is not an ISO 4217 currency code.");
        if (input.EnabledCurrencies.Count > 50)
            v.Add("enabledCurrencies", "validation.too_many", "At most 50 currencies can be enabled.");
        foreach (var code in input.EnabledCurrencies.Where(c => !Currency.IsKnown(c)))
            v.Add("enabledCurrencies", "money.unknown_currency", $"'{code}' is not an ISO 4217 currency code.");
        if (!input.EnabledCurrencies.Contains(input.DefaultCurrency))
            v.Add("enabledCurrencies", "store.default_currency_not_enabled", "enabledCurrencies must include the default currency.");
        foreach (var code in input.EnabledCurrencies.Where(c => c != input.DefaultCurrency && Currency.IsKnown(c)))
        {
            if (!input.ExchangeRates!.ContainsKey(code))
                v.Add($"exchangeRates.{code}", "store.missing_exchange_rate",
                    $"Enabled currency {code} needs an exchange rate: how many {code} one {input.DefaultCurrency} buys.");
        }
        foreach (var (code, rate) in input.ExchangeRates!)
        {
            if (code != input.DefaultCurrency && !input.EnabledCurrencies.Contains(code))
                v.Add($"exchangeRates.{code}", "store.rate_for_disabled_currency", $"{code} is not an enabled currency.");
            if (rate <= 0 || rate > 1_000_000)
                v.Add($"exchangeRates.{code}", "store.invalid_exchange_rate", "An exchange rate must be greater than 0 and at most 1,000,000.");
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(input.TimeZone ?? "", out _))
            v.Add("timeZone", "store.unknown_time_zone", $"'{input.TimeZone}' is not an IANA time zone such as Europe/Paris.");
        if (!WeightUnits.Contains(input.WeightUnit))
            v.Add("weightUnit", "store.unknown_weight_unit", "weightUnit must be one of g, kg, lb, oz.");
        v.MaxLength("orderNumberPrefix", input.OrderNumberPrefix, 20);
        v.Email("contactEmail", string.IsNullOrWhiteSpace(input.ContactEmail) ? null : input.ContactEmail.Trim());
        return v.IsValid ? null : v.ToError();
    }

    private static StoreSettingsInput ToInput(StoreSettings s) => new(s.Name, s.DefaultCurrency, s.EnabledCurrencies,
        s.ExchangeRates, s.TimeZone, s.PricesIncludeTax, s.WeightUnit, s.OrderNumberPrefix, s.ContactEmail);

    private static StoreSettingsResponse ToResponse(StoreSettings s) => new(s.Name, s.DefaultCurrency, s.EnabledCurrencies,
        s.ExchangeRates, s.TimeZone, s.PricesIncludeTax, s.WeightUnit, s.OrderNumberPrefix, s.ContactEmail, s.UpdatedAt, s.Version);
}
