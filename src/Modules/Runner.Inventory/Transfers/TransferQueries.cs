using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Inventory.Contracts;
using Runner.Inventory.Stock;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Paging;
using Runner.Kernel.Results;

namespace Runner.Inventory.Transfers;

/// <summary><c>GET /admin/inventory/transfers</c> (newest first, by status) and one transfer by id.</summary>
internal static class TransferQueries
{
    public static void Map(IEndpointRouteBuilder inventory)
    {
        inventory.MapGet("/transfers", List).RequirePermission(Permissions.InventoryRead).WithName("ListTransfers")
            .WithSummary("List transfers, newest first; status filters (requested, shipped, received, cancelled)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        inventory.MapGet("/transfers/{id:guid}", Get).RequirePermission(Permissions.InventoryRead).WithName("GetTransfer")
            .WithSummary("Read a transfer").ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Ok<Page<TransferResponse>>> List(RunnerDbContext db, string? status, int? limit, string? cursor, CancellationToken ct)
    {
        var size = Cursor.Limit(limit);
        TransferStatus? wanted = status switch
        {
            null or "" => null,
            "requested" => TransferStatus.Requested,
            "shipped" => TransferStatus.Shipped,
            "received" => TransferStatus.Received,
            "cancelled" => TransferStatus.Cancelled,
            _ => throw new DomainException(Error.Invalid("status", "inventory.invalid_status",
                "status must be one of requested, shipped, received, cancelled.")),
        };
        var keys = Cursor.Decode(cursor, 1);
        var provider = db.Provider();
        // Ids are time-ordered (UUIDv7), so the id alone is the newest-first keyset.
        await using var command = await Sql.CommandAsync(db, "", ct);
        var where = new List<string> { "1 = 1" };
        if (wanted is { } w)
        {
            where.Add("status = @status");
            command.With("status", w.ToString());
        }
        if (keys is not null)
        {
            where.Add("id < @before");
            command.With("before", Sql.Id(provider, Cursor.IdKey(keys[0])));
        }
        command.CommandText = $"SELECT id FROM inventory_transfers WHERE {string.Join(" AND ", where)} ORDER BY id DESC LIMIT @limit";
        command.With("limit", size + 1);
        var ids = new List<TransferId>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) ids.Add(new TransferId(Sql.ReadId(reader, 0)));
        }
        var transfers = (await db.Set<Transfer>().AsNoTracking().Include(t => t.Lines).Where(t => ids.Contains(t.Id)).ToListAsync(ct))
            .ToDictionary(t => t.Id);
        var rows = ids.Where(transfers.ContainsKey).Select(id => transfers[id]).ToList();
        return TypedResults.Ok(Cursor.ToPage(rows, size, t => t.ToResponse(), t => Cursor.Encode(t.Id.Value)));
    }

    internal static async Task<Results<Ok<TransferResponse>, ProblemHttpResult>> Get(Guid id, RunnerDbContext db, CancellationToken ct) =>
        await TransferSteps.LoadAsync(db, new TransferId(id), ct) is { } transfer
            ? TypedResults.Ok(transfer.ToResponse())
            : Problems.Of(InventoryErrors.TransferNotFound());
}
