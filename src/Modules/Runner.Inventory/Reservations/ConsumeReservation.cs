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
        var consumed = await RunManyAsync([id], ct);
        return consumed.IsSuccess ? consumed.Value[0] : consumed.Error;
    }

    /// <summary>
    /// Sells several reservations as one unit (an order's lines): one read, one status update, one sale per allocation
    /// and one save for their ledger rows. The first reservation that cannot be sold refuses them all (the caller's
    /// transaction rolls back); one already consumed is answered as it is, without selling it again.
    /// </summary>
    public async Task<Result<IReadOnlyList<ReservationResponse>>> RunManyAsync(IReadOnlyList<ReservationId> ids, CancellationToken ct)
    {
        var now = Instants.Now(clock);
        var wanted = ids.Distinct().ToList();

        return await InventoryTransaction.RunAsync<IReadOnlyList<ReservationResponse>>(db, async ct =>
        {
            var found = (await FindAsync(wanted, ct)).ToDictionary(r => r.Id);
            if (wanted.Any(id => !found.ContainsKey(id))) return InventoryErrors.ReservationNotFound();
            var selling = new List<Reservation>();
            foreach (var reservation in wanted.Select(id => found[id]))
            {
                if (reservation.Status == ReservationStatus.Active && reservation.ExpiresAt > now) selling.Add(reservation);
                else if (reservation.Status != ReservationStatus.Consumed)
                    return InventoryErrors.ReservationNotActive(reservation.Status);
            }
            var taken = selling.Count == 0 ? 0 : await TakeAsync([.. selling.Select(r => r.Id)], now, ct);
            if (taken != selling.Count)
            {
                // Another request sold or released some since the read. When it sold them all (a parallel repeat),
                // they are answered as they now are; otherwise refused, and the caller's transaction rolls back.
                var current = await FindAsync(wanted, ct);
                if (taken == 0 && current.All(r => r.Status == ReservationStatus.Consumed)) return current.Select(r => r.ToResponse()).ToList();
                return InventoryErrors.ReservationNotActive(current.FirstOrDefault(r => r.Status != ReservationStatus.Consumed)?.Status
                    ?? ReservationStatus.Consumed);
            }
            if (await SellAsync([.. selling.Select(r => r.ToResponse())], now, ct) is { } refused) return refused;
            foreach (var reservation in selling)
            {
                reservation.Status = ReservationStatus.Consumed;
                reservation.FinishedAt = now;
            }
            if (selling.Count > 0) await db.SaveChangesAsync(ct);
            return wanted.Select(id => found[id].ToResponse()).ToList();
        }, ct);
    }

    /// <summary>The reservations with these ids as they are now (those that exist), read without any lock.</summary>
    public async Task<IReadOnlyList<ReservationResponse>> ReadAsync(IReadOnlyList<ReservationId> ids, CancellationToken ct) =>
        [.. (await FindAsync([.. ids.Distinct()], ct)).Select(r => r.ToResponse())];

    /// <summary>Read by every order placed (before its transaction), so compiled.</summary>
    private static readonly CompiledQuery<Func<RunnerDbContext, List<ReservationId>, IAsyncEnumerable<Reservation>>> Find = new(() =>
        EF.CompileAsyncQuery((RunnerDbContext db, List<ReservationId> ids) =>
            db.Set<Reservation>().AsNoTracking().Include(r => r.Allocations).AsSingleQuery().Where(r => ids.Contains(r.Id))));

    private ValueTask<List<Reservation>> FindAsync(List<ReservationId> ids, CancellationToken ct) => Find.For(db)(db, ids).ToListAsync(ct);

    /// <summary>
    /// Sells reservations read before the caller's transaction began (<see cref="ReadAsync"/>), so the write lock is
    /// not held for the read: one conditional update takes them all when each is still active, then one sale per
    /// allocation, and the ledger rows are added to the context for the caller's next save in the same transaction.
    /// Anything else (no transaction open, one no longer active, another request taking one first) goes the careful
    /// way of <see cref="RunManyAsync"/>, which reads them again under the lock. A refusal after the conditional update
    /// (units written off since) leaves the caller's transaction to roll back, as every caller of it does.
    /// </summary>
    public async Task<Result<IReadOnlyList<ReservationResponse>>> SellSeenAsync(IReadOnlyList<ReservationResponse> seen, CancellationToken ct)
    {
        var now = Instants.Now(clock);
        var ids = seen.Select(r => r.Id).Distinct().ToList();
        if (db.Database.CurrentTransaction is null || ids.Count != seen.Count
            || seen.Any(r => r.Status != ReservationStatus.Active || r.ExpiresAt <= now))
            return await RunManyAsync(ids, ct);
        if (await TakeAsync(ids, now, ct) != ids.Count)
            return await RunManyAsync(ids, ct);
        if (await SellAsync(seen, now, ct) is { } refused) return refused;
        return seen.Select(r => r with { Status = ReservationStatus.Consumed, FinishedAt = now }).ToList();
    }

    /// <summary>
    /// The sale of taken reservations: on hand and reserved fall at each allocation (in variant, then location order),
    /// and a <c>sold</c> ledger row per allocation is added for the next save. Refused when units a reservation held
    /// were written off (damaged, counted lower) since it was made.
    /// </summary>
    private async Task<Error?> SellAsync(IReadOnlyList<ReservationResponse> reservations, DateTimeOffset now, CancellationToken ct)
    {
        var sold = new List<(ReservationResponse Reservation, AllocationResponse Allocation, LevelState After)>();
        foreach (var reservation in reservations.OrderBy(r => r.VariantId.Value))
        {
            foreach (var allocation in reservation.Allocations.OrderBy(a => a.LocationId.Value))
            {
                var sale = reservation.Backorder
                    ? StockSql.SellBackorderedAsync(db, reservation.VariantId, allocation.LocationId, allocation.Quantity, now, ct)
                    : StockSql.SellReservedAsync(db, reservation.VariantId, allocation.LocationId, allocation.Quantity, now, ct);
                if (await sale is not { } after)
                {
                    var level = await StockSql.LockAsync(db, reservation.VariantId, allocation.LocationId, ct);
                    return InventoryErrors.NotEnoughOnHand(level?.OnHand ?? 0, -allocation.Quantity);
                }
                sold.Add((reservation, allocation, after));
            }
        }
        foreach (var (reservation, allocation, after) in sold)
            journal.Record(reservation.VariantId, allocation.LocationId, -allocation.Quantity, after.OnHand, LedgerReason.Sold,
                reference: reservation.Id.ToString());
        return null;
    }

    /// <summary>
    /// Marks the reservations consumed when they are still active: one plain statement, as it runs in the order's
    /// transaction while SQLite's one write lock is held. Answers how many it took.
    /// </summary>
    private Task<int> TakeAsync(IReadOnlyList<ReservationId> selling, DateTimeOffset now, CancellationToken ct)
    {
        var provider = db.Provider();
        // Only parameter placeholders ({1}, {2}, …) go into the text; every value is a parameter.
        var ids = string.Join(", ", selling.Select((_, i) => "{" + (i + 1) + "}"));
        var sql = $$"""
            UPDATE inventory_reservations SET status = '{{ReservationStatus.Consumed}}', finished_at = {0}
            WHERE id IN ({{ids}}) AND status = '{{ReservationStatus.Active}}' AND expires_at > {0}
            """;
        return db.Database.ExecuteSqlRawAsync(sql, [Sql.Time(provider, now), .. selling.Select(id => Sql.Id(provider, id.Value))], ct);
    }
}
