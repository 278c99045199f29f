using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Kernel.Caching;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Pricing.Contracts;
using Runner.Store.Contracts;

namespace Runner.Pricing.Taxes;

/// <summary>
/// <c>/admin/settings/taxes</c>: the merchant's tax settings page (whether prices include tax, the rules, the zones), and
/// <c>/admin/settings/taxes/zones</c>, one zone per country or region. Every change
/// is stamped with the acting staff member or key (created/updated by).
/// </summary>
internal static class TaxZoneEndpoints
{
    public const string Rules =
        "A zone is a country (ISO 3166-1 alpha-2) or one of its regions (ISO 3166-2 code such as US-CA, or the region text " +
        "the store uses); a region zone's rates are added to its country zone's rates for the same category. Each line " +
        "pays the rates of its tax category (standard when it has none); shipping pays the zone's `shipping` rates. " +
        "Rounding: per line and per tax, half away from zero, to the currency's minor unit. Tax-exclusive prices: " +
        "tax = round(amount × rate). Tax-inclusive prices: tax = amount − round(amount / (1 + total rate)), shared among " +
        "the line's taxes in proportion to their rates. An address in no zone pays no tax.";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/settings/taxes", Overview).RequirePermission(Permissions.SettingsRead).WithTags("Taxes")
            .WithName("GetTaxSettings").WithSummary("The tax settings: whether prices include tax, the rules and every zone")
            .WithDescription("`pricesIncludeTax` changes through PATCH /admin/store; the zones under /admin/settings/taxes/zones. " + Rules);
        var zones = endpoints.MapGroup("/admin/settings/taxes/zones").WithTags("Taxes");
        zones.MapGet("", List).RequirePermission(Permissions.SettingsRead).WithName("ListTaxZones")
            .WithSummary("List the tax zones (by country, then region)").WithDescription(Rules);
        zones.MapGet("/{id:guid}", Get).RequirePermission(Permissions.SettingsRead).WithName("GetTaxZone")
            .WithSummary("Read a tax zone (its version as ETag)").ProducesProblem(StatusCodes.Status404NotFound);
        zones.MapPost("", Create).RequirePermission(Permissions.SettingsWrite).WithName("CreateTaxZone")
            .WithSummary("Create a tax zone for a country or region with its rates per tax category").WithDescription(Rules)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        zones.MapPatch("/{id:guid}", Update).RequirePermission(Permissions.SettingsWrite).WithName("UpdateTaxZone")
            .Accepts<TaxZoneInput>(JsonMergePatch.MediaType, "application/json")
            .WithSummary("Change a tax zone (JSON merge patch, RFC 7396); rates replaces the whole list")
            .WithDescription(Versions.IfMatchNote("pricing.tax_zone_version_mismatch", "the zone") + " " + Rules)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        zones.MapDelete("/{id:guid}", Delete).RequirePermission(Permissions.SettingsWrite).WithName("DeleteTaxZone")
            .WithSummary("Delete a tax zone: its addresses pay no tax (or only their country zone's)")
            .WithDescription(Versions.IfMatchNote("pricing.tax_zone_version_mismatch", "the zone"))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    internal static async Task<Ok<TaxSettingsResponse>> Overview(RunnerDbContext db, IStoreQueries store, CancellationToken ct) =>
        TypedResults.Ok(new TaxSettingsResponse((await store.GetSettingsAsync(ct)).PricesIncludeTax, Rules, await ListAsync(db, null, ct)));

    internal static async Task<Ok<TaxZoneList>> List(RunnerDbContext db, string? country, CancellationToken ct) =>
        TypedResults.Ok(new TaxZoneList(await ListAsync(db, country, ct)));

    internal static async Task<IReadOnlyList<TaxZoneResponse>> ListAsync(RunnerDbContext db, string? country, CancellationToken ct)
    {
        var query = db.Set<TaxZone>().AsNoTracking().Include(z => z.Rates).AsQueryable();
        if (!string.IsNullOrWhiteSpace(country)) query = query.Where(z => z.Country == country.Trim().ToUpperInvariant());
        var zones = await query.OrderBy(z => z.Country).ThenBy(z => z.RegionKey).ToListAsync(ct);
        return [.. zones.Select(TaxZoneRules.ToResponse)];
    }

    internal static async Task<Results<Ok<TaxZoneResponse>, ProblemHttpResult>> Get(Guid id, RunnerDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(db, id, ct) is not { } zone) return Problems.Of(PricingErrors.TaxZoneNotFound());
        Versions.Tag(http, zone.Version);
        return TypedResults.Ok(TaxZoneRules.ToResponse(zone));
    }

    internal static async Task<Results<Created<TaxZoneResponse>, ProblemHttpResult>> Create(
        TaxZoneInput input, RunnerDbContext db, HttpContext http, CancellationToken ct)
    {
        var created = await CreateAsync(db, input, ct);
        if (created.IsSuccess) Versions.Tag(http, created.Value.Version);
        return created.IsSuccess ? TypedResults.Created($"/admin/settings/taxes/zones/{created.Value.Id}", created.Value) : Problems.Of(created.Error);
    }

    internal static async Task<Result<TaxZoneResponse>> CreateAsync(RunnerDbContext db, TaxZoneInput input, CancellationToken ct)
    {
        var zone = TaxZoneRules.New();
        return await SaveAsync(db, zone, input, isNew: true, ct) is { } error ? error : TaxZoneRules.ToResponse(zone);
    }

    internal static async Task<Results<Ok<TaxZoneResponse>, ProblemHttpResult>> Update(Guid id, JsonElement patch, RunnerDbContext db,
        HttpContext http, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var zone = await FindAsync(db, id, ct, tracked: true);
        if (zone is null) return Problems.Of(PricingErrors.TaxZoneNotFound());
        if (Versions.Check(http, zone.Version, "pricing.tax_zone_version_mismatch", "The tax zone") is { } stale) return Problems.Of(stale);
        var input = JsonMergePatch.Merge(TaxZoneRules.ToInput(zone), patch, json.Value.SerializerOptions);
        if (await SaveAsync(db, zone, input, isNew: false, ct) is { } error) return Problems.Of(error);
        Versions.Tag(http, zone.Version);
        return TypedResults.Ok(TaxZoneRules.ToResponse(zone));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, RunnerDbContext db, SnapshotCache<TaxZone[]> cache,
        HttpContext http, CancellationToken ct)
    {
        var refused = await Versions.DeleteAsync(http, db.Set<TaxZone>().Where(z => z.Id == new TaxZoneId(id)),
            PricingErrors.TaxZoneNotFound(), "pricing.tax_zone_version_mismatch", "The tax zone", ct);
        cache.Invalidate();
        return refused is null ? TypedResults.NoContent() : Problems.Of(refused);
    }

    private static async Task<Error?> SaveAsync(RunnerDbContext db, TaxZone zone, TaxZoneInput input, bool isNew, CancellationToken ct)
    {
        if (TaxZoneRules.Validate(input) is { } invalid) return invalid;
        var oldRates = zone.Rates.ToList();
        TaxZoneRules.Apply(zone, input);
        if (await db.Set<TaxZone>().AnyAsync(z => z.Id != zone.Id && z.Country == zone.Country && z.RegionKey == zone.RegionKey, ct))
            return PricingErrors.TaxZoneExists(zone.Country, zone.Region);
        if (isNew) db.Add(zone);
        else
        {
            db.RemoveRange(oldRates);
            db.AddRange(zone.Rates);
            db.Entry(zone).Property(z => z.UpdatedAt).IsModified = true; // a change of rates alone is a change of the zone
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return PricingErrors.TaxZoneExists(zone.Country, zone.Region);
        }
        return null;
    }

    private static Task<TaxZone?> FindAsync(RunnerDbContext db, Guid id, CancellationToken ct, bool tracked = false)
    {
        var query = db.Set<TaxZone>().Include(z => z.Rates).Where(z => z.Id == new TaxZoneId(id));
        return (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(ct);
    }
}

/// <summary>The admin API's create and list for code inside the engine.</summary>
internal sealed class TaxZones(RunnerDbContext db) : ITaxZones
{
    public Task<Result<TaxZoneResponse>> CreateAsync(TaxZoneInput input, CancellationToken ct = default) =>
        TaxZoneEndpoints.CreateAsync(db, input, ct);

    public Task<IReadOnlyList<TaxZoneResponse>> ListAsync(CancellationToken ct = default) => TaxZoneEndpoints.ListAsync(db, null, ct);
}
