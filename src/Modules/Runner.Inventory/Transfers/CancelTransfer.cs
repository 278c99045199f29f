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
/// <c>POST /admin/inventory/transfers/{id}/cancel</c>: a requested transfer is simply called off; a shipped one that
/// will not arrive has its units returned to the source, with ledger rows saying so.
/// </summary>
internal sealed class CancelTransfer(RunnerDbContext db, StockJournal journal, IActorAccessor actors, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder inventory) =>
        inventory.MapPost("/transfers/{id:guid}/cancel", Endpoint).RequirePermission(Permissions.InventoryWrite).WithName("CancelTransfer")
            .WithSummary("Cancel a requested or shipped transfer (a shipped one's units return to the source)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<TransferResponse>, ProblemHttpResult>> Endpoint(Guid id, CancelTransfer handler, CancellationToken ct)
    {
        var result = await handler.RunAsync(new TransferId(id), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Of(result.Error);
    }

    public async Task<Result<TransferResponse>> RunAsync(TransferId id, CancellationToken ct)
    {
        var now = Instants.Now(clock);
        var actor = actors.Current.ToString();
        return await InventoryTransaction.RunAsync<TransferResponse>(db, async ct =>
        {
            if (await TransferSteps.MoveAsync(db, id, TransferStatus.Requested, TransferStatus.Cancelled, now, actor, ct) is { } requested)
                return requested.ToResponse();
            var shipped = await TransferSteps.MoveAsync(db, id, TransferStatus.Shipped, TransferStatus.Cancelled, now, actor, ct);
            if (shipped is null) return await TransferSteps.RefusalAsync(db, id, "cancelled", ct);
            await ReceiveTransfer.PutBackAsync(db, journal, shipped, shipped.FromLocationId, now, "Transfer cancelled; units returned.", ct);
            await db.SaveChangesAsync(ct);
            return shipped.ToResponse();
        }, ct);
    }
}
