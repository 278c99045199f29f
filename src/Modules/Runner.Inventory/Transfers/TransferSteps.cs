using Microsoft.EntityFrameworkCore;
using Runner.Inventory.Contracts;
using Runner.Kernel.Data;
using Runner.Kernel.Results;

namespace Runner.Inventory.Transfers;

/// <summary>What ship, receive and cancel share: a conditional move of the transfer's status, and the refusal when it did not apply.</summary>
internal static class TransferSteps
{
    /// <summary>
    /// Moves the transfer from <paramref name="from"/> to <paramref name="to"/> with one conditional update (so two
    /// clicks on "ship" move stock once) and returns it with its lines; null when it was not in <paramref name="from"/>.
    /// </summary>
    public static async Task<Transfer?> MoveAsync(RunnerDbContext db, TransferId id, TransferStatus from, TransferStatus to,
        DateTimeOffset now, string actor, CancellationToken ct)
    {
        var moved = await db.Set<Transfer>().Where(t => t.Id == id && t.Status == from).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Status, to)
            .SetProperty(t => t.ShippedAt, t => to == TransferStatus.Shipped ? now : t.ShippedAt)
            .SetProperty(t => t.ReceivedAt, t => to == TransferStatus.Received ? now : t.ReceivedAt)
            .SetProperty(t => t.CancelledAt, t => to == TransferStatus.Cancelled ? now : t.CancelledAt)
            .SetProperty(t => t.UpdatedAt, now)
            .SetProperty(t => t.UpdatedBy, actor), ct);
        return moved == 0 ? null : await LoadAsync(db, id, ct);
    }

    public static Task<Transfer?> LoadAsync(RunnerDbContext db, TransferId id, CancellationToken ct) =>
        db.Set<Transfer>().AsNoTracking().Include(t => t.Lines).FirstOrDefaultAsync(t => t.Id == id, ct);

    /// <summary>Why a move did not apply: the transfer does not exist (404) or is in another state (409).</summary>
    public static async Task<Error> RefusalAsync(RunnerDbContext db, TransferId id, string action, CancellationToken ct) =>
        await db.Set<Transfer>().Where(t => t.Id == id).Select(t => (TransferStatus?)t.Status).FirstOrDefaultAsync(ct) is { } status
            ? InventoryErrors.InvalidTransferState(status, action)
            : InventoryErrors.TransferNotFound();
}
