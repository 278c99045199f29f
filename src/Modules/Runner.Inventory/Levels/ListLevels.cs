using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Catalog.Contracts;
using Runner.Inventory.Contracts;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Paging;

namespace Runner.Inventory.Levels;

/// <summary><c>GET /admin/inventory/levels</c>: on hand, reserved and available per variant and location.</summary>
internal static class ListLevels
{
    public static void Map(IEndpointRouteBuilder inventory) =>
        inventory.MapGet("/levels", Endpoint).RequirePermission(Permissions.InventoryRead).WithName("ListStockLevels")
            .WithSummary("List stock levels (on hand, reserved, available), filtered by variant and/or location")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    internal static async Task<Ok<Page<LevelResponse>>> Endpoint(
        RunnerDbContext db, Guid? variantId, Guid? locationId, int? limit, string? cursor, CancellationToken ct)
    {
        var query = new LevelQuery(variantId is { } v ? new VariantId(v) : null, locationId is { } l ? new LocationId(l) : null);
        return TypedResults.Ok(await query.PageAsync(db, Cursor.Limit(limit), cursor, ct));
    }
}
