using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Inventory.Contracts;
using Runner.Inventory.Stock;
using Runner.Kernel.Data;
using Runner.Kernel.Actors;
using Runner.Kernel.Http;
using Runner.Kernel.Results;

namespace Runner.Inventory.Transfers;

/// <summary>
/// <c>POST /admin/inventory/transfers/{id}/ship</c>: the units leave the source. Each line is one conditional update
/// that takes only available units (never units reserved for a buyer); if any line is short, nothing ships.
/// </summary>
internal sealed class ShipTransfer(RunnerDbContext db, StockJournal journal, IActorAccessor actors, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder inventory) =>
        inventory.MapPost("/transfers/{id:guid}/ship", Endpoint).RequirePermission(Permissions.InventoryWrite).WithName("ShipTransfer")
            .WithSummary("Ship a requested transfer: its units leave the source location (ledger: transferred)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<TransferResponse>, ProblemHttpResult>> Endpoint(Guid id, ShipTransfer handler, CancellationToken ct)
    {
        var result = await handler.RunAsync(new TransferId(id), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Of(result.Error);
    }

    public async Task<Result<TransferResponse>> RunAsync(TransferId id, CancellationToken ct)
    {
        var now = Instants.Now(clock);
        return await InventoryTransaction.RunAsync<TransferResponse>(db, async ct =>
        {
            var transfer = await TransferSteps.MoveAsync(db, id, TransferStatus.Requested, TransferStatus.Shipped, now, actors.Current.ToString(), ct);
            if (transfer is null) return await TransferSteps.RefusalAsync(db, id, "shipped", ct);
            var moved = new List<(TransferLine Line, LevelState After)>();
            foreach (var line in transfer.Lines.OrderBy(l => l.VariantId.Value))
            {
                if (await StockSql.TakeAvailableAsync(db, line.VariantId, transfer.FromLocationId, line.Quantity, now, ct) is not { } after)
                {
                    var level = await StockSql.LockAsync(db, line.VariantId, transfer.FromLocationId, ct);
                    var refusal = InventoryErrors.InsufficientStock(level?.Available ?? 0, line.Quantity);
                    return refusal with { Extensions = new Dictionary<string, object?>(refusal.Extensions!) { ["variantId"] = line.VariantId.Value } };
                }
                moved.Add((line, after));
            }
            foreach (var (line, after) in moved)
            {
                journal.Record(line.VariantId, transfer.FromLocationId, -line.Quantity, after.OnHand, LedgerReason.Transferred, transfer.Id.ToString());
                journal.WatchThreshold(line.VariantId, transfer.FromLocationId, after.Available + line.Quantity, after);
            }
            await db.SaveChangesAsync(ct);
            return transfer.ToResponse();
        }, ct);
    }
}
