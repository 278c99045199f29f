using Runner.Catalog.Contracts;
using Runner.Inventory.Contracts;

namespace Runner.Inventory.Levels;

/// <summary>
/// Stock of one variant at one location (table <c>inventory_levels</c>), created on first touch. Quantities change
/// only through the conditional statements of <see cref="Stock.StockSql"/>, never by loading and saving this entity.
/// </summary>
internal sealed class StockLevel
{
    public VariantId VariantId { get; set; }
    public LocationId LocationId { get; set; }
    public long OnHand { get; set; }
    public long Reserved { get; set; }
    public long? LowStockThreshold { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public LevelResponse ToResponse() => new(VariantId, LocationId, OnHand, Reserved, OnHand - Reserved, LowStockThreshold, UpdatedAt);
}

/// <summary>One change of on-hand stock (table <c>inventory_ledger</c>); rows are only ever added.</summary>
internal sealed class LedgerEntry
{
    public Guid Id { get; set; }
    public VariantId VariantId { get; set; }
    public LocationId LocationId { get; set; }
    public long Delta { get; set; }
    public long OnHandAfter { get; set; }
    public LedgerReason Reason { get; set; }
    /// <summary>What caused it, when something did: a reservation or transfer id.</summary>
    public string? Reference { get; set; }
    public string? Note { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset OccurredAt { get; set; }

    public LedgerEntryResponse ToResponse() =>
        new(Id, VariantId, LocationId, Delta, OnHandAfter, Reason, Reference, Note, Actor, OccurredAt);
}
