using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Runner.Kernel.Outbox;

/// <summary>
/// Wakes this process's dispatcher once a save that added outbox messages is committed: right after the save, or,
/// inside an explicit transaction, after that transaction commits (before then the rows are invisible to the
/// dispatcher, which would find nothing and sleep a whole poll interval). Saves that add no message, and
/// transactions that roll back, wake nobody.
/// </summary>
public sealed class OutboxCommitSignal(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly object Added = new();
    private readonly ConditionalWeakTable<DbContext, object> _saving = new();
    private readonly ConditionalWeakTable<DbTransaction, object> _committing = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        Committed(transaction);

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken)
    {
        Committed(transaction);
        return Task.CompletedTask;
    }

    private void Remember(DbContext? context)
    {
        if (context is null || !AddsMessages(context)) return;
        if (context.Database.CurrentTransaction is { } transaction) _committing.AddOrUpdate(transaction.GetDbTransaction(), Added);
        else _saving.AddOrUpdate(context, Added);
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && _saving.Remove(context)) signal.Notify();
    }

    private void Forget(DbContext? context)
    {
        if (context is not null) _saving.Remove(context);
    }

    // A rolled-back or abandoned transaction is simply never committed; the weak table lets it go with the transaction.
    private void Committed(DbTransaction transaction)
    {
        if (_committing.Remove(transaction)) signal.Notify();
    }

    private static bool AddsMessages(DbContext context)
    {
        // The save detects changes itself; entities are Added as soon as they are added, so no second scan is needed here.
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try { return tracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added); }
        finally { tracker.AutoDetectChangesEnabled = detect; }
    }
}
