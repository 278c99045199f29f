using Runner.Tests.Infrastructure;
using Runner.Tests.Storefront;
using static Runner.Tests.Analytics.FunnelData;

namespace Runner.Tests.Analytics;

/// <summary>Two host processes counting batches of the same sessions at once: each session and step is counted once, every event once.</summary>
public class FunnelConcurrencyTests(TwoHosts hosts) : IClassFixture<TwoHosts>
{
    [Fact]
    public async Task BatchesOfTheSameSessions_HandledByTwoHostsAtOnce_CountEachSessionOnce()
    {
        var source = Unique("t");
        var product = Guid.NewGuid();
        var sessions = Enumerable.Range(0, 10).Select(_ => Unique("s")).ToList();
        object[] Batch() => [.. sessions.SelectMany(s => new object[]
        {
            Tagged("product_view", s, source, new { productId = product }),
            Tagged("add_to_cart", s, source, new { productId = product, variantId = Guid.NewGuid() }),
        })];

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => SendAsync(i % 2 == 0 ? hosts.First : hosts.Second, Batch())));

        var key = source + " / cpc";
        var report = await EventuallyAsync(hosts.First, "?groupBy=channel", r => Row(r, key) is { } row && row.Long("addsToCart") == 10);
        Assert.Equal((10, 10, 10, 0, 0, 0), Counts(Row(report, key)));
        var products = await EventuallyAsync(hosts.Second, "?groupBy=product", r => Row(r, product.ToString()) is { } p && p.Long("productViews") == 120);
        Assert.Equal((null, 120, 120, null, 0, null), Counts(Row(products, product.ToString())));
    }
}
