using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Inventory.Contracts;
using Runner.Kernel.Data;
using Runner.Kernel.Http;

namespace Runner.Inventory.Reservations;

/// <summary><c>GET /admin/inventory/reservations/{id}</c>.</summary>
internal static class GetReservation
{
    public static void Map(IEndpointRouteBuilder inventory) =>
        inventory.MapGet("/reservations/{id:guid}", Endpoint).RequirePermission(Permissions.InventoryRead)
            .WithName("GetReservation").WithSummary("Read a reservation: status, expiry and where its units are held")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> Endpoint(Guid id, RunnerDbContext db, CancellationToken ct)
    {
        var reservation = await db.Set<Reservation>().AsNoTracking().Include(r => r.Allocations)
            .FirstOrDefaultAsync(r => r.Id == new ReservationId(id), ct);
        return reservation is null ? Problems.Of(InventoryErrors.ReservationNotFound()) : TypedResults.Ok(reservation.ToResponse());
    }
}
