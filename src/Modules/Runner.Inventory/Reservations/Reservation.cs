using Runner.Catalog.Contracts;
using Runner.Inventory.Contracts;
using Runner.Store.Contracts;

namespace Runner.Inventory.Reservations;

/// <summary>
/// Units of a variant held for a while (table <c>inventory_reservations</c>), taken from one or more locations
/// (<see cref="Allocations"/>). Its status moves only through conditional updates from <c>active</c>, so a release,
/// a sale and the sweeper can never finish the same reservation twice.
/// </summary>
internal sealed class Reservation
{
    public ReservationId Id { get; set; }
    public VariantId VariantId { get; set; }
    public long Quantity { get; set; }
    public ReservationStatus Status { get; set; }
    public ChannelId? ChannelId { get; set; }
    public string? Reference { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Units beyond the stock may be held and sold (a <c>continue</c> variant's checkout).</summary>
    public bool Backorder { get; set; }

    public List<ReservationAllocation> Allocations { get; set; } = [];

    public ReservationResponse ToResponse() => new(Id, VariantId, Quantity, Status,
        [.. Allocations.OrderBy(a => a.LocationId.Value).Select(a => new AllocationResponse(a.LocationId, a.Quantity, a.Backordered))],
        ChannelId, Reference, ExpiresAt, CreatedAt, CreatedBy, FinishedAt, Backorder, Allocations.Sum(a => a.Backordered));
}

/// <summary>The units a reservation holds at one location (table <c>inventory_reservation_allocations</c>).</summary>
internal sealed class ReservationAllocation
{
    public ReservationId ReservationId { get; set; }
    public LocationId LocationId { get; set; }
    public long Quantity { get; set; }
    /// <summary>How many of <see cref="Quantity"/> were not in stock at this location when reserved.</summary>
    public long Backordered { get; set; }
}
