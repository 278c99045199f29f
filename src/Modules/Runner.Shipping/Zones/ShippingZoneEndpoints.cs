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
using Runner.Kernel.Reference;
using Runner.Kernel.Results;
using Runner.Shipping.Contracts;
using Runner.Store.Contracts;

namespace Runner.Shipping.Zones;

/// <summary>
/// <c>/admin/settings/shipping-zones</c>: the merchant's shipping page. Every change is stamped with the acting staff
/// member or key (created/updated by).
/// </summary>
internal static class ShippingZoneEndpoints
{
    public const string Rules =
        "A zone is a set of countries (ISO 3166-1 alpha-2), optionally narrowed to regions (ISO 3166-2 code such as US-HI or " +
        "the store's region text) and to postalCodes: exact codes (94107; in GB and CA an outward code or FSA such as SW1A or M5V " +
        "covers every code in it), prefixes (94*) and ranges (10000-14999, bounds of one length compared character by character), " +
        "matched in upper case without spaces or hyphens, a US ZIP+4 as its ZIP. The country * is the rest of the world. A place " +
        "(and each postal rule) belongs to one zone; a destination takes the rates of the most specific zone holding it: a " +
        "postal rule (an exact code, then an outward code or FSA, then the longer prefix, then the narrower range; a rule within " +
        "a region before one for the whole country), then its region, then its country, then the rest of the world, else none; " +
        "two equally specific rules of different zones go to the zone first by name. Bad patterns are 400 " +
        "shipping.invalid_postal_rule. Prices are in the store's default currency and converted to the cart currency " +
        "at the store's exchange rate, rounded once, half away from zero. Kinds: flat (price), free_above (price, 0 when the " +
        "subtotal is at or above freeAbove), weight and subtotal (bands from inclusive to exclusive, in grams or store-currency " +
        "minor units; bands must not overlap; outside every band the rate is not offered).";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var zones = endpoints.MapGroup("/admin/settings/shipping-zones").WithTags("Shipping");
        zones.MapGet("", List).RequirePermission(Permissions.SettingsRead).WithName("ListShippingZones")
            .WithSummary("List the shipping zones and their rates").WithDescription(Rules);
        zones.MapGet("/{id:guid}", Get).RequirePermission(Permissions.SettingsRead).WithName("GetShippingZone")
            .WithSummary("Read a shipping zone (its version as ETag)").ProducesProblem(StatusCodes.Status404NotFound);
        zones.MapPost("", Create).RequirePermission(Permissions.SettingsWrite).WithName("CreateShippingZone")
            .WithSummary("Create a shipping zone: countries or regions and their rates").WithDescription(Rules)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        zones.MapPatch("/{id:guid}", Update).RequirePermission(Permissions.SettingsWrite).WithName("UpdateShippingZone")
            .Accepts<ShippingZoneInput>(JsonMergePatch.MediaType, "application/json")
            .WithSummary("Change a shipping zone (JSON merge patch, RFC 7396); areas and rates replace the lists, a rate keeps its id when sent with it")
            .WithDescription(Versions.IfMatchNote("shipping.zone_version_mismatch", "the zone") + " " + Rules)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        zones.MapDelete("/{id:guid}", Delete).RequirePermission(Permissions.SettingsWrite).WithName("DeleteShippingZone")
            .WithSummary("Delete a shipping zone: its places get no rates")
            .WithDescription(Versions.IfMatchNote("shipping.zone_version_mismatch", "the zone"))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    internal static async Task<Ok<ShippingZoneList>> List(RunnerDbContext db, IStoreQueries store, CancellationToken ct) =>
        TypedResults.Ok(new ShippingZoneList(await ListAsync(db, store, ct)));

    internal static async Task<IReadOnlyList<ShippingZoneResponse>> ListAsync(RunnerDbContext db, IStoreQueries store, CancellationToken ct)
    {
        var currency = (await store.GetSettingsAsync(ct)).DefaultCurrency;
        var zones = await db.Set<ShippingZone>().AsNoTracking().Include(z => z.Rates).OrderBy(z => z.Name).ThenBy(z => z.Id).ToListAsync(ct);
        return [.. zones.Select(z => ShippingZoneRules.ToResponse(z, currency))];
    }

    internal static async Task<Results<Ok<ShippingZoneResponse>, ProblemHttpResult>> Get(Guid id, RunnerDbContext db, IStoreQueries store,
        HttpContext http, CancellationToken ct)
    {
        var zone = await db.Set<ShippingZone>().AsNoTracking().Include(z => z.Rates).FirstOrDefaultAsync(z => z.Id == new ShippingZoneId(id), ct);
        if (zone is null) return Problems.Of(ShippingErrors.ZoneNotFound());
        Versions.Tag(http, zone.Version);
        return TypedResults.Ok(ShippingZoneRules.ToResponse(zone, (await store.GetSettingsAsync(ct)).DefaultCurrency));
    }

    internal static async Task<Results<Created<ShippingZoneResponse>, ProblemHttpResult>> Create(
        ShippingZoneInput input, RunnerDbContext db, IStoreQueries store, HttpContext http, CancellationToken ct)
    {
        var created = await CreateAsync(db, store, input, ct);
        if (created.IsSuccess) Versions.Tag(http, created.Value.Version);
        return created.IsSuccess ? TypedResults.Created($"/admin/settings/shipping-zones/{created.Value.Id}", created.Value) : Problems.Of(created.Error);
    }

    internal static async Task<Result<ShippingZoneResponse>> CreateAsync(RunnerDbContext db, IStoreQueries store, ShippingZoneInput input, CancellationToken ct)
    {
        var currency = (await store.GetSettingsAsync(ct)).DefaultCurrency;
        var zone = ShippingZoneRules.New();
        return await SaveAsync(db, zone, input, currency, isNew: true, ct) is { } error ? error : ShippingZoneRules.ToResponse(zone, currency);
    }

    internal static async Task<Results<Ok<ShippingZoneResponse>, ProblemHttpResult>> Update(Guid id, JsonElement patch, RunnerDbContext db,
        IStoreQueries store, HttpContext http, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var zone = await db.Set<ShippingZone>().Include(z => z.Rates).FirstOrDefaultAsync(z => z.Id == new ShippingZoneId(id), ct);
        if (zone is null) return Problems.Of(ShippingErrors.ZoneNotFound());
        if (Versions.Check(http, zone.Version, "shipping.zone_version_mismatch", "The shipping zone") is { } stale) return Problems.Of(stale);
        var currency = (await store.GetSettingsAsync(ct)).DefaultCurrency;
        var input = JsonMergePatch.Merge(ShippingZoneRules.ToInput(zone, currency), patch, json.Value.SerializerOptions);
        if (await SaveAsync(db, zone, input, currency, isNew: false, ct) is { } error) return Problems.Of(error);
        Versions.Tag(http, zone.Version);
        return TypedResults.Ok(ShippingZoneRules.ToResponse(zone, currency));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, RunnerDbContext db, SnapshotCache<ShippingZone[]> cache,
        HttpContext http, CancellationToken ct)
    {
        var refused = await Versions.DeleteAsync(http, db.Set<ShippingZone>().Where(z => z.Id == new ShippingZoneId(id)),
            ShippingErrors.ZoneNotFound(), "shipping.zone_version_mismatch", "The shipping zone", ct);
        cache.Invalidate();
        return refused is null ? TypedResults.NoContent() : Problems.Of(refused);
    }

    private static async Task<Error?> SaveAsync(RunnerDbContext db, ShippingZone zone, ShippingZoneInput input, string currency,
        bool isNew, CancellationToken ct)
    {
        var before = zone.Rates.ToList();
        if (ShippingZoneRules.Validate(input, currency, [.. before.Select(r => r.Id)]) is { } invalid) return invalid;
        // The check that no other zone holds these places and the write are one step: two saves at once cannot both
        // claim a country. A caller's transaction (the demo seed's) is joined.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await Sql.LockAsync(db, "shipping.zones", ct);
        if (await TakenAsync(db, zone.Id, input, ct) is { } taken) return taken;
        ShippingZoneRules.Apply(zone, input);
        if (isNew) db.Add(zone);
        else
        {
            db.RemoveRange(before.Where(r => !zone.Rates.Contains(r)));
            db.AddRange(zone.Rates.Where(r => !before.Contains(r)));
            db.Entry(zone).Property(z => z.UpdatedAt).IsModified = true; // a change of rates alone is a change of the zone
        }
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return null;
    }

    /// <summary>
    /// A place (a country, a region, the rest of the world, one postal rule of a country or region) may belong to one
    /// zone only, so that a destination's rates never depend on which zone came first. A postal rule narrows a place
    /// rather than taking it: <c>US 94*</c> and <c>US</c> may be in different zones, and the narrower one wins.
    /// </summary>
    private static async Task<Error?> TakenAsync(RunnerDbContext db, ShippingZoneId self, ShippingZoneInput input, CancellationToken ct)
    {
        var others = await db.Set<ShippingZone>().AsNoTracking().Where(z => z.Id != self).Select(z => new { z.Name, z.Areas }).ToListAsync(ct);
        var owners = others.SelectMany(z => z.Areas.SelectMany(Places).Select(p => (Key: p, z.Name)))
            .GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.First().Name);
        for (var i = 0; i < input.Areas.Count; i++)
        {
            var a = ShippingZoneRules.Normalize(input.Areas[i]);
            foreach (var place in Places(a))
            {
                if (!owners.TryGetValue(place, out var owner)) continue;
                var name = string.Join(" ", new[] { a.Country, a.Region, place.Postal }.Where(s => !string.IsNullOrEmpty(s)));
                return ShippingErrors.AreaTaken(i, name, owner);
            }
        }
        return null;
    }

    private static IEnumerable<(string Country, string Region, string Postal)> Places(ShippingArea a) =>
        a.PostalCodes is { } rules
            ? rules.Select(r => (a.Country, Regions.Key(a.Country, a.Region), r))
            : [(a.Country, a.Country == ShippingZoneRules.RestOfWorld ? "" : Regions.Key(a.Country, a.Region), "")];
}

/// <summary>The admin API's create and list for code inside the engine.</summary>
internal sealed class ShippingZones(RunnerDbContext db, IStoreQueries store) : IShippingZones
{
    public Task<Result<ShippingZoneResponse>> CreateAsync(ShippingZoneInput input, CancellationToken ct = default) =>
        ShippingZoneEndpoints.CreateAsync(db, store, input, ct);

    public Task<IReadOnlyList<ShippingZoneResponse>> ListAsync(CancellationToken ct = default) => ShippingZoneEndpoints.ListAsync(db, store, ct);
}
