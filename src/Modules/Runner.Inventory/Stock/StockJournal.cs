using Runner.Catalog.Contracts;
using Runner.Inventory.Contracts;
using Runner.Inventory.Levels;
using Runner.Kernel.Actors;
using Runner.Kernel.Data;
using Runner.Kernel.Outbox;

namespace Runner.Inventory.Stock;

/// <summary>
/// What a stock change leaves behind in the same transaction: a ledger row for every change of on hand, and an
/// <c>inventory.level.low</c> message when a level's available units fall to its threshold.
/// </summary>
internal sealed class StockJournal(RunnerDbContext db, IOutbox outbox, IActorAccessor actors, TimeProvider clock)
{
    /// <summary>
    /// Adds a ledger row. Its time is read now, after the change's conditional update took the level's row lock, so
    /// the ledger's order of changes to one level is the order in which they were made.
    /// </summary>
    public LedgerEntry Record(VariantId variant, LocationId location, long delta, long onHandAfter, LedgerReason reason,
        string? reference = null, string? note = null)
    {
        var now = Instants.Now(clock);
        var entry = new LedgerEntry
        {
            Id = Guid.CreateVersion7(now),
            VariantId = variant,
            LocationId = location,
            Delta = delta,
            OnHandAfter = onHandAfter,
            Reason = reason,
            Reference = reference,
            Note = note,
            Actor = actors.Current.ToString(),
            OccurredAt = now,
        };
        db.Add(entry);
        return entry;
    }

    /// <summary>Enqueues the low-stock message when the change crossed the level's threshold downwards.</summary>
    public void WatchThreshold(VariantId variant, LocationId location, long availableBefore, LevelState after)
    {
        if (LowStock.Crossed(availableBefore, after.Available, after.Threshold))
            outbox.Enqueue(InventoryEvents.LevelLow, new LowStockReached(variant, location, after.Available, after.Threshold!.Value));
    }
}

/// <summary>The low-stock rule.</summary>
internal static class LowStock
{
    /// <summary>
    /// True when available units went from above the threshold to at or below it: the moment to tell someone, once,
    /// rather than on every sale while stock stays low.
    /// </summary>
    public static bool Crossed(long availableBefore, long availableAfter, long? threshold) =>
        threshold is { } t && availableBefore > t && availableAfter <= t;
}
