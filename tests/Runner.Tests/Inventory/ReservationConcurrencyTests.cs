using System.Diagnostics;
using System.Net;
using Runner.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Runner.Tests.Inventory;

/// <summary>
/// Two buyers can never take the same unit: many parallel reservations against little stock end with exactly the
/// stock reserved, on SQLite and on PostgreSQL alike.
/// </summary>
public class ReservationConcurrencyTests(RunnerApp app, ITestOutputHelper output) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task Reserve_200InParallel_With50Available_Exactly50Succeed_AndTheLedgerAgrees()
    {
        var admin = app.Admin();
        var variant = await InventoryData.VariantAsync(admin);
        var first = await InventoryData.LocationAsync(admin, priority: 1);
        var second = await InventoryData.LocationAsync(admin, priority: 2);
        await InventoryData.AdjustAsync(admin, variant, first, 30);
        await InventoryData.AdjustAsync(admin, variant, second, 20);

        var clock = Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => InventoryData.ReserveAsync(app.Admin(), variant, 1)));
        output.WriteLine($"200 reservations on {app.Database.Provider} took {clock.ElapsedMilliseconds} ms");

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).ToList();
        Assert.Equal(50, created.Count);
        Assert.Equal(150, refused.Count);
        foreach (var response in refused) await response.Problem(HttpStatusCode.Conflict, "inventory.insufficient_stock");

        foreach (var location in new[] { first, second })
        {
            var level = (await InventoryData.LevelAsync(admin, variant, location))!.Value;
            Assert.Equal(0, level.Long("available"));
            Assert.Equal(level.Long("onHand"), level.Long("reserved"));
        }
        var total = 0L;
        foreach (var location in new[] { first, second }) total += (await InventoryData.LevelAsync(admin, variant, location))!.Value.Long("reserved");
        Assert.Equal(50, total);

        var ids = new List<string>();
        foreach (var response in created) ids.Add((await response.Json(HttpStatusCode.Created)).Str("id"));
        clock.Restart();
        await Task.WhenAll(ids.Select(async id =>
            await (await app.Admin().PostAsync($"/admin/inventory/reservations/{id}/consume", null)).Json()));
        output.WriteLine($"50 consumes took {clock.ElapsedMilliseconds} ms");

        var ledger = await InventoryData.LedgerAsync(admin, variant);
        var sold = ledger.Where(e => e.Str("reason") == "sold").ToList();
        Assert.Equal(50, sold.Count);
        Assert.Equal(-50, sold.Sum(e => e.Long("delta")));
        Assert.Equal(0, ledger.Sum(e => e.Long("delta")));
        foreach (var location in new[] { first, second })
        {
            var level = (await InventoryData.LevelAsync(admin, variant, location))!.Value;
            Assert.Equal(0, level.Long("onHand"));
            Assert.Equal(0, level.Long("reserved"));
            var newest = ledger.First(e => e.Str("locationId") == location);
            Assert.Equal(0, newest.Long("onHandAfter"));
        }
    }
}
