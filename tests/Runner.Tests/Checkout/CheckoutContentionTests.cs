using System.Diagnostics;
using System.Net;
using Runner.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Runner.Tests.Checkout;

/// <summary>
/// A flash sale never oversells: 500 shoppers check out their own carts of a variant with 100 units at once; exactly
/// 100 orders are placed and 100 cards authorized, the other 400 are refused with no charge, and nothing is left
/// available or held — on SQLite and on PostgreSQL alike. No card number is anywhere in the database afterwards.
/// </summary>
public class CheckoutContentionTests(CheckoutApp app, ITestOutputHelper output) : IClassFixture<CheckoutApp>
{
    private const int Shoppers = 500, Units = 100;

    [Fact]
    public async Task FiveHundredConcurrentCheckouts_Of100Units_Place100Orders_Authorize100Cards_AndLeaveNoneAvailable()
    {
        await CheckoutData.LiftVelocityAsync(app);
        var variant = await CartData.StockedVariantAsync(app.Admin(), Units, price: 1500);
        var carts = new List<(string Cart, string Token)>();
        foreach (var batch in Enumerable.Range(0, Shoppers).Chunk(25))
            carts.AddRange(await Task.WhenAll(batch.Select(async _ =>
                ((await CheckoutData.ReadyCartAsync(app, variant)).Str("id"), await CheckoutData.TokenAsync(app.Store())))));

        var clock = Stopwatch.StartNew();
        var responses = await Task.WhenAll(carts.Select(c =>
            CheckoutData.CompleteAsync(app.Store(), c.Cart, new { paymentToken = c.Token }, Guid.NewGuid().ToString())));
        output.WriteLine($"{Shoppers} checkouts on {app.Database.Provider} took {clock.ElapsedMilliseconds} ms");

        var statuses = responses.GroupBy(r => r.StatusCode).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine(string.Join(", ", statuses.Select(s => $"{(int)s.Key}: {s.Value}")));
        Assert.Equal(Units, statuses.GetValueOrDefault(HttpStatusCode.Created));
        Assert.Equal(Shoppers - Units, statuses.GetValueOrDefault(HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).Take(20))
            await refused.Problem(HttpStatusCode.Conflict, "inventory.insufficient_stock");

        var held = 0;
        var reservations = 0;
        foreach (var (cart, _) in carts)
        {
            held += (await CheckoutData.PaymentsAsync(app, cart)).Count(CheckoutData.Holds);
            reservations += await CheckoutData.ActiveReservationsAsync(app, cart);
        }
        Assert.Equal(Units, held);
        Assert.Equal(0, reservations);
        Assert.Equal(0, await CheckoutData.AvailableAsync(app, variant));
        var levels = await (await app.Admin().GetAsync($"/admin/inventory/levels?variantId={variant}")).Json();
        Assert.All(levels.GetProperty("items").EnumerateArray(), l => Assert.Equal((0L, 0L), (l.Long("onHand"), l.Long("reserved"))));

        var texts = await DatabaseText.AllAsync(app);
        Assert.True(texts.Count > 1000, "the scan found too little text to be meaningful");
        Assert.All(texts, t => Assert.DoesNotContain(CheckoutData.Success, t));
    }
}
