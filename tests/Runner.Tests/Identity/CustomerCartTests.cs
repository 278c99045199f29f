using System.Net;
using System.Text.Json;
using Runner.Tests.Checkout;
using Runner.Tests.Infrastructure;
using Runner.Tests.Orders;
using static Runner.Tests.Identity.AccountData;

namespace Runner.Tests.Identity;

public class CustomerCartTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private static long Quantity(JsonElement cart, string variant) =>
        cart.GetProperty("lines").EnumerateArray().Where(l => l.Str("variantId") == variant).Sum(l => l.Long("quantity"));

    [Fact]
    public async Task ASignedInCustomersCart_IsTheirs_WithTheirEmail_AndNobodyElsesToReach()
    {
        var email = Email("owner");
        var me = As(app, (await NewAccountAsync(app, email)).Str("accessToken"));
        var other = As(app, (await NewAccountAsync(app, Email("other"))).Str("accessToken"));
        var cart = await (await me.PostJson("/store/carts", new { currency = "USD", email = "someone-else@example.com" })).Json(HttpStatusCode.Created);
        Assert.Equal(email, cart.Str("email"));

        await (await me.GetAsync($"/store/carts/{cart.Str("id")}")).Json();
        await (await app.Store().GetAsync($"/store/carts/{cart.Str("id")}")).Problem(HttpStatusCode.NotFound, "cart.not_found");
        await (await other.GetAsync($"/store/carts/{cart.Str("id")}")).Problem(HttpStatusCode.NotFound, "cart.not_found");
        await (await other.PatchJson($"/store/carts/{cart.Str("id")}", new { email = "mallory@example.com" })).Problem(HttpStatusCode.NotFound, "cart.not_found");
        await (await other.PostAsync($"/store/carts/{cart.Str("id")}/customer", null)).Problem(HttpStatusCode.NotFound, "cart.not_found");
        Assert.Equal(cart.Str("id"), (await (await me.GetAsync("/store/customers/me/cart")).Json()).Str("id"));
        await (await other.GetAsync("/store/customers/me/cart")).Problem(HttpStatusCode.NotFound, "cart.not_found");
    }

    [Fact]
    public async Task AtSignIn_TheGuestCartBecomesTheCustomers_AndTheirEarlierCartMergesIntoIt()
    {
        var (x, y) = (await OrderData.StockAsync(app.Admin(), 50), await OrderData.StockAsync(app.Admin(), 50));
        var email = Email("merging");
        var tokens = await NewAccountAsync(app, email);
        var me = As(app, tokens.Str("accessToken"));
        // Last week, signed in on a laptop: one X.
        var earlier = await (await me.PostJson("/store/carts", new { currency = "USD" })).Json(HttpStatusCode.Created);
        await (await CartData.AddAsync(me, earlier.Str("id"), x.Variant, 1)).Json();
        // Today, as a guest on a phone: two X and a Y; then the shopper signs in.
        var guest = app.Store();
        var phone = (await CartData.CartAsync(guest)).Str("id");
        await (await CartData.AddAsync(guest, phone, x.Variant, 2)).Json();
        await (await CartData.AddAsync(guest, phone, y.Variant, 1)).Json();

        var merged = await (await me.PostAsync($"/store/carts/{phone}/customer", null)).Json();
        Assert.Equal(phone, merged.Str("id"));
        Assert.Equal(email, merged.Str("email"));
        Assert.Equal(3, Quantity(merged, x.Variant));
        Assert.Equal(1, Quantity(merged, y.Variant));
        await (await me.GetAsync($"/store/carts/{earlier.Str("id")}")).Problem(HttpStatusCode.NotFound, "cart.not_found");
        await (await guest.GetAsync($"/store/carts/{phone}")).Problem(HttpStatusCode.NotFound, "cart.not_found");
        Assert.Equal(phone, (await (await me.GetAsync("/store/customers/me/cart")).Json()).Str("id"));
        // Claiming it again changes nothing.
        Assert.Equal(3, Quantity(await (await me.PostAsync($"/store/carts/{phone}/customer", null)).Json(), x.Variant));
    }
}
