using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;

namespace Runner.Checkout.Completion;

/// <summary>
/// Runs one step of a checkout (reserving the lines, placing the order) in a transaction that commits when the work
/// returns and rolls back when it throws. On SQLite the transaction waits its turn for the write lock through
/// <see cref="SqliteWriteGate"/>, like every writer of the process.
/// </summary>
internal static class CheckoutTransaction
{
    public static async Task<T> RunAsync<T>(RunnerDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work(ct);
            await transaction.CommitAsync(ct);
            return result;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
