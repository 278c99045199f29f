using Runner.Catalog.Contracts;
using Runner.Store.Contracts;

namespace Runner.Inventory.Contracts;

public sealed record LocationResponse(
    LocationId Id,
    string Name,
    LocationKind Kind,
    int Priority,
    LocationAddress? Address,
    IReadOnlyList<ChannelId> Channels,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ArchivedAt);

/// <summary>
/// Stock of one variant at one location. <see cref="Available"/> is on hand minus reserved. Both may be negative for
/// a variant that sells when out of stock (policy <c>continue</c>): units sold or held beyond the stock are owed, and
/// received stock covers them first. Available is also negative when reserved units were written off (damaged,
/// counted lower) and the shortfall is the merchant's to resolve. Nothing is sold from a level with none available.
/// </summary>
public sealed record LevelResponse(
    VariantId VariantId,
    LocationId LocationId,
    long OnHand,
    long Reserved,
    long Available,
    long? LowStockThreshold,
    DateTimeOffset UpdatedAt);

/// <summary>One change of on-hand stock: who, when, why, by how much, and what was on hand after it.</summary>
public sealed record LedgerEntryResponse(
    Guid Id,
    VariantId VariantId,
    LocationId LocationId,
    long Delta,
    long OnHandAfter,
    LedgerReason Reason,
    string? Reference,
    string? Note,
    string Actor,
    DateTimeOffset OccurredAt);

public sealed record AdjustmentResponse(LevelResponse Level, LedgerEntryResponse Entry);

/// <summary>The units a reservation holds at one location; <see cref="Backordered"/> of them were not in stock.</summary>
public sealed record AllocationResponse(LocationId LocationId, long Quantity, long Backordered);

/// <summary>
/// A reservation. With <see cref="Backorder"/> (a <c>continue</c> variant) <see cref="Backordered"/> of its units were
/// not in stock when it was made; selling it takes on hand below zero by them.
/// </summary>
public sealed record ReservationResponse(
    ReservationId Id,
    VariantId VariantId,
    long Quantity,
    ReservationStatus Status,
    IReadOnlyList<AllocationResponse> Allocations,
    ChannelId? ChannelId,
    string? Reference,
    DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? FinishedAt,
    bool Backorder,
    long Backordered);

/// <summary>
/// What <see cref="IInventoryService.ReserveManyAsync"/> did: the reservations in the order of the requests, or (none
/// made) the requests that were short, by index, with the units available to each.
/// </summary>
public sealed record ReserveManyResult(IReadOnlyList<ReservationResponse> Reserved, IReadOnlyList<ShortRequest> Short);

/// <summary>A request of <see cref="IInventoryService.ReserveManyAsync"/> that found fewer units than it asked for.</summary>
public sealed record ShortRequest(int Index, long Available);

public sealed record TransferLineResponse(VariantId VariantId, long Quantity);

public sealed record TransferResponse(
    TransferId Id,
    LocationId FromLocationId,
    LocationId ToLocationId,
    TransferStatus Status,
    IReadOnlyList<TransferLineResponse> Lines,
    string? Note,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ShippedAt,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? CancelledAt);
