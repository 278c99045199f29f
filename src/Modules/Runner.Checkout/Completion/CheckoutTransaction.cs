using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;

namespace Runner.Checkout.Completion;

/// <summary>
/// Runs one step of a checkout (reserving the lines, placing the order) in a transaction that commits when the work
/// returns and rolls back when it throws. On SQLite, where one writer at a time holds the database's write lock, the
/// checkouts of this process queue here asynchronously instead of polling for the lock; the lock still decides
/// between processes.
/// </summary>
internal static class CheckoutTransaction
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteWriters = new();

    public static async Task<T> RunAsync<T>(RunnerDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        var queue = db.Provider() == DatabaseProvider.Sqlite
            ? SqliteWriters.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1))
            : null;
        if (queue is not null) await queue.WaitAsync(ct);
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
            queue?.Release();
        }
    }
}
