using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Inventory.Contracts;
using Runner.Inventory.Stock;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;

namespace Runner.Inventory.Levels;

/// <summary>
/// <c>POST /admin/inventory/adjustments</c>: units received, returned, damaged or corrected, or a count that sets on
/// hand to the number found. Each writes one ledger row; on hand never goes below zero.
/// </summary>
internal sealed class AdjustStock(RunnerDbContext db, InventoryLookups lookups, StockJournal journal, TimeProvider clock)
{
    public const long MaxUnits = 1_000_000_000;
    public const int MaxNote = 500;

    public static void Map(IEndpointRouteBuilder inventory) =>
        inventory.MapPost("/adjustments", Endpoint).RequirePermission(Permissions.InventoryWrite).WithName("AdjustStock")
            .WithSummary("Adjust on-hand stock: received, returned, damaged, correction (delta) or counted (quantity)")
            .WithDescription("`received` and `returned` take a positive `delta`, `damaged` a negative one, `correction` either; "
                + "`counted` takes `quantity`, the number counted, and records the difference. Refused with 409 "
                + "`inventory.insufficient_stock` when on hand would fall below zero.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Created<AdjustmentResponse>, ProblemHttpResult>> Endpoint(
        AdjustmentRequest request, AdjustStock handler, CancellationToken ct)
    {
        var result = await handler.RunAsync(request, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/admin/inventory/levels?variantId={request.VariantId}&locationId={request.LocationId}", result.Value)
            : Problems.Of(result.Error);
    }

    public async Task<Result<AdjustmentResponse>> RunAsync(AdjustmentRequest r, CancellationToken ct)
    {
        var v = new Validator();
        Validate(r, v);
        await lookups.VariantsAsync(v, [("variantId", r.VariantId)], ct);
        await lookups.LocationAsync(v, "locationId", r.LocationId, ct);
        if (!v.IsValid) return v.ToError();

        var now = Instants.Now(clock);
        return await InventoryTransaction.RunAsync<AdjustmentResponse>(db, async ct =>
        {
            var changed = await ChangeAsync(r, now, ct);
            if (!changed.IsSuccess) return changed.Error;
            var entry = Record(r, changed.Value);
            await db.SaveChangesAsync(ct);
            var level = await db.Set<StockLevel>().AsNoTracking()
                .SingleAsync(l => l.VariantId == r.VariantId && l.LocationId == r.LocationId, ct);
            return new AdjustmentResponse(level.ToResponse(), entry.ToResponse());
        }, ct);
    }

    /// <summary>
    /// Many adjustments as one unit (the demo seed, imports): each under the same rules, their variants and locations
    /// looked up once, applied in one transaction and saved once. The first refused one (its error is returned) undoes
    /// them all.
    /// </summary>
    public async Task<Result<IReadOnlyList<AdjustmentResponse>>> RunManyAsync(IReadOnlyList<AdjustmentRequest> requests, CancellationToken ct)
    {
        foreach (var r in requests)
        {
            var each = new Validator();
            Validate(r, each);
            if (!each.IsValid) return each.ToError();
        }
        var v = new Validator();
        await lookups.VariantsAsync(v, [.. requests.Select(r => ("variantId", r.VariantId))], ct);
        foreach (var location in requests.Select(r => r.LocationId).Distinct()) await lookups.LocationAsync(v, "locationId", location, ct);
        if (!v.IsValid) return v.ToError();

        var now = Instants.Now(clock);
        return await InventoryTransaction.RunAsync<IReadOnlyList<AdjustmentResponse>>(db, async ct =>
        {
            // Every change first, so that a refusal leaves nothing pending in the context.
            var changes = new List<Change>(requests.Count);
            foreach (var r in requests)
            {
                var changed = await ChangeAsync(r, now, ct);
                if (!changed.IsSuccess) return changed.Error;
                changes.Add(changed.Value);
            }
            var responses = requests.Select((r, i) =>
                new AdjustmentResponse(changes[i].After.ToResponse(r.VariantId, r.LocationId, now), Record(r, changes[i]).ToResponse())).ToList();
            await db.SaveChangesAsync(ct);
            return Result<IReadOnlyList<AdjustmentResponse>>.Ok(responses);
        }, ct);
    }

    private readonly record struct Change(long Delta, LevelState After);

    /// <summary>The conditional update of the level; refused when on hand would fall below zero.</summary>
    private async Task<Result<Change>> ChangeAsync(AdjustmentRequest r, DateTimeOffset now, CancellationToken ct)
    {
        await StockSql.EnsureLevelAsync(db, r.VariantId, r.LocationId, now, ct);
        if (r.Reason == AdjustmentReason.Counted)
        {
            var before = await StockSql.LockAsync(db, r.VariantId, r.LocationId, ct);
            var after = (await StockSql.SetOnHandAsync(db, r.VariantId, r.LocationId, r.Quantity!.Value, now, ct))!.Value;
            return new Change(after.OnHand - before!.Value.OnHand, after);
        }
        var delta = r.Delta!.Value;
        if (await StockSql.AddOnHandAsync(db, r.VariantId, r.LocationId, delta, now, ct) is { } changed) return new Change(delta, changed);
        var current = await StockSql.LockAsync(db, r.VariantId, r.LocationId, ct);
        return InventoryErrors.NotEnoughOnHand(current?.OnHand ?? 0, delta);
    }

    /// <summary>The ledger row of a change, and the low-stock message when it crossed the threshold.</summary>
    private LedgerEntry Record(AdjustmentRequest r, Change change)
    {
        var entry = journal.Record(r.VariantId, r.LocationId, change.Delta, change.After.OnHand, Reason(r.Reason), note: Clean(r.Note));
        journal.WatchThreshold(r.VariantId, r.LocationId, change.After.Available - change.Delta, change.After);
        return entry;
    }

    /// <summary>Each reason's rule for delta and quantity.</summary>
    internal static void Validate(AdjustmentRequest r, Validator v)
    {
        if (r.Reason == AdjustmentReason.Counted)
        {
            if (r.Delta is not null) v.Add("delta", "inventory.delta_not_allowed", "A count gives quantity (the number counted), not delta.");
            if (r.Quantity is null) v.Add("quantity", "validation.required", "quantity (the number counted) is required for a count.");
            else v.Range("quantity", r.Quantity.Value, 0, MaxUnits);
        }
        else
        {
            if (r.Quantity is not null) v.Add("quantity", "inventory.quantity_not_allowed", "quantity is only for counted; give delta.");
            var sign = r.Reason switch
            {
                AdjustmentReason.Received or AdjustmentReason.Returned => 1,
                AdjustmentReason.Damaged => -1,
                _ => 0,
            };
            if (r.Delta is not { } d) v.Add("delta", "validation.required", "delta (the change in units) is required.");
            else if (d == 0 || d < -MaxUnits || d > MaxUnits || (sign != 0 && Math.Sign(d) != sign))
                v.Add("delta", "inventory.invalid_delta", sign switch
                {
                    1 => $"delta must be a positive whole number up to {MaxUnits} for {Name(r.Reason)}.",
                    -1 => $"delta must be a negative whole number down to -{MaxUnits} for damaged.",
                    _ => $"delta must be a non-zero whole number between -{MaxUnits} and {MaxUnits}.",
                });
        }
        v.MaxLength("note", r.Note, MaxNote);
    }

    private static LedgerReason Reason(AdjustmentReason reason) => reason switch
    {
        AdjustmentReason.Received => LedgerReason.Received,
        AdjustmentReason.Returned => LedgerReason.Returned,
        AdjustmentReason.Damaged => LedgerReason.Damaged,
        AdjustmentReason.Counted => LedgerReason.Counted,
        _ => LedgerReason.Correction,
    };

    private static string Name(AdjustmentReason reason) => reason.ToString().ToLowerInvariant();

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
