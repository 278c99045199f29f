using Runner.Catalog.Contracts;
using Runner.Kernel.Results;

namespace Runner.Inventory.Contracts;

/// <summary>
/// Inventory for code inside the engine: the demo seed, imports and checkout. The rules are the admin API's; a
/// refused request throws <see cref="DomainException"/> with the API's code (<c>inventory.insufficient_stock</c>).
/// <para>
/// Each write joins the caller's transaction when one is open on the shared context (so checkout can take stock,
/// payment, order and outbox in one commit) and otherwise commits its own. A refused write rolls back to a savepoint,
/// leaving the caller's transaction usable. Callers that reserve several variants in one transaction should do so in
/// ascending variant id order, the order every multi-row stock change locks rows in.
/// </para>
/// </summary>
public interface IInventoryService
{
    Task<LocationResponse> CreateLocationAsync(CreateLocationRequest request, CancellationToken ct = default);
    Task<AdjustmentResponse> AdjustAsync(AdjustmentRequest request, CancellationToken ct = default);
    /// <summary>
    /// Many adjustments as one unit (the demo seed, imports): the same rules as one by one, with one lookup of their
    /// variants and locations and one save. The first refused one throws and none is applied.
    /// </summary>
    Task<IReadOnlyList<AdjustmentResponse>> AdjustManyAsync(IReadOnlyList<AdjustmentRequest> requests, CancellationToken ct = default);
    /// <summary>Sets (or, with a null threshold, clears) the low-stock threshold of a variant at a location.</summary>
    Task<LevelResponse> SetThresholdAsync(ThresholdRequest request, CancellationToken ct = default);
    /// <summary>Many thresholds as one unit, as <see cref="AdjustManyAsync"/> does adjustments.</summary>
    Task<IReadOnlyList<LevelResponse>> SetThresholdsAsync(IReadOnlyList<ThresholdRequest> requests, CancellationToken ct = default);
    Task<ReservationResponse> ReserveAsync(ReserveRequest request, CancellationToken ct = default);
    /// <summary>
    /// Reserves several lines all or nothing (a checkout's), in the order given and in one transaction of their own,
    /// with the same rules as one by one. When lines are short none is reserved and <see cref="ReserveManyResult.Short"/>
    /// names each of them; any other refusal throws.
    /// </summary>
    Task<ReserveManyResult> ReserveManyAsync(IReadOnlyList<ReserveRequest> requests, CancellationToken ct = default);
    /// <summary>Gives a reservation's units back; releasing one already released or expired does nothing.</summary>
    Task ReleaseAsync(ReservationId id, CancellationToken ct = default);
    /// <summary>Turns a reservation into a sale: on-hand and reserved fall by its units, with a <c>sold</c> ledger row.</summary>
    Task<ReservationResponse> ConsumeAsync(ReservationId id, CancellationToken ct = default);
    /// <summary>Sells several reservations as one unit (an order's lines); the answers in the order of <paramref name="ids"/>.</summary>
    Task<IReadOnlyList<ReservationResponse>> ConsumeManyAsync(IReadOnlyList<ReservationId> ids, CancellationToken ct = default);
    /// <summary>The reservations with these ids as they are now (unknown ids left out), read without any lock.</summary>
    Task<IReadOnlyList<ReservationResponse>> GetReservationsAsync(IReadOnlyList<ReservationId> ids, CancellationToken ct = default);
    /// <summary>
    /// Sells reservations as <see cref="ConsumeManyAsync"/> does, given as they were read before the caller's
    /// transaction began (<see cref="GetReservationsAsync"/>), so that transaction does not read them again while it
    /// holds the write lock. Inside a transaction the ledger rows are saved with the caller's next SaveChanges.
    /// </summary>
    Task<IReadOnlyList<ReservationResponse>> SellAsync(IReadOnlyList<ReservationResponse> seen, CancellationToken ct = default);
    /// <summary>The stock levels of these variants (at one location, when given).</summary>
    Task<IReadOnlyList<LevelResponse>> GetLevelsAsync(IReadOnlyCollection<VariantId> variantIds, LocationId? locationId = null, CancellationToken ct = default);
}
