using System.Net;
using Microsoft.EntityFrameworkCore;
using Runner.Checkout.Carts;
using Runner.Checkout.Contracts;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Checkout;

/// <summary>While a checkout holds a cart, the cart does not change: the order is placed from the cart it priced.</summary>
public class CartHeldByCheckoutTests(CheckoutApp app) : IClassFixture<CheckoutApp>
{
    private Task<int> HoldAsync(string cartId, TimeSpan fromNow) => app.WithDbAsync(db => db.Set<Cart>()
        .Where(c => c.Id == new CartId(Guid.Parse(cartId)))
        .ExecuteUpdateAsync(s => s.SetProperty(c => c.CheckoutLockedUntil, DateTimeOffset.UtcNow + fromNow)));

    [Fact]
    public async Task AChange_ToACartACheckoutHolds_IsRefusedAndChangesNothing_AndIsAcceptedOnceTheHoldEnded()
    {
        var store = app.Store();
        var variant = await CartData.StockedVariantAsync(app.Admin(), 10);
        var other = await CartData.StockedVariantAsync(app.Admin(), 10);
        var cart = await CheckoutData.ReadyCartAsync(app, variant);
        var id = cart.Str("id");
        await HoldAsync(id, TimeSpan.FromMinutes(1));

        await (await CartData.AddAsync(store, id, other, 1)).Problem(HttpStatusCode.Conflict, "cart.checkout_in_progress");
        var line = cart.GetProperty("lines")[0].Str("id");
        await (await store.PatchJson($"/store/carts/{id}/lines/{line}", new { quantity = 3 })).Problem(HttpStatusCode.Conflict, "cart.checkout_in_progress");
        await (await store.PatchJson($"/store/carts/{id}", new { email = "someone.else@example.com" })).Problem(HttpStatusCode.Conflict,
            "cart.checkout_in_progress");
        var now = await (await store.GetAsync($"/store/carts/{id}")).Json();
        Assert.Equal(cart.Amount("total"), now.Amount("total"));
        Assert.Equal(cart.Str("email"), now.Str("email"));
        Assert.Single(now.GetProperty("lines").EnumerateArray());

        // A hold whose lease ran out (its process stopped mid-checkout) no longer keeps the cart.
        await HoldAsync(id, TimeSpan.FromMinutes(-1));
        Assert.Equal(2, (await (await CartData.AddAsync(store, id, other, 1)).Json()).GetProperty("lines").GetArrayLength());
    }

    private Task<(long Version, DateTimeOffset? HeldUntil)> StateAsync(string cartId) => app.WithDbAsync(async db =>
    {
        var cart = await db.Set<Cart>().AsNoTracking().SingleAsync(c => c.Id == new CartId(Guid.Parse(cartId)));
        return (cart.Version, cart.CheckoutLockedUntil);
    });

    [Fact]
    public async Task ACheckoutRefusedBeforeOrAtTheReservation_NeverHoldsTheCart_NorChangesIt()
    {
        await CheckoutData.LiftVelocityAsync(app);
        var store = app.Store();
        var variant = await CartData.StockedVariantAsync(app.Admin(), 1);

        // Not buyable as it stands (no shipping rate chosen): refused without taking the cart.
        var id = (await CartData.CartAsync(store, email: CartData.Unique("buyer") + "@example.com")).Str("id");
        await (await CartData.AddAsync(store, id, variant, 1)).Json();
        await (await store.PatchJson($"/store/carts/{id}", new { shippingAddress = CartData.Address() })).Json();
        var before = await StateAsync(id);
        await (await CheckoutData.PayAsync(app, id)).Problem(HttpStatusCode.UnprocessableEntity, "cart.shipping_rate_required");
        Assert.Equal(before, await StateAsync(id));

        // Short of stock: the reservation is refused and the cart's take goes back with it.
        await (await store.PostJson($"/store/carts/{id}/shipping-rate", new { rateId = "standard" })).Json();
        var other = (await CheckoutData.ReadyCartAsync(app, variant)).Str("id");
        await (await CheckoutData.PayAsync(app, other)).Json(HttpStatusCode.Created);
        before = await StateAsync(id);
        await (await CheckoutData.PayAsync(app, id)).Problem(HttpStatusCode.Conflict, "inventory.insufficient_stock");
        Assert.Equal(before, await StateAsync(id));
        Assert.Equal(0, await CheckoutData.ActiveReservationsAsync(app, id));
    }

    [Fact]
    public async Task LinesAddedWhileTheCartIsCheckedOut_AreEitherInTheOrder_OrRefused()
    {
        await CheckoutData.LiftVelocityAsync(app);
        var store = app.Store();
        var first = await CartData.StockedVariantAsync(app.Admin(), 100);
        var others = new List<string>();
        for (var i = 0; i < 12; i++) others.Add(await CartData.StockedVariantAsync(app.Admin(), 100));
        var id = (await CheckoutData.ReadyCartAsync(app, first)).Str("id");
        var token = await CheckoutData.TokenAsync(store);

        // One shopper's tab keeps adding lines, one after another, while another completes the cart.
        var complete = CheckoutData.CompleteAsync(app.Store(), id, new { paymentToken = token }, Guid.NewGuid().ToString());
        var accepted = new List<string>();
        foreach (var variantId in others)
        {
            var response = await CartData.AddAsync(store, id, variantId, 1);
            if (response.StatusCode == HttpStatusCode.OK) accepted.Add(variantId);
            else Assert.Contains((await response.Json(response.StatusCode)).Str("code"), new[] { "cart.checkout_in_progress", "cart.completed" });
        }
        var order = await (await complete).Json(HttpStatusCode.Created);

        // Whatever the cart held when it closed is what the order sold: no accepted line is left out.
        var closed = await (await store.GetAsync($"/store/carts/{id}")).Json();
        var cartSkus = closed.GetProperty("lines").EnumerateArray().Select(l => l.Str("sku")).Order().ToList();
        var orderSkus = order.GetProperty("lines").EnumerateArray().Select(l => l.Str("sku")).Order().ToList();
        Assert.Equal("completed", closed.Str("status"));
        Assert.Equal(accepted.Count + 1, cartSkus.Count);
        Assert.Equal(cartSkus, orderSkus);
    }
}
