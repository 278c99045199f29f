using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Catalog.Contracts;
using Runner.Inventory.Contracts;
using Runner.Kernel.Data;
using Runner.Kernel.Results;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Inventory;

/// <summary>
/// What checkout uses to keep SQLite's write lock short: a cart's lines reserved in one call (all or nothing, every
/// short line named), and reservations read before the order's transaction and sold in it, read again when they
/// changed in between.
/// </summary>
public class ReserveManyAndSellTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private async Task<T> InScopeAsync<T>(Func<IInventoryService, RunnerDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<IInventoryService>(), scope.ServiceProvider.GetRequiredService<RunnerDbContext>());
    }

    private async Task<(VariantId Variant, LocationId Location)> StockAsync(long units)
    {
        var variant = new VariantId(Guid.Parse(await InventoryData.VariantAsync(app.Admin())));
        var location = await InScopeAsync(async (inventory, _) =>
        {
            var created = await inventory.CreateLocationAsync(new CreateLocationRequest(InventoryData.Unique("Many"), LocationKind.Retail, 3));
            await inventory.AdjustAsync(new AdjustmentRequest(variant, created.Id, AdjustmentReason.Received, units, Note: "seed"));
            return created.Id;
        });
        return (variant, location);
    }

    private Task<LevelResponse> LevelAsync(VariantId variant, LocationId location) =>
        InScopeAsync(async (inventory, _) => (await inventory.GetLevelsAsync([variant], location)).Single());

    [Fact]
    public async Task ReserveMany_NamesEveryShortLine_AndKeepsNothing()
    {
        var (plenty, at1) = await StockAsync(10);
        var (few, at2) = await StockAsync(1);
        var (none, at3) = await StockAsync(1);
        await InScopeAsync((inventory, _) => inventory.ReserveAsync(new ReserveRequest(none, 1)));
        var result = await InScopeAsync((inventory, _) => inventory.ReserveManyAsync(
            [new ReserveRequest(plenty, 4), new ReserveRequest(few, 2), new ReserveRequest(none, 1)]));

        Assert.Empty(result.Reserved);
        Assert.Equal([new ShortRequest(1, 1), new ShortRequest(2, 0)], result.Short);
        Assert.Equal(0L, (await LevelAsync(plenty, at1)).Reserved);
        Assert.Equal(0L, (await LevelAsync(few, at2)).Reserved);
        Assert.Equal(1L, (await LevelAsync(none, at3)).Reserved);
    }

    [Fact]
    public async Task ReserveMany_WithAShortLine_LeavesNothingInTheContext_NotEvenTheLowStockAlertOfALineTakenBefore()
    {
        var (low, at) = await StockAsync(5);
        await InScopeAsync((inventory, _) => inventory.SetThresholdAsync(new ThresholdRequest(low, at, 4)));
        var (few, _) = await StockAsync(1);
        var pending = await InScopeAsync(async (inventory, db) =>
        {
            var result = await inventory.ReserveManyAsync([new ReserveRequest(low, 2), new ReserveRequest(few, 2)]);
            Assert.Equal([new ShortRequest(1, 1)], result.Short);
            return db.ChangeTracker.Entries().Count(e => e.State != EntityState.Unchanged && e.State != EntityState.Detached);
        });
        Assert.Equal(0, pending);
        Assert.Equal(0L, (await LevelAsync(low, at)).Reserved);
    }

    [Fact]
    public async Task ReserveMany_ReservesEveryLine_InTheOrderGiven()
    {
        var (a, atA) = await StockAsync(5);
        var (b, atB) = await StockAsync(5);
        var result = await InScopeAsync((inventory, _) => inventory.ReserveManyAsync(
            [new ReserveRequest(a, 2, Reference: "cart:x"), new ReserveRequest(b, 3, Reference: "cart:x")]));

        Assert.Empty(result.Short);
        Assert.Equal([(a, 2L), (b, 3L)], result.Reserved.Select(r => (r.VariantId, r.Quantity)));
        Assert.All(result.Reserved, r => Assert.Equal(ReservationStatus.Active, r.Status));
        Assert.Equal((5L, 2L), ((await LevelAsync(a, atA)).OnHand, (await LevelAsync(a, atA)).Reserved));
        Assert.Equal(3L, (await LevelAsync(b, atB)).Reserved);
    }

    [Fact]
    public async Task ReserveMany_RefusesAnUnknownVariant_ByItsIndex()
    {
        var (a, _) = await StockAsync(5);
        var refused = await Assert.ThrowsAsync<DomainException>(() => InScopeAsync((inventory, _) => inventory.ReserveManyAsync(
            [new ReserveRequest(a, 1), new ReserveRequest(new VariantId(Guid.NewGuid()), 1)])));
        Assert.Contains("1/variantId", refused.Error.Fields!.Keys);
    }

    [Fact]
    public async Task Sell_OfReservationsReadBefore_SellsThem_WithTheLedgerSavedByTheCaller()
    {
        var (variant, location) = await StockAsync(5);
        var reserved = await InScopeAsync((inventory, _) => inventory.ReserveAsync(new ReserveRequest(variant, 2)));
        var sold = await InScopeAsync(async (inventory, db) =>
        {
            var seen = await inventory.GetReservationsAsync([reserved.Id]);
            await using var transaction = await db.Database.BeginTransactionAsync();
            var done = await inventory.SellAsync(seen);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return done;
        });

        Assert.Equal(ReservationStatus.Consumed, Assert.Single(sold).Status);
        var level = await LevelAsync(variant, location);
        Assert.Equal((3L, 0L), (level.OnHand, level.Reserved));
        var ledger = await InventoryData.LedgerAsync(app.Admin(), variant.ToString());
        Assert.Contains(ledger, row => row.Str("reason") == "sold" && row.Str("reference") == reserved.Id.ToString());
    }

    [Fact]
    public async Task Sell_OfAReservationReleasedSinceItWasRead_IsRefused_AndSellsNothing()
    {
        var (variant, location) = await StockAsync(5);
        var reserved = await InScopeAsync((inventory, _) => inventory.ReserveAsync(new ReserveRequest(variant, 2)));
        var seen = await InScopeAsync((inventory, _) => inventory.GetReservationsAsync([reserved.Id]));
        await InScopeAsync(async (inventory, _) =>
        {
            await inventory.ReleaseAsync(reserved.Id);
            return 0;
        });

        var refused = await Assert.ThrowsAsync<DomainException>(() => InScopeAsync(async (inventory, db) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            return await inventory.SellAsync(seen);
        }));
        Assert.Equal("inventory.reservation_not_active", refused.Error.Code);
        var level = await LevelAsync(variant, location);
        Assert.Equal((5L, 0L), (level.OnHand, level.Reserved));
    }

    [Fact]
    public async Task Sell_OfAReservationSoldSinceItWasRead_AnswersItAsSold_WithoutSellingTwice()
    {
        var (variant, location) = await StockAsync(5);
        var reserved = await InScopeAsync((inventory, _) => inventory.ReserveAsync(new ReserveRequest(variant, 2)));
        var seen = await InScopeAsync((inventory, _) => inventory.GetReservationsAsync([reserved.Id]));
        await InScopeAsync((inventory, _) => inventory.ConsumeAsync(reserved.Id));

        var again = await InScopeAsync(async (inventory, db) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var done = await inventory.SellAsync(seen);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return done;
        });
        Assert.Equal(ReservationStatus.Consumed, Assert.Single(again).Status);
        var level = await LevelAsync(variant, location);
        Assert.Equal((3L, 0L), (level.OnHand, level.Reserved));
        Assert.Single(await InventoryData.LedgerAsync(app.Admin(), variant.ToString()), row => row.Str("reason") == "sold");
    }
}
