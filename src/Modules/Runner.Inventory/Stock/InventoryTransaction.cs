using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Runner.Kernel.Data;
using Runner.Kernel.Results;

namespace Runner.Inventory.Stock;

/// <summary>
/// Runs one stock change as a unit. Inside a caller's transaction (checkout placing an order: stock, payment, order
/// and outbox in one commit) it works under a savepoint, so a refused change is undone without spoiling the caller's
/// transaction; otherwise it opens and commits its own. A failed <see cref="Result{T}"/> rolls the change back.
/// <para>
/// On SQLite the transaction starts with <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's default for a non-deferred
/// transaction), so it holds the database's one write lock from its first statement and every read in it is current;
/// the writers of this process wait their turn for it asynchronously (<see cref="SqliteWriteGate"/>).
/// </para>
/// Work must add entities to the context only after its last check, and save last: a refusal then leaves nothing
/// pending in the context.
/// </summary>
internal static class InventoryTransaction
{
    private const string Savepoint = "runner_inventory";

    public static async Task<Result<T>> RunAsync<T>(RunnerDbContext db, Func<CancellationToken, Task<Result<T>>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is { } outer)
        {
            await outer.CreateSavepointAsync(Savepoint, ct);
            Result<T> joined;
            try
            {
                joined = await work(ct);
            }
            catch
            {
                await TryRollbackToSavepointAsync(outer);
                throw;
            }
            if (joined.IsSuccess) await outer.ReleaseSavepointAsync(Savepoint, ct);
            else await outer.RollbackToSavepointAsync(Savepoint, ct);
            return joined;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await work(ct);
        if (result.IsSuccess) await transaction.CommitAsync(ct);
        else await transaction.RollbackAsync(ct);
        return result;
    }

    private static async Task TryRollbackToSavepointAsync(IDbContextTransaction outer)
    {
        try
        {
            await outer.RollbackToSavepointAsync(Savepoint, CancellationToken.None);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // The connection is gone or the transaction is over; the caller's rollback undoes everything anyway.
        }
    }
}
