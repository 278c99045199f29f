using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Runner.Kernel.Data;

/// <summary>
/// An interceptor that looks at what a save through a Runner context is about to write, before it is written (caches
/// use it to queue their invalidation after the commit with <see cref="RunnerDbContext.AfterCommit"/>).
/// </summary>
/// <remarks>
/// The <see cref="AuditInterceptor"/> runs before every observer (the kernel adds it first) and has just detected
/// the changes, so <see cref="Saving"/> reads the change tracker without detecting them again: each detection
/// compares every tracked entity with its snapshot, and a save made three more of them for the observers alone.
/// </remarks>
public abstract class SavingObserver : SaveChangesInterceptor, IRunnerInterceptor
{
    /// <summary>Called before each save of <paramref name="db"/>; the change tracker holds what it will write.</summary>
    protected abstract void Saving(RunnerDbContext db);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is RunnerDbContext db) Observe(db);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is RunnerDbContext db) Observe(db);
        return ValueTask.FromResult(result);
    }

    private void Observe(RunnerDbContext db)
    {
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try { Saving(db); }
        finally { tracker.AutoDetectChangesEnabled = detect; }
    }
}
