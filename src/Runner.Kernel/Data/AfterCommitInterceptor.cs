using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Runner.Kernel.Data;

/// <summary>
/// Runs the actions queued with <see cref="RunnerDbContext.AfterCommit"/> when their transaction commits, and after a
/// SaveChanges that ran outside any explicit transaction (EF Core skips its own transaction for a single statement).
/// </summary>
internal sealed class AfterCommitInterceptor : DbTransactionInterceptor, ISaveChangesInterceptor
{
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is RunnerDbContext { Database.CurrentTransaction: null } db) db.DiscardAfterCommit();
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    private static void Saved(Microsoft.EntityFrameworkCore.DbContext? context)
    {
        if (context is RunnerDbContext { Database.CurrentTransaction: null } db) db.RunAfterCommit();
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        Context(eventData)?.RunAfterCommit();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Context(eventData)?.RunAfterCommit();
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        Context(eventData)?.DiscardAfterCommit();

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Context(eventData)?.DiscardAfterCommit();
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) =>
        (eventData.Context as RunnerDbContext)?.DiscardAfterCommit();

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as RunnerDbContext)?.DiscardAfterCommit();
        return Task.CompletedTask;
    }

    private static RunnerDbContext? Context(TransactionEndEventData data) => data.Context as RunnerDbContext;
}

/// <summary>An EF Core interceptor a module registers (as <c>IRunnerInterceptor</c>) to join every Runner context.</summary>
public interface IRunnerInterceptor : IInterceptor;
