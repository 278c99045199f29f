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
/// </summary>
public sealed record ReserveRequest(
    VariantId VariantId,
    long Quantity,
    LocationId? LocationId = null,
    ChannelId? ChannelId = null,
    int TtlSeconds = ReserveRequest.DefaultTtlSeconds,
    string? Reference = null)
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
