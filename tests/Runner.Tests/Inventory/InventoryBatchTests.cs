using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Catalog.Contracts;
using Runner.Inventory.Contracts;
using Runner.Kernel.Data;
using Runner.Kernel.Results;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Inventory;

/// <summary>IInventoryService's batches (the demo seed, imports): the rules of one by one, all or nothing.</summary>
public class InventoryBatchTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private async Task<(VariantId Variant, LocationId Location)> VariantAndLocationAsync()
    {
        var variant = new VariantId(Guid.Parse(await InventoryData.VariantAsync(app.Admin())));
        var location = await app.WithInventoryAsync(async (inventory, _) =>
            (await inventory.CreateLocationAsync(new CreateLocationRequest(InventoryData.Unique("Batch"), LocationKind.Warehouse))).Id);
        return (variant, location);
    }

    [Fact]
    public async Task AdjustMany_AppliesEach_WithALedgerRowPerAdjustment()
    {
        var (variant, location) = await VariantAndLocationAsync();
        var responses = await app.WithInventoryAsync((inventory, _) => inventory.AdjustManyAsync([
            new AdjustmentRequest(variant, location, AdjustmentReason.Received, 10, Note: "Opening stock"),
            new AdjustmentRequest(variant, location, AdjustmentReason.Damaged, -3),
            new AdjustmentRequest(variant, location, AdjustmentReason.Counted, Quantity: 6),
        ]));

        Assert.Equal([10L, 7L, 6L], responses.Select(r => r.Level.OnHand));
        Assert.Equal([10L, -3L, -1L], responses.Select(r => r.Entry.Delta));
        var level = (await app.WithInventoryAsync((inventory, _) => inventory.GetLevelsAsync([variant], location))).Single();
        Assert.Equal((6L, 6L), (level.OnHand, level.Available));
        Assert.Equal(level.UpdatedAt, responses[^1].Level.UpdatedAt);
        Assert.Equal(3, (await InventoryData.LedgerAsync(app.Admin(), variant.ToString())).Length);
    }

    [Fact]
    public async Task AdjustMany_WhenOneIsRefused_AppliesNone_AndLeavesNothingPending()
    {
        var (variant, location) = await VariantAndLocationAsync();
        var pending = await app.WithInventoryAsync(async (inventory, db) =>
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() => inventory.AdjustManyAsync([
                new AdjustmentRequest(variant, location, AdjustmentReason.Received, 2),
                new AdjustmentRequest(variant, location, AdjustmentReason.Damaged, -5),
            ]));
            Assert.Equal("inventory.insufficient_stock", refused.Error.Code);
            return db.ChangeTracker.Entries().Count(e => e.State != EntityState.Unchanged);
        });

        Assert.Equal(0, pending);
        var level = (await app.WithInventoryAsync((inventory, _) => inventory.GetLevelsAsync([variant], location))).SingleOrDefault();
        Assert.Equal(0L, level?.OnHand ?? 0);
        Assert.Empty(await InventoryData.LedgerAsync(app.Admin(), variant.ToString()));
    }

    [Fact]
    public async Task AdjustMany_RefusesAnInvalidRequest_OrAnUnknownVariant_BeforeChangingAnything()
    {
        var (variant, location) = await VariantAndLocationAsync();
        var invalid = await Assert.ThrowsAsync<DomainException>(() => app.WithInventoryAsync((inventory, _) => inventory.AdjustManyAsync([
            new AdjustmentRequest(variant, location, AdjustmentReason.Received, 4),
            new AdjustmentRequest(variant, location, AdjustmentReason.Received, -4),
        ])));
        Assert.Equal("inventory.invalid_delta", invalid.Error.Code);
        var unknown = await Assert.ThrowsAsync<DomainException>(() => app.WithInventoryAsync((inventory, _) => inventory.AdjustManyAsync([
            new AdjustmentRequest(variant, location, AdjustmentReason.Received, 4),
            new AdjustmentRequest(new VariantId(Guid.CreateVersion7()), location, AdjustmentReason.Received, 4),
        ])));
        Assert.Equal("inventory.unknown_variant", unknown.Error.Code);
        Assert.Empty(await InventoryData.LedgerAsync(app.Admin(), variant.ToString()));
    }

    [Fact]
    public async Task SetThresholds_SetsEach_AndAnOutOfRangeOneRefusesThemAll()
    {
        var (variant, location) = await VariantAndLocationAsync();
        var (other, _) = await VariantAndLocationAsync();
        var levels = await app.WithInventoryAsync((inventory, _) => inventory.SetThresholdsAsync([
            new ThresholdRequest(variant, location, 5),
            new ThresholdRequest(other, location, 2),
        ]));
        Assert.Equal([5L, 2L], levels.Select(l => l.LowStockThreshold!.Value));

        var refused = await Assert.ThrowsAsync<DomainException>(() => app.WithInventoryAsync((inventory, _) => inventory.SetThresholdsAsync([
            new ThresholdRequest(variant, location, 1),
            new ThresholdRequest(other, location, -1),
        ])));
        Assert.Equal("validation.out_of_range", refused.Error.Code);
        var stored = await app.WithInventoryAsync((inventory, _) => inventory.GetLevelsAsync([variant, other], location));
        Assert.Equal([5L, 2L], stored.OrderBy(l => l.VariantId == variant ? 0 : 1).Select(l => l.LowStockThreshold!.Value));
    }
}
