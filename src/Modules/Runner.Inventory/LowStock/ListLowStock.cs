using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Inventory.Contracts;
using Runner.Inventory.Levels;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Paging;

namespace Runner.Inventory.LowStock;

/// <summary><c>GET /admin/inventory/low-stock</c>: levels at live locations whose available units are at or below their threshold.</summary>
internal static class ListLowStock
{
    public static void Map(IEndpointRouteBuilder inventory) =>
        inventory.MapGet("/low-stock", Endpoint).RequirePermission(Permissions.InventoryRead).WithName("ListLowStock")
            .WithSummary("List levels at or below their low-stock threshold (available ≤ threshold), optionally at one location")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    internal static async Task<Ok<Page<LevelResponse>>> Endpoint(RunnerDbContext db, Guid? locationId, int? limit, string? cursor, CancellationToken ct)
    {
        var query = new LevelQuery(Location: locationId is { } l ? new LocationId(l) : null, LowOnly: true);
        return TypedResults.Ok(await query.PageAsync(db, Cursor.Limit(limit), cursor, ct));
    }
}
