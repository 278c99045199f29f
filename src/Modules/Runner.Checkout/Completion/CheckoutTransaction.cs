using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;

namespace Runner.Checkout.Completion;

/// <summary>
/// Runs one step of a checkout (reserving the lines, placing the order) in a transaction that commits when the work
/// returns and rolls back when it throws. On SQLite the transaction waits its turn for the write lock through
/// <see cref="SqliteWriteGate"/>, like every writer of the process.
/// <para>
/// Its saves take no savepoints: a savepoint lets a caller catch a failed save and go on with the rest of its
/// transaction, and no step here does (any failure throws, and the whole transaction rolls back). Two statements
/// fewer per save, while the write lock is held.
/// </para>
/// </summary>
internal static class CheckoutTransaction
{
    public static async Task<T> RunAsync<T>(RunnerDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        var savepoints = db.Database.AutoSavepointsEnabled;
        try
        {
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work(ct);
            await transaction.CommitAsync(ct);
            return result;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
            db.ChangeTracker.Clear();
        }
    }
}
