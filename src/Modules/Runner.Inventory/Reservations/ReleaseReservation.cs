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
/// <c>DELETE /admin/inventory/reservations/{id}</c>: gives the units back. Releasing a reservation that is already
/// released or expired changes nothing and succeeds, so a client may retry; a sold one cannot be released.
/// </summary>
internal sealed class ReleaseReservation(RunnerDbContext db, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder inventory) =>
        inventory.MapDelete("/reservations/{id:guid}", Endpoint).RequirePermission(Permissions.InventoryWrite)
            .WithName("ReleaseReservation").WithSummary("Release a reservation (its units become available again)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<NoContent, ProblemHttpResult>> Endpoint(Guid id, ReleaseReservation handler, CancellationToken ct)
    {
        var result = await handler.RunAsync(new ReservationId(id), ct);
        return result.IsSuccess ? TypedResults.NoContent() : Problems.Of(result.Error);
    }

    /// <summary>The reservation's status afterwards.</summary>
    public async Task<Result<ReservationStatus>> RunAsync(ReservationId id, CancellationToken ct)
    {
        var now = Instants.Now(clock);
        return await InventoryTransaction.RunAsync(db, async ct =>
        {
            if (await ReservationEnd.GiveBackAsync(db, id, ReservationStatus.Released, now, ct)) return ReservationStatus.Released;
            var status = await db.Set<Reservation>().Where(r => r.Id == id).Select(r => (ReservationStatus?)r.Status).FirstOrDefaultAsync(ct);
            return status switch
            {
                null => InventoryErrors.ReservationNotFound(),
                ReservationStatus.Consumed => InventoryErrors.ReservationConsumed(),
                _ => Result<ReservationStatus>.Ok(status.Value),
            };
        }, ct);
    }
}
