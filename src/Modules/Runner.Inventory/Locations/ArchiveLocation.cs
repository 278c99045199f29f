using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Inventory.Contracts;
using Runner.Inventory.Stock;
using Runner.Kernel.Data;
using Runner.Kernel.Http;

namespace Runner.Inventory.Locations;

/// <summary>
/// <c>DELETE /admin/locations/{id}</c> archives: the location stops counting towards what channels can sell and takes
/// no new reservations or transfers, but keeps its levels and ledger, and its live reservations can still be sold.
/// </summary>
internal static class ArchiveLocation
{
    public static void Map(IEndpointRouteBuilder locations) =>
        locations.MapDelete("/{id:guid}", Endpoint).RequirePermission(Permissions.InventoryWrite).WithName("ArchiveLocation")
            .WithSummary("Archive a location (its ledger is kept; its stock no longer counts as available)")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<LocationResponse>, ProblemHttpResult>> Endpoint(
        Guid id, RunnerDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var location = await db.Set<Location>().Include(l => l.Channels).FirstOrDefaultAsync(l => l.Id == new LocationId(id), ct);
        if (location is null) return Problems.Of(InventoryErrors.LocationNotFound());
        if (location.ArchivedAt is null)
        {
            location.ArchivedAt = Instants.Now(clock);
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(await LocationQueries.ReadAsync(db, location.Id, ct));
    }
}
