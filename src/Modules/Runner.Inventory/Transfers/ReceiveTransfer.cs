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

/// <summary><c>POST /admin/inventory/transfers/{id}/receive</c>: a shipped transfer's units arrive at the destination.</summary>
internal sealed class ReceiveTransfer(RunnerDbContext db, StockJournal journal, IActorAccessor actors, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder inventory) =>
        inventory.MapPost("/transfers/{id:guid}/receive", Endpoint).RequirePermission(Permissions.InventoryWrite).WithName("ReceiveTransfer")
            .WithSummary("Receive a shipped transfer: its units arrive at the destination (ledger: transferred)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<TransferResponse>, ProblemHttpResult>> Endpoint(Guid id, ReceiveTransfer handler, CancellationToken ct)
    {
        var result = await handler.RunAsync(new TransferId(id), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Of(result.Error);
    }

    public async Task<Result<TransferResponse>> RunAsync(TransferId id, CancellationToken ct)
    {
        var now = Instants.Now(clock);
        return await InventoryTransaction.RunAsync<TransferResponse>(db, async ct =>
        {
            var transfer = await TransferSteps.MoveAsync(db, id, TransferStatus.Shipped, TransferStatus.Received, now, actors.Current.ToString(), ct);
            if (transfer is null) return await TransferSteps.RefusalAsync(db, id, "received", ct);
            await PutBackAsync(db, journal, transfer, transfer.ToLocationId, now, note: null, ct);
            await db.SaveChangesAsync(ct);
            return transfer.ToResponse();
        }, ct);
    }

    /// <summary>Adds every line's units at <paramref name="location"/>, each with a <c>transferred</c> ledger row.</summary>
    internal static async Task PutBackAsync(RunnerDbContext db, StockJournal journal, Transfer transfer, LocationId location,
        DateTimeOffset now, string? note, CancellationToken ct)
    {
        foreach (var line in transfer.Lines.OrderBy(l => l.VariantId.Value))
        {
            await StockSql.EnsureLevelAsync(db, line.VariantId, location, now, ct);
            var after = await StockSql.AddOnHandAsync(db, line.VariantId, location, line.Quantity, now, ct)
                ?? throw new InvalidOperationException("Adding units to a level cannot be refused.");
            journal.Record(line.VariantId, location, line.Quantity, after.OnHand, LedgerReason.Transferred, transfer.Id.ToString(), note);
        }
    }
}
