using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Runner.Kernel.Outbox;

/// <summary>After a save that added outbox messages commits, wakes this process's dispatcher.</summary>
public sealed class OutboxCommitSignal(OutboxSignal signal) : SaveChangesInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Wake(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Wake(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Wake(DbContext? context)
    {
        // Inside an explicit transaction the rows are not visible yet; the dispatcher's poll picks them up shortly.
        if (context is null || context.Database.CurrentTransaction is not null) { signal.Notify(); return; }
        signal.Notify();
    }
}
