using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Catalog.Contracts;
using Runner.Inventory.Contracts;
using Runner.Kernel.Data;
using Runner.Kernel.Results;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Inventory;

/// <summary>IInventoryService, as the seed and checkout call it: same rules, and it joins the caller's transaction.</summary>
public class InventoryServiceTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task Seed_CreatesALocation_AndStock_ThroughTheSameRules()
    {
        var (variant, location) = await app.StockedVariantAsync(6, "Seeded");
        var level = await app.LevelAsync(variant, location);
        Assert.Equal((6L, 0L, 6L), (level.OnHand, level.Reserved, level.Available));
        var ledger = await InventoryData.LedgerAsync(app.Admin(), variant.ToString());
        Assert.Equal("system:system", Assert.Single(ledger).Str("actor"));

        var refused = await Assert.ThrowsAsync<DomainException>(() => app.WithInventoryAsync((inventory, _) =>
            inventory.AdjustAsync(new AdjustmentRequest(variant, location, AdjustmentReason.Damaged, 2))));
        Assert.Equal("inventory.invalid_delta", refused.Error.Code);
        Assert.Contains("delta", refused.Error.Fields!.Keys);
    }

    [Fact]
    public async Task Reserve_InsideTheCallersTransaction_IsUndoneWhenTheCallerRollsBack()
    {
        var (variant, location) = await app.StockedVariantAsync(5, "Seeded");
        await app.WithInventoryAsync(async (inventory, db) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var reservation = await inventory.ReserveAsync(new ReserveRequest(variant, 2));
            await inventory.ConsumeAsync(reservation.Id);
            await transaction.RollbackAsync();
            return 0;
        });
        var level = await app.LevelAsync(variant, location);
        Assert.Equal((5L, 0L), (level.OnHand, level.Reserved));
        Assert.Single(await InventoryData.LedgerAsync(app.Admin(), variant.ToString()));
    }

    [Fact]
    public async Task ARefusedReservation_LeavesTheCallersTransactionUsable_AndItsWorkCommits()
    {
        var (variant, location) = await app.StockedVariantAsync(5, "Seeded");
        var kept = await app.WithInventoryAsync(async (inventory, db) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var first = await inventory.ReserveAsync(new ReserveRequest(variant, 3, location));
            var refused = await Assert.ThrowsAsync<DomainException>(() => inventory.ReserveAsync(new ReserveRequest(variant, 3)));
            Assert.Equal("inventory.insufficient_stock", refused.Error.Code);
            Assert.Equal(2L, refused.Error.Extensions!["available"]);
            var second = await inventory.ReserveAsync(new ReserveRequest(variant, 2));
            await transaction.CommitAsync();
            return new[] { first.Id, second.Id };
        });
        var level = await app.LevelAsync(variant, location);
        Assert.Equal((5L, 5L), (level.OnHand, level.Reserved));
        foreach (var id in kept)
            Assert.Equal("active", (await (await app.Admin().GetAsync($"/admin/inventory/reservations/{id}")).Json()).Str("status"));

        await app.WithInventoryAsync(async (inventory, _) => { await inventory.ReleaseAsync(kept[0]); await inventory.ReleaseAsync(kept[0]); return 0; });
        Assert.Equal(2, (await app.LevelAsync(variant, location)).Reserved);
        var sold = await app.WithInventoryAsync((inventory, _) => inventory.ConsumeAsync(kept[1]));
        Assert.Equal(ReservationStatus.Consumed, sold.Status);
        var released = await Assert.ThrowsAsync<DomainException>(() => app.WithInventoryAsync(async (inventory, _) => { await inventory.ReleaseAsync(kept[1]); return 0; }));
        Assert.Equal("inventory.reservation_consumed", released.Error.Code);
    }

    [Fact]
    public async Task ConsumeMany_SellsEveryReservationAsOneUnit_OrNoneWhenOneIsNoLongerActive()
    {
        var (variant, location) = await app.StockedVariantAsync(10, "Seeded");
        var ids = await app.WithInventoryAsync(async (inventory, _) => new[]
        {
            (await inventory.ReserveAsync(new ReserveRequest(variant, 2, location))).Id,
            (await inventory.ReserveAsync(new ReserveRequest(variant, 3, location))).Id,
            (await inventory.ReserveAsync(new ReserveRequest(variant, 1, location))).Id,
        });
        await app.WithInventoryAsync(async (inventory, _) => { await inventory.ReleaseAsync(ids[2]); return 0; });

        var refused = await Assert.ThrowsAsync<DomainException>(() => app.WithInventoryAsync((inventory, _) => inventory.ConsumeManyAsync(ids)));
        Assert.Equal("inventory.reservation_not_active", refused.Error.Code);
        var level = await app.LevelAsync(variant, location);
        Assert.Equal((10L, 5L), (level.OnHand, level.Reserved)); // nothing sold, both others still held

        var sold = await app.WithInventoryAsync((inventory, _) => inventory.ConsumeManyAsync([ids[1], ids[0]]));
        Assert.Equal([ids[1], ids[0]], sold.Select(r => r.Id));
        Assert.All(sold, r => Assert.Equal(ReservationStatus.Consumed, r.Status));
        level = await app.LevelAsync(variant, location);
        Assert.Equal((5L, 0L), (level.OnHand, level.Reserved));
        Assert.Equal(3, (await InventoryData.LedgerAsync(app.Admin(), variant.ToString())).Length); // received, then one sale each

        // A repeat answers them as they are and sells nothing again.
        var again = await app.WithInventoryAsync((inventory, _) => inventory.ConsumeManyAsync([ids[0], ids[1]]));
        Assert.All(again, r => Assert.Equal(ReservationStatus.Consumed, r.Status));
        Assert.Equal(5L, (await app.LevelAsync(variant, location)).OnHand);
    }

    [Fact]
    public async Task TheSchema_KeepsOnHandAndReservedFromGoingNegative()
    {
        var (variant, location) = await app.StockedVariantAsync(1, "Seeded");
        var provider = await app.WithDbAsync(db => Task.FromResult(db.Provider()));
        await Assert.ThrowsAnyAsync<DbException>(() => app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await using var command = await Sql.CommandAsync(db,
                "UPDATE inventory_levels SET reserved = reserved - 1 WHERE variant_id = @v AND location_id = @l", default);
            command.With("v", Sql.Id(provider, variant.Value)).With("l", Sql.Id(provider, location.Value));
            return await command.ExecuteNonQueryAsync();
        }));
        Assert.Equal(0, (await app.LevelAsync(variant, location)).Reserved);
    }

    /// <summary>
    /// Spreading a reservation over locations reads the levels, then updates them, in one transaction. On SQLite that
    /// is safe only because EF's transaction begins IMMEDIATE, holding the write lock before the read.
    /// </summary>
    [SkippableFact]
    public async Task OnSqlite_ATransaction_HoldsTheWriteLockFromItsStart()
    {
        Skip.If(app.Database.IsPostgres, "PostgreSQL locks the levels' rows instead.");
        await app.WithInventoryAsync(async (_, db) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await using var other = new Microsoft.Data.Sqlite.SqliteConnection(app.Database.ConnectionString + ";Default Timeout=1");
            await other.OpenAsync();
            await using var write = other.CreateCommand();
            write.CommandText = "BEGIN IMMEDIATE";
            var locked = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => write.ExecuteNonQueryAsync());
            Assert.Equal(5, locked.SqliteErrorCode); // SQLITE_BUSY
            return 0;
        });
    }
}
