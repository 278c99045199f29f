using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Runner.Kernel;
using Runner.Kernel.Caching;
using Runner.Pricing.Contracts;
using Runner.Store.Contracts;
using Runner.Tests.Infrastructure;
using Runner.Tests.Storefront;

namespace Runner.Tests.Kernel;

/// <summary>The whole-table caches (settings, tax and shipping zones): in memory, yet never older than a change.</summary>
public class SnapshotCacheTests
{
    private static SnapshotCache<string> Cache(FakeTimeProvider clock, TimeSpan lifetime) =>
        new(clock, Options.Create(new CacheOptions { PollInterval = lifetime }));

    [Fact]
    public async Task ASnapshot_IsReadOnce_UntilItExpiresOrIsInvalidated()
    {
        var clock = new FakeTimeProvider();
        var cache = Cache(clock, TimeSpan.FromMilliseconds(500));
        var loads = 0;
        Task<string> Load(CancellationToken _) => Task.FromResult($"v{++loads}");

        Assert.Equal("v1", await cache.GetAsync(Load, default));
        Assert.Equal("v1", await cache.GetAsync(Load, default));
        clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal("v1", await cache.GetAsync(Load, default));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("v2", await cache.GetAsync(Load, default));
        cache.Invalidate();
        Assert.Equal("v3", await cache.GetAsync(Load, default));
        Assert.Equal("v3", await cache.GetAsync(Load, default));
    }

    [Fact]
    public async Task ALoadOverlappingAnInvalidation_IsAnsweredButNotKept()
    {
        var clock = new FakeTimeProvider();
        var cache = Cache(clock, TimeSpan.Zero);
        var loads = 0;

        var stale = await cache.GetAsync(_ =>
        {
            loads++;
            cache.Invalidate(); // a change commits while this load reads the old rows
            return Task.FromResult("old");
        }, default);

        Assert.Equal("old", stale);
        Assert.Equal("new", await cache.GetAsync(_ => Task.FromResult(loads++ == 1 ? "new" : "again"), default));
        Assert.Equal("new", await cache.GetAsync(_ => Task.FromResult("never read"), default));
    }
}

/// <summary>Settings and zones changed through the admin API reach checkout at once here, and soon in another process.</summary>
public class SnapshotCacheChangeTests(TwoHosts hosts) : IClassFixture<TwoHosts>
{
    private const string Zones = "/admin/settings/taxes/zones";

    private static async Task<TaxResult> TaxAsync(RunnerApp app, string country)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITaxCalculator>().CalculateAsync(new TaxRequest("USD",
            new TaxAddress(country, null), [new TaxableLine("a", "standard", new Money(10_000, "USD"))], null));
    }

    private static async Task<string> StoreNameAsync(RunnerApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IStoreQueries>().GetSettingsAsync()).Name;
    }

    private static async Task Eventually(Func<Task<bool>> done)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, "the other process did not see the change within 10 s");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task ATaxZoneCreatedAndDeleted_IsSeenAtOnceHere_AndWithinAPollThere()
    {
        Assert.Equal(0, (await TaxAsync(hosts.Second, "NZ")).Total.Minor);
        Assert.Equal(0, (await TaxAsync(hosts.First, "NZ")).Total.Minor);

        var zone = (await (await hosts.First.Admin().PostJson(Zones, new
        {
            country = "NZ", rates = new object[] { new { category = "standard", name = "GST", percentage = 15 } },
        })).Json(HttpStatusCode.Created)).Str("id");
        Assert.Equal(1_500, (await TaxAsync(hosts.First, "NZ")).Total.Minor);
        await Eventually(async () => (await TaxAsync(hosts.Second, "NZ")).Total.Minor == 1_500);

        (await hosts.First.Admin().DeleteAsync($"{Zones}/{zone}")).EnsureSuccessStatusCode();
        Assert.Equal(0, (await TaxAsync(hosts.First, "NZ")).Total.Minor);
        await Eventually(async () => (await TaxAsync(hosts.Second, "NZ")).Total.Minor == 0);
    }

    [Fact]
    public async Task AStoreSettingChanged_IsSeenAtOnceHere_AndWithinAPollThere()
    {
        Assert.NotEqual("Snapshot Store", await StoreNameAsync(hosts.Second));
        (await hosts.First.Admin().PatchJson("/admin/store", new { name = "Snapshot Store" })).EnsureSuccessStatusCode();

        Assert.Equal("Snapshot Store", await StoreNameAsync(hosts.First));
        await Eventually(async () => await StoreNameAsync(hosts.Second) == "Snapshot Store");
    }
}
