using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Inventory.Contracts;
using Runner.Inventory.Stock;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Results;

namespace Runner.Inventory.Reservations;

/// <summary>
/// <c>POST /admin/inventory/reservations/{id}/consume</c>: the reserved units are sold. On hand and reserved fall by
/// the reservation's units at each of its locations, each with a <c>sold</c> ledger row naming the reservation. A
/// backorder's sale takes on hand below zero by the units that were not in stock (or were written off since).
/// </summary>
internal sealed class ConsumeReservation(RunnerDbContext db, StockJournal journal, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder inventory) =>
        inventory.MapPost("/reservations/{id:guid}/consume", Endpoint).RequirePermission(Permissions.InventoryWrite)
            .WithName("ConsumeReservation").WithSummary("Sell a reservation's units (a sale in the ledger); repeating it changes nothing")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> Endpoint(Guid id, ConsumeReservation handler, CancellationToken ct)
    {
        var result = await handler.RunAsync(new ReservationId(id), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Of(result.Error);
    }

    public async Task<Result<ReservationResponse>> RunAsync(ReservationId id, CancellationToken ct)
    {
        var now = Instants.Now(clock);
        return await InventoryTransaction.RunAsync<ReservationResponse>(db, async ct =>
        {
            var consumed = await db.Set<Reservation>()
                .Where(r => r.Id == id && r.Status == ReservationStatus.Active && r.ExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReservationStatus.Consumed).SetProperty(r => r.FinishedAt, now), ct);
            var reservation = await db.Set<Reservation>().AsNoTracking().Include(r => r.Allocations).FirstOrDefaultAsync(r => r.Id == id, ct);
            if (reservation is null) return InventoryErrors.ReservationNotFound();
            if (consumed == 0)
            {
                return reservation.Status == ReservationStatus.Consumed
                    ? reservation.ToResponse()
                    : InventoryErrors.ReservationNotActive(reservation.Status);
            }
            var sold = new List<(ReservationAllocation Allocation, LevelState After)>();
            foreach (var allocation in reservation.Allocations.OrderBy(a => a.LocationId.Value))
            {
                var selling = reservation.Backorder
                    ? StockSql.SellBackorderedAsync(db, reservation.VariantId, allocation.LocationId, allocation.Quantity, now, ct)
                    : StockSql.SellReservedAsync(db, reservation.VariantId, allocation.LocationId, allocation.Quantity, now, ct);
                if (await selling is not { } after)
                {
                    // Units this reservation held were written off (damaged, counted lower) since it was made.
                    var level = await StockSql.LockAsync(db, reservation.VariantId, allocation.LocationId, ct);
                    return InventoryErrors.NotEnoughOnHand(level?.OnHand ?? 0, -allocation.Quantity);
                }
                sold.Add((allocation, after));
            }
            foreach (var (allocation, after) in sold)
                journal.Record(reservation.VariantId, allocation.LocationId, -allocation.Quantity, after.OnHand, LedgerReason.Sold,
                    reference: reservation.Id.ToString());
            await db.SaveChangesAsync(ct);
            return reservation.ToResponse(); // read after the status update: already consumed
        }, ct);
    }
}
