using Microsoft.EntityFrameworkCore;
using Runner.Catalog.Contracts;
using Runner.Inventory.Contracts;
using Runner.Inventory.Levels;
using Runner.Inventory.Locations;
using Runner.Inventory.LowStock;
using Runner.Inventory.Reservations;
using Runner.Kernel.Data;
using Runner.Kernel.Results;

namespace Runner.Inventory;

/// <summary>The in-process face of the inventory: the same use cases as the admin API, refusals thrown as <see cref="DomainException"/>.</summary>
internal sealed class InventoryService(
    RunnerDbContext db, CreateLocation createLocation, AdjustStock adjust, ReserveStock reserve,
    ReleaseReservation release, ConsumeReservation consume, SetThreshold threshold) : IInventoryService
{
    public async Task<LocationResponse> CreateLocationAsync(CreateLocationRequest request, CancellationToken ct = default) =>
        Unwrap(await createLocation.RunAsync(request, ct));

    public async Task<AdjustmentResponse> AdjustAsync(AdjustmentRequest request, CancellationToken ct = default) =>
        Unwrap(await adjust.RunAsync(request, ct));

    public async Task<IReadOnlyList<AdjustmentResponse>> AdjustManyAsync(IReadOnlyList<AdjustmentRequest> requests, CancellationToken ct = default) =>
        requests.Count == 0 ? [] : Unwrap(await adjust.RunManyAsync(requests, ct));

    public async Task<IReadOnlyList<LevelResponse>> SetThresholdsAsync(IReadOnlyList<ThresholdRequest> requests, CancellationToken ct = default) =>
        requests.Count == 0 ? [] : Unwrap(await threshold.RunManyAsync(requests, ct));

    public async Task<ReservationResponse> ReserveAsync(ReserveRequest request, CancellationToken ct = default) =>
        Unwrap(await reserve.RunAsync(request, ct));

    public async Task<ReserveManyResult> ReserveManyAsync(IReadOnlyList<ReserveRequest> requests, CancellationToken ct = default)
    {
        if (requests.Count == 0) return new ReserveManyResult([], []);
        var shortages = new List<(int Index, long Available)>();
        var result = await reserve.RunManyAsync(requests, shortages, ct);
        if (shortages.Count > 0) return new ReserveManyResult([], [.. shortages.Select(s => new ShortRequest(s.Index, s.Available))]);
        return new ReserveManyResult(Unwrap(result), []);
    }

    public async Task<LevelResponse> SetThresholdAsync(ThresholdRequest request, CancellationToken ct = default) =>
        Unwrap(await threshold.RunAsync(request, ct));

    public async Task ReleaseAsync(ReservationId id, CancellationToken ct = default) =>
        Unwrap(await release.RunAsync(id, ct));

    public async Task<ReservationResponse> ConsumeAsync(ReservationId id, CancellationToken ct = default) =>
        Unwrap(await consume.RunAsync(id, ct));

    public async Task<IReadOnlyList<ReservationResponse>> ConsumeManyAsync(IReadOnlyList<ReservationId> ids, CancellationToken ct = default) =>
        ids.Count == 0 ? [] : Unwrap(await consume.RunManyAsync(ids, ct));

    public Task<IReadOnlyList<ReservationResponse>> GetReservationsAsync(IReadOnlyList<ReservationId> ids, CancellationToken ct = default) =>
        consume.ReadAsync(ids, ct);

    public async Task<IReadOnlyList<ReservationResponse>> SellAsync(IReadOnlyList<ReservationResponse> seen, CancellationToken ct = default) =>
        seen.Count == 0 ? [] : Unwrap(await consume.SellSeenAsync(seen, ct));

    public async Task<IReadOnlyList<LevelResponse>> GetLevelsAsync(IReadOnlyCollection<VariantId> variantIds, LocationId? locationId = null, CancellationToken ct = default)
    {
        if (variantIds.Count == 0) return [];
        var ids = variantIds.Distinct().ToList();
        var query = db.Set<StockLevel>().AsNoTracking().Where(l => ids.Contains(l.VariantId));
        if (locationId is { } location) query = query.Where(l => l.LocationId == location);
        return [.. (await query.ToListAsync(ct)).OrderBy(l => l.VariantId.Value).ThenBy(l => l.LocationId.Value).Select(l => l.ToResponse())];
    }

    private static T Unwrap<T>(Result<T> result) => result.IsSuccess ? result.Value : throw new DomainException(result.Error);
}
