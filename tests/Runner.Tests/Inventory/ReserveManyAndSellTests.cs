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
    [Fact]
    public async Task ReserveMany_NamesEveryShortLine_AndKeepsNothing()
    {
        var (plenty, at1) = await app.StockedVariantAsync(10, "Many");
        var (few, at2) = await app.StockedVariantAsync(1, "Many");
        var (none, at3) = await app.StockedVariantAsync(1, "Many");
        await app.WithInventoryAsync((inventory, _) => inventory.ReserveAsync(new ReserveRequest(none, 1)));
        var result = await app.WithInventoryAsync((inventory, _) => inventory.ReserveManyAsync(
            [new ReserveRequest(plenty, 4), new ReserveRequest(few, 2), new ReserveRequest(none, 1)]));

        Assert.Empty(result.Reserved);
        Assert.Equal([new ShortRequest(1, 1), new ShortRequest(2, 0)], result.Short);
        Assert.Equal(0L, (await app.LevelAsync(plenty, at1)).Reserved);
        Assert.Equal(0L, (await app.LevelAsync(few, at2)).Reserved);
        Assert.Equal(1L, (await app.LevelAsync(none, at3)).Reserved);
    }

    [Fact]
    public async Task ReserveMany_WithAShortLine_LeavesNothingInTheContext_NotEvenTheLowStockAlertOfALineTakenBefore()
    {
        var (low, at) = await app.StockedVariantAsync(5, "Many");
        await app.WithInventoryAsync((inventory, _) => inventory.SetThresholdAsync(new ThresholdRequest(low, at, 4)));
        var (few, _) = await app.StockedVariantAsync(1, "Many");
        var pending = await app.WithInventoryAsync(async (inventory, db) =>
        {
            var result = await inventory.ReserveManyAsync([new ReserveRequest(low, 2), new ReserveRequest(few, 2)]);
            Assert.Equal([new ShortRequest(1, 1)], result.Short);
            return db.ChangeTracker.Entries().Count(e => e.State != EntityState.Unchanged && e.State != EntityState.Detached);
        });
        Assert.Equal(0, pending);
        Assert.Equal(0L, (await app.LevelAsync(low, at)).Reserved);
    }

    [Fact]
    public async Task ReserveMany_ReservesEveryLine_InTheOrderGiven()
    {
        var (a, atA) = await app.StockedVariantAsync(5, "Many");
        var (b, atB) = await app.StockedVariantAsync(5, "Many");
        var result = await app.WithInventoryAsync((inventory, _) => inventory.ReserveManyAsync(
            [new ReserveRequest(a, 2, Reference: "cart:x"), new ReserveRequest(b, 3, Reference: "cart:x")]));

        Assert.Empty(result.Short);
        Assert.Equal([(a, 2L), (b, 3L)], result.Reserved.Select(r => (r.VariantId, r.Quantity)));
        Assert.All(result.Reserved, r => Assert.Equal(ReservationStatus.Active, r.Status));
        Assert.Equal((5L, 2L), ((await app.LevelAsync(a, atA)).OnHand, (await app.LevelAsync(a, atA)).Reserved));
        Assert.Equal(3L, (await app.LevelAsync(b, atB)).Reserved);
    }

    [Fact]
    public async Task ReserveMany_RefusesAnUnknownVariant_ByItsIndex()
    {
        var (a, _) = await app.StockedVariantAsync(5, "Many");
        var refused = await Assert.ThrowsAsync<DomainException>(() => app.WithInventoryAsync((inventory, _) => inventory.ReserveManyAsync(
            [new ReserveRequest(a, 1), new ReserveRequest(new VariantId(Guid.NewGuid()), 1)])));
        Assert.Contains("1/variantId", refused.Error.Fields!.Keys);
    }

    [Fact]
    public async Task Sell_OfReservationsReadBefore_SellsThem_WithTheLedgerSavedByTheCaller()
    {
        var (variant, location) = await app.StockedVariantAsync(5, "Many");
        var reserved = await app.WithInventoryAsync((inventory, _) => inventory.ReserveAsync(new ReserveRequest(variant, 2)));
        var sold = await app.WithInventoryAsync(async (inventory, db) =>
        {
            var seen = await inventory.GetReservationsAsync([reserved.Id]);
            await using var transaction = await db.Database.BeginTransactionAsync();
            var done = await inventory.SellAsync(seen);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return done;
        });

        Assert.Equal(ReservationStatus.Consumed, Assert.Single(sold).Status);
        var level = await app.LevelAsync(variant, location);
        Assert.Equal((3L, 0L), (level.OnHand, level.Reserved));
        var ledger = await InventoryData.LedgerAsync(app.Admin(), variant.ToString());
        Assert.Contains(ledger, row => row.Str("reason") == "sold" && row.Str("reference") == reserved.Id.ToString());
    }

    [Fact]
    public async Task Sell_OfAReservationReleasedSinceItWasRead_IsRefused_AndSellsNothing()
    {
        var (variant, location) = await app.StockedVariantAsync(5, "Many");
        var reserved = await app.WithInventoryAsync((inventory, _) => inventory.ReserveAsync(new ReserveRequest(variant, 2)));
        var seen = await app.WithInventoryAsync((inventory, _) => inventory.GetReservationsAsync([reserved.Id]));
        await app.WithInventoryAsync(async (inventory, _) =>
        {
            await inventory.ReleaseAsync(reserved.Id);
            return 0;
        });

        var refused = await Assert.ThrowsAsync<DomainException>(() => app.WithInventoryAsync(async (inventory, db) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            return await inventory.SellAsync(seen);
        }));
        Assert.Equal("inventory.reservation_not_active", refused.Error.Code);
        var level = await app.LevelAsync(variant, location);
        Assert.Equal((5L, 0L), (level.OnHand, level.Reserved));
    }

    [Fact]
    public async Task Sell_OfAReservationSoldSinceItWasRead_AnswersItAsSold_WithoutSellingTwice()
    {
        var (variant, location) = await app.StockedVariantAsync(5, "Many");
        var reserved = await app.WithInventoryAsync((inventory, _) => inventory.ReserveAsync(new ReserveRequest(variant, 2)));
        var seen = await app.WithInventoryAsync((inventory, _) => inventory.GetReservationsAsync([reserved.Id]));
        await app.WithInventoryAsync((inventory, _) => inventory.ConsumeAsync(reserved.Id));

        var again = await app.WithInventoryAsync(async (inventory, db) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var done = await inventory.SellAsync(seen);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return done;
        });
        Assert.Equal(ReservationStatus.Consumed, Assert.Single(again).Status);
        var level = await app.LevelAsync(variant, location);
        Assert.Equal((3L, 0L), (level.OnHand, level.Reserved));
        Assert.Single(await InventoryData.LedgerAsync(app.Admin(), variant.ToString()), row => row.Str("reason") == "sold");
    }
}
