using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Inventory.Contracts;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Paging;

namespace Runner.Inventory.Locations;

/// <summary><c>GET /admin/locations</c> in priority order, and one location by id.</summary>
internal static class LocationQueries
{
    public static void Map(IEndpointRouteBuilder locations)
    {
        locations.MapGet("", List).RequirePermission(Permissions.InventoryRead).WithName("ListLocations")
            .WithSummary("List locations in the order reservations draw from them (priority, then age)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        locations.MapGet("/{id:guid}", Get).RequirePermission(Permissions.InventoryRead).WithName("GetLocation")
            .WithSummary("Read a location").ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>A store has a handful of locations, not millions: the page is cut from the ordered list in memory.</summary>
    internal static async Task<Ok<Page<LocationResponse>>> List(RunnerDbContext db, int? limit, string? cursor, bool? includeArchived, CancellationToken ct)
    {
        var size = Cursor.Limit(limit);
        var query = db.Set<Location>().AsNoTracking().Include(l => l.Channels).AsQueryable();
        if (includeArchived != true) query = query.Where(l => l.ArchivedAt == null);
        var ordered = (await query.ToListAsync(ct)).OrderBy(l => l.Priority).ThenBy(l => l.Id.Value).ToList();
        if (Cursor.Decode(cursor, 1) is { } keys)
        {
            var afterId = Cursor.IdKey(keys[0]);
            var after = ordered.FindIndex(l => l.Id.Value == afterId);
            ordered = after < 0 ? [] : ordered[(after + 1)..];
        }
        var rows = ordered.Take(size + 1).ToList();
        return TypedResults.Ok(Cursor.ToPage(rows, size, LocationRules.ToResponse, l => Cursor.Encode(l.Id.Value)));
    }

    internal static async Task<Results<Ok<LocationResponse>, ProblemHttpResult>> Get(Guid id, RunnerDbContext db, CancellationToken ct)
    {
        var location = await db.Set<Location>().AsNoTracking().Include(l => l.Channels).FirstOrDefaultAsync(l => l.Id == new LocationId(id), ct);
        return location is null ? Problems.Of(InventoryErrors.LocationNotFound()) : TypedResults.Ok(LocationRules.ToResponse(location));
    }

    /// <summary>A location as stored (after a write: so its instants are the ones every later read returns).</summary>
    internal static async Task<LocationResponse> ReadAsync(RunnerDbContext db, LocationId id, CancellationToken ct) =>
        LocationRules.ToResponse(await db.Set<Location>().AsNoTracking().Include(l => l.Channels).SingleAsync(l => l.Id == id, ct));
}
