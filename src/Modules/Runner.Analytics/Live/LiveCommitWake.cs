using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;

namespace Runner.Analytics.Live;

/// <summary>
/// Wakes this process's <see cref="LiveBroadcaster"/> once a save that appended to the live feed has committed (after
/// its transaction, when it runs in one), so the change reaches the dashboards now rather than at the next poll. Other
/// processes' commits are found by the poll.
/// </summary>
internal sealed class LiveCommitWake(LiveBroadcaster broadcaster) : SavingObserver
{
    protected override void Saving(RunnerDbContext db)
    {
        if (db.ChangeTracker.Entries<LiveChange>().Any(e => e.State == EntityState.Added)) db.AfterCommit(broadcaster.Wake);
    }
}
