using Microsoft.EntityFrameworkCore;
using Runner.Inventory.Contracts;
using Runner.Inventory.Stock;
using Runner.Kernel.Data;

namespace Runner.Inventory.Reservations;

/// <summary>Ends an active reservation without a sale (released by a client, or expired by the sweeper).</summary>
internal static class ReservationEnd
{
    /// <summary>
    /// Moves the reservation from active to <paramref name="to"/> with one conditional update on its status, and only
    /// if that update took it gives the units back: so a release, a sale and any number of sweepers racing for the
    /// same reservation end it once. Returns false when it was not active.
    /// </summary>
    public static async Task<bool> GiveBackAsync(RunnerDbContext db, ReservationId id, ReservationStatus to, DateTimeOffset now, CancellationToken ct)
    {
        var ended = await db.Set<Reservation>()
            .Where(r => r.Id == id && r.Status == ReservationStatus.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, to).SetProperty(r => r.FinishedAt, now), ct);
        if (ended == 0) return false;
        var reservation = await db.Set<Reservation>().AsNoTracking().Include(r => r.Allocations).SingleAsync(r => r.Id == id, ct);
        foreach (var allocation in reservation.Allocations.OrderBy(a => a.LocationId.Value))
        {
            if (await StockSql.UnreserveAsync(db, reservation.VariantId, allocation.LocationId, allocation.Quantity, now, ct) is null)
                throw new InvalidOperationException(
                    $"Reservation {id} holds {allocation.Quantity} unit(s) at location {allocation.LocationId}, but fewer are reserved there.");
        }
        return true;
    }
}
