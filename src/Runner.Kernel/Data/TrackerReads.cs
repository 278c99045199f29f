using Microsoft.EntityFrameworkCore;

namespace Runner.Kernel.Data;

/// <summary>
/// Reads of EF Core's change tracker that skip its scan for changes. <c>Entry</c> and <c>Entries</c> compare every
/// tracked value with its snapshot first; where a save has just scanned (or is about to scan) the same entities, that
/// second pass is pure cost, and on SQLite it is often paid while holding the one write lock.
/// </summary>
public static class TrackerReads
{
    public static T WithoutDetecting<T>(DbContext db, Func<T> read)
    {
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return read();
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }
}
