using Runner.Catalog.Contracts;
using Runner.Store.Contracts;

namespace Runner.Inventory.Contracts;

/// <summary>A location's postal address; <see cref="CountryCode"/> is ISO 3166-1 alpha-2.</summary>
public sealed record LocationAddress(
    string CountryCode,
    string? Line1 = null,
    string? Line2 = null,
    string? City = null,
    string? Region = null,
    string? PostalCode = null);

/// <summary>
/// The body of <c>POST /admin/locations</c> (and what a PATCH merges into). <see cref="Priority"/> orders the
/// locations a reservation draws from (lower first). <see cref="Channels"/> are the sales channels the location
/// fulfils; left out, the store's default channel.
/// </summary>
public sealed record CreateLocationRequest(
    string Name,
    LocationKind Kind = LocationKind.Warehouse,
    int Priority = 0,
    LocationAddress? Address = null,
    IReadOnlyList<ChannelId>? Channels = null);

/// <summary>
/// The body of <c>POST /admin/inventory/adjustments</c>. <see cref="Delta"/> is the change in units (positive for
/// received and returned, negative for damaged, either for correction); a count gives <see cref="Quantity"/>, the
/// number counted, instead.
/// </summary>
public sealed record AdjustmentRequest(
    VariantId VariantId,
    LocationId LocationId,
    AdjustmentReason Reason,
    long? Delta = null,
    long? Quantity = null,
    string? Note = null);

/// <summary>
/// The body of <c>POST /admin/inventory/reservations</c>. Without <see cref="LocationId"/> the units come from the
/// locations in priority order (those fulfilling <see cref="ChannelId"/> when given), possibly from several.
/// <para>
/// <see cref="Backorder"/> is for a variant whose inventory policy is <c>continue</c> (it sells when out of stock):
/// the reservation takes the units available, the same way, and holds the rest as backordered at one location (the
/// named one; else the first by priority that carries the variant, or that fulfils the channel when none does), whose
/// available units go below zero by them. It never fails for stock (only for want of any location). For a <c>deny</c> variant it is refused (422 <c>inventory.backorder_not_allowed</c>).
/// </para>
/// </summary>
public sealed record ReserveRequest(
    VariantId VariantId,
    long Quantity,
    LocationId? LocationId = null,
    ChannelId? ChannelId = null,
    int TtlSeconds = ReserveRequest.DefaultTtlSeconds,
    string? Reference = null,
    bool Backorder = false)
{
    public const int DefaultTtlSeconds = 900;
}

public sealed record TransferLineInput(VariantId VariantId, long Quantity);

/// <summary>The body of <c>POST /admin/inventory/transfers</c>.</summary>
public sealed record CreateTransferRequest(
    LocationId FromLocationId,
    LocationId ToLocationId,
    IReadOnlyList<TransferLineInput> Lines,
    string? Note = null);

/// <summary>The body of <c>PUT /admin/inventory/thresholds</c>; a null <see cref="Threshold"/> clears it.</summary>
public sealed record ThresholdRequest(VariantId VariantId, LocationId LocationId, long? Threshold);
