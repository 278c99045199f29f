using Runner.Catalog.Contracts;

namespace Runner.Inventory.Contracts;

/// <summary>Outbox message types the inventory emits.</summary>
public static class InventoryEvents
{
    /// <summary>A level's available units fell from above its low-stock threshold to at or below it.</summary>
    public const string LevelLow = "inventory.level.low";
}

public sealed record LowStockReached(VariantId VariantId, LocationId LocationId, long Available, long Threshold);
