using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Runner.Inventory.Reservations;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Inventory;

/// <summary>The engine with a clock moved by hand and background work off, so a test decides when the sweeper runs.</summary>
public sealed class ClockedRunnerApp : RunnerApp
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);
    protected override FakeTimeProvider? Clock => Time;
    protected override bool BackgroundWork => false;
}

public class ReservationSweeperTests(ClockedRunnerApp app) : IClassFixture<ClockedRunnerApp>
{
    private ReservationSweeper Sweeper => app.Services.GetRequiredService<ReservationSweeper>();

    [Fact]
    public async Task AReservationWhoseTimeRanOut_IsExpiredByTheSweeper_AndItsUnitsReturn()
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var location = await InventoryData.LocationAsync(admin);
        await InventoryData.AdjustAsync(admin, variant, location, 5);
        var id = (await (await InventoryData.ReserveAsync(admin, variant, 4, location, ttlSeconds: 60)).Json(HttpStatusCode.Created)).Str("id");

        app.Time.Advance(TimeSpan.FromSeconds(59));
        await Sweeper.SweepOnceAsync(CancellationToken.None);
        Assert.Equal("active", (await (await admin.GetAsync($"/admin/inventory/reservations/{id}")).Json()).Str("status"));
        Assert.Equal(4, (await InventoryData.LevelAsync(admin, variant, location))!.Value.Long("reserved"));

        app.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await Sweeper.SweepOnceAsync(CancellationToken.None) >= 1);
        var expired = await (await admin.GetAsync($"/admin/inventory/reservations/{id}")).Json();
        Assert.Equal("expired", expired.Str("status"));
        var level = (await InventoryData.LevelAsync(admin, variant, location))!.Value;
        Assert.Equal((5L, 0L, 5L), (level.Long("onHand"), level.Long("reserved"), level.Long("available")));

        await (await admin.PostAsync($"/admin/inventory/reservations/{id}/consume", null)).Problem(HttpStatusCode.Conflict, "inventory.reservation_not_active");
        await (await admin.DeleteAsync($"/admin/inventory/reservations/{id}")).Json(HttpStatusCode.NoContent);
        Assert.Equal(0, (await InventoryData.LevelAsync(admin, variant, location))!.Value.Long("reserved"));
        Assert.Single(await InventoryData.LedgerAsync(admin, variant));
    }

    [Fact]
    public async Task Consume_AfterTheTimeRanOut_ButBeforeTheSweep_Is409()
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var location = await InventoryData.LocationAsync(admin);
        await InventoryData.AdjustAsync(admin, variant, location, 2);
        var id = (await (await InventoryData.ReserveAsync(admin, variant, 2, location, ttlSeconds: 30)).Json(HttpStatusCode.Created)).Str("id");
        app.Time.Advance(TimeSpan.FromSeconds(31));
        await (await admin.PostAsync($"/admin/inventory/reservations/{id}/consume", null)).Problem(HttpStatusCode.Conflict, "inventory.reservation_not_active");
        Assert.Equal(2, (await InventoryData.LevelAsync(admin, variant, location))!.Value.Long("onHand"));
        await Sweeper.SweepOnceAsync(CancellationToken.None);
        Assert.Equal(0, (await InventoryData.LevelAsync(admin, variant, location))!.Value.Long("reserved"));
    }

    [Fact]
    public async Task SweepersRunningAtOnce_ExpireEachReservationOnce()
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var first = await InventoryData.LocationAsync(admin, priority: 1);
        var second = await InventoryData.LocationAsync(admin, priority: 2);
        await InventoryData.AdjustAsync(admin, variant, first, 15);
        await InventoryData.AdjustAsync(admin, variant, second, 15);
        for (var i = 0; i < 12; i++) await (await InventoryData.ReserveAsync(admin, variant, 2, ttlSeconds: 10)).Json(HttpStatusCode.Created);
        app.Time.Advance(TimeSpan.FromSeconds(11));

        var counts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Sweeper.SweepOnceAsync(CancellationToken.None))));
        Assert.True(counts.Sum() >= 12);
        foreach (var location in new[] { first, second })
        {
            var level = (await InventoryData.LevelAsync(admin, variant, location))!.Value;
            Assert.Equal((15L, 0L), (level.Long("onHand"), level.Long("reserved")));
        }
        Assert.Equal(0, await Sweeper.SweepOnceAsync(CancellationToken.None));
    }
}
