using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Inventory.Contracts;
using Runner.Inventory.Levels;
using Runner.Inventory.Stock;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;

namespace Runner.Inventory.LowStock;

/// <summary>
/// <c>PUT /admin/inventory/thresholds</c>: the number of available units at or below which a level counts as low.
/// When a later change takes the level down to it, the store's contact address hears about it once.
/// </summary>
internal sealed class SetThreshold(RunnerDbContext db, InventoryLookups lookups, TimeProvider clock)
{
    public const long MaxThreshold = 1_000_000;

    public static void Map(IEndpointRouteBuilder inventory) =>
        inventory.MapPut("/thresholds", Endpoint).RequirePermission(Permissions.InventoryWrite).WithName("SetLowStockThreshold")
            .WithSummary("Set (or, with threshold null, clear) a level's low-stock threshold")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    internal static async Task<Results<Ok<LevelResponse>, ProblemHttpResult>> Endpoint(ThresholdRequest request, SetThreshold handler, CancellationToken ct)
    {
        var result = await handler.RunAsync(request, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Of(result.Error);
    }

    public async Task<Result<LevelResponse>> RunAsync(ThresholdRequest r, CancellationToken ct)
    {
        var v = new Validator();
        if (r.Threshold is { } t) v.Range("threshold", t, 0, MaxThreshold);
        await lookups.VariantsAsync(v, [("variantId", r.VariantId)], ct);
        await lookups.LocationAsync(v, "locationId", r.LocationId, ct);
        if (!v.IsValid) return v.ToError();
        var now = Instants.Now(clock);
        return await InventoryTransaction.RunAsync(db, async ct =>
        {
            await StockSql.EnsureLevelAsync(db, r.VariantId, r.LocationId, now, ct);
            await StockSql.SetThresholdAsync(db, r.VariantId, r.LocationId, r.Threshold, now, ct);
            var level = await db.Set<StockLevel>().AsNoTracking().SingleAsync(l => l.VariantId == r.VariantId && l.LocationId == r.LocationId, ct);
            return Result<LevelResponse>.Ok(level.ToResponse());
        }, ct);
    }

    /// <summary>Many thresholds as one unit: their variants and locations looked up once, set in one transaction.</summary>
    public async Task<Result<IReadOnlyList<LevelResponse>>> RunManyAsync(IReadOnlyList<ThresholdRequest> requests, CancellationToken ct)
    {
        var v = new Validator();
        foreach (var r in requests)
            if (r.Threshold is { } t) v.Range("threshold", t, 0, MaxThreshold);
        if (!v.IsValid) return v.ToError();
        await lookups.VariantsAsync(v, [.. requests.Select(r => ("variantId", r.VariantId))], ct);
        foreach (var location in requests.Select(r => r.LocationId).Distinct()) await lookups.LocationAsync(v, "locationId", location, ct);
        if (!v.IsValid) return v.ToError();
        var now = Instants.Now(clock);
        return await InventoryTransaction.RunAsync(db, async ct =>
        {
            var levels = new List<LevelResponse>(requests.Count);
            foreach (var r in requests)
            {
                await StockSql.EnsureLevelAsync(db, r.VariantId, r.LocationId, now, ct);
                var state = await StockSql.SetThresholdAsync(db, r.VariantId, r.LocationId, r.Threshold, now, ct);
                levels.Add(state!.Value.ToResponse(r.VariantId, r.LocationId, now));
            }
            return Result<IReadOnlyList<LevelResponse>>.Ok(levels);
        }, ct);
    }
}
