using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Catalog.Contracts;
using Runner.Inventory.Contracts;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Paging;
using Runner.Kernel.Validation;

namespace Runner.Inventory.Levels;

/// <summary><c>GET /admin/inventory/levels</c>: on hand, reserved and available per variant and location.</summary>
internal static class ListLevels
{
    /// <summary>How many variant ids <c>variantIds</c> takes in one call.</summary>
    public const int MaxVariants = 100;

    public static void Map(IEndpointRouteBuilder inventory) =>
        inventory.MapGet("/levels", Endpoint).RequirePermission(Permissions.InventoryRead).WithName("ListStockLevels")
            .WithSummary("List stock levels (on hand, reserved, available), filtered by variant(s), location and/or shortage")
            .WithDescription($"`variantIds` is a comma-separated list of up to {MaxVariants} variant ids (a page of a catalog's "
                + "variants in one call); `variantId` one variant. `low=true` keeps the levels whose available units are at or "
                + "below their low-stock threshold, or at or below zero where none is set, at live locations.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    internal static async Task<Ok<Page<LevelResponse>>> Endpoint(RunnerDbContext db, Guid? variantId, string? variantIds,
        Guid? locationId, bool? low, int? limit, string? cursor, CancellationToken ct)
    {
        var v = new Validator();
        var variants = ParseIds(variantIds, v);
        v.ThrowIfInvalid();
        if (variantId is { } one) variants = variants is null ? [new VariantId(one)] : [.. variants.Where(x => x.Value == one)];
        var query = new LevelQuery(Location: locationId is { } l ? new LocationId(l) : null, Variants: variants,
            Short: low == true);
        return TypedResults.Ok(await query.PageAsync(db, Cursor.Limit(limit), cursor, ct));
    }

    /// <summary>The ids of <paramref name="list"/> (null when not given); a part that is not a UUID, none, or too many are refused.</summary>
    private static List<VariantId>? ParseIds(string? list, Validator v)
    {
        if (list is null) return null;
        var ids = v.Ids("variantIds", list, "a variant id");
        if (!v.IsValid) return null;
        if (ids.Count == 0) v.Add("variantIds", "request.invalid_parameter", "variantIds is empty: give variant ids, comma-separated.");
        if (ids.Count > MaxVariants) v.Add("variantIds", "validation.too_many", $"variantIds takes at most {MaxVariants} variant ids per call.");
        return [.. ids.Select(id => new VariantId(id))];
    }
}
