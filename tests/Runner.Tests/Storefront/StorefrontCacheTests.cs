using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Infrastructure.Catalog;

namespace Runner.Tests.Storefront;

/// <summary>A host that runs on another host's database, as a second process behind a load balancer would.</summary>
public sealed class SecondHost(RunnerApp first) : RunnerApp
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(first.Database.Share());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Runner:Cache:PollInterval", "00:00:00.100");
    }
}

/// <summary>Two host processes on one database.</summary>
public sealed class TwoHosts : IAsyncLifetime
{
    public RunnerApp First { get; } = new FastPollingHost();
    public RunnerApp Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await First.InitializeAsync();
        Second = new SecondHost(First);
        await Second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Second).DisposeAsync();
        await ((IAsyncLifetime)First).DisposeAsync();
    }

    private sealed class FastPollingHost : RunnerApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Runner:Cache:PollInterval", "00:00:00.100");
        }
    }
}

/// <summary>
/// The storefront remembers pages, documents and availability between requests. A change is visible at once in the
/// process that made it, and in another process within its poll of recent changes.
/// </summary>
public class StorefrontCacheTests(TwoHosts hosts) : IClassFixture<TwoHosts>
{
    private static async Task<JsonElement> Eventually(HttpClient client, string url, Func<JsonElement, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var body = await (await client.GetAsync(url)).Json();
            if (done(body)) return body;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{url} did not change within 10 s: {body}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task ACatalogChange_IsVisibleAtOnceHere_AndSoonInTheOtherProcess()
    {
        var tag = Unique("xproc");
        var url = $"/store/products?tag={tag}";
        Assert.Empty((await (await hosts.Second.Store().GetAsync(url)).Json()).Items());
        Assert.Empty((await (await hosts.First.Store().GetAsync(url)).Json()).Items());

        var created = await hosts.First.Admin().CreateSimple("Lantern " + tag, tags: [tag]);
        Assert.Equal(["Lantern " + tag], (await (await hosts.First.Store().GetAsync(url)).Json()).Titles());
        await Eventually(hosts.Second.Store(), url, b => b.Titles().SequenceEqual(["Lantern " + tag]));

        await (await hosts.First.Admin().PatchJson($"/admin/products/{created.Str("id")}", new { title = "Storm lantern " + tag })).Json();
        Assert.Equal(["Storm lantern " + tag], (await (await hosts.First.Store().GetAsync(url)).Json()).Titles());
        await Eventually(hosts.Second.Store(), url, b => b.Titles().SequenceEqual(["Storm lantern " + tag]));
        await Eventually(hosts.Second.Store(), $"/store/products/{created.Str("handle")}", b => b.Str("title") == "Storm lantern " + tag);
    }

    [Fact]
    public async Task AStockChange_IsVisibleAtOnceHere_AndSoonInTheOtherProcess()
    {
        var tag = Unique("xstock");
        var created = await hosts.First.Admin().CreateSimple("Stove " + tag, tags: [tag]);
        var variant = created.GetProperty("variants")[0].Str("id");
        var url = $"/store/products?tag={tag}";
        long Available(JsonElement page) => page.Items().Single().GetProperty("variants")[0].Long("available");
        Assert.Equal(0, Available(await (await hosts.Second.Store().GetAsync(url)).Json()));

        var location = await (await hosts.First.Admin().PostJson("/admin/locations", new { name = Unique("Depot") })).Json(HttpStatusCode.Created);
        await (await hosts.First.Admin().PostJson("/admin/inventory/adjustments",
            new { variantId = variant, locationId = location.Str("id"), delta = 5, reason = "received" })).Json(HttpStatusCode.Created);
        Assert.Equal(5, Available(await (await hosts.First.Store().GetAsync(url)).Json()));
        await Eventually(hosts.Second.Store(), url, b => Available(b) == 5);

        await (await hosts.Second.Admin().PostJson("/admin/inventory/reservations", new { variantId = variant, quantity = 2, ttlSeconds = 600 }))
            .Json(HttpStatusCode.Created);
        Assert.Equal(3, Available(await (await hosts.Second.Store().GetAsync(url)).Json()));
        await Eventually(hosts.First.Store(), url, b => Available(b) == 3);
        Assert.Single((await (await hosts.First.Store().GetAsync($"{url}&inStock=true")).Json()).Items());
    }

    [Fact]
    public async Task APublicationChange_TakesTheProductOffTheChannel()
    {
        var tag = Unique("pub");
        var created = await hosts.First.Admin().CreateSimple("Tarp " + tag, tags: [tag]);
        var url = $"/store/products?tag={tag}";
        Assert.Single((await (await hosts.First.Store().GetAsync(url)).Json()).Items());
        await (await hosts.First.Admin().PatchJson($"/admin/products/{created.Str("id")}", new { channels = Array.Empty<string>() })).Json();
        Assert.Empty((await (await hosts.First.Store().GetAsync(url)).Json()).Items());
        await Eventually(hosts.Second.Store(), url, b => !b.Items().Any());
    }
}
