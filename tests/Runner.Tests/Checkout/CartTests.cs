using System.Net;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Checkout;

/// <summary>The storefront's cart API: lines priced from the catalog, stock limits, flags, addresses, ownership.</summary>
public class CartTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task CreateCart_ReturnsAnEmptyCartWithZeroTotals()
    {
        var cart = await CartData.CartAsync(app.Store(), email: "ada@example.com");
        Assert.Equal("USD", cart.Str("currency"));
        Assert.Equal("ada@example.com", cart.Str("email"));
        Assert.Equal("open", cart.Str("status"));
        Assert.Equal(0, cart.GetProperty("lines").GetArrayLength());
        foreach (var total in new[] { "subtotal", "shippingTotal", "taxTotal", "total" })
        {
            Assert.Equal(0, cart.Amount(total));
            Assert.Equal("USD", cart.GetProperty(total).Str("currency"));
        }
        var read = await (await app.Store().GetAsync($"/store/carts/{cart.Str("id")}")).Json();
        Assert.Equal(cart.Str("id"), read.Str("id"));
    }

    [Fact]
    public async Task CreateCart_InACurrencyTheStoreDoesNotSell_IsRefused()
    {
        await (await app.Store().PostJson("/store/carts", new { currency = "CHF" })).Problem(HttpStatusCode.BadRequest, "cart.currency_not_enabled");
        await (await app.Store().PostJson("/store/carts", new { currency = "usd" })).Problem(HttpStatusCode.BadRequest, "money.unknown_currency");
        await (await app.Store().PostJson("/store/carts", new { currency = "USD", email = "not-an-email" })).Problem(HttpStatusCode.BadRequest, "validation.invalid_email");
    }

    [Fact]
    public async Task Carts_NeedAPublishableKey()
    {
        var anonymous = await app.Store(key: null).PostJson("/store/carts", new { currency = "USD" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task AddLine_PricesFromTheVariant_AndAddingTheSameVariantAddsToItsLine()
    {
        var admin = app.Admin();
        var variant = await CartData.StockedVariantAsync(admin, 10, price: 1250);
        var cart = await CartData.CartAsync(app.Store());
        var id = cart.Str("id");
        await (await CartData.AddAsync(app.Store(), id, variant, 2)).Json();
        var after = await (await CartData.AddAsync(app.Store(), id, variant, 1)).Json();

        var line = Assert.Single(after.GetProperty("lines").EnumerateArray());
        Assert.Equal(3, line.Long("quantity"));
        Assert.Equal(1250, line.Amount("unitPrice"));
        Assert.Equal(3750, line.Amount("total"));
        Assert.Equal(JsonValueKindNull, line.GetProperty("issue").ValueKind);
        Assert.Equal(3750, after.Amount("subtotal"));
        Assert.Equal(3750, after.Amount("total"));
        Assert.Equal(3, after.Long("itemCount"));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task AddLine_AboveAvailableStock_WithPolicyDeny_Is409_AndLeavesTheCartUnchanged()
    {
        var admin = app.Admin();
        var variant = await CartData.StockedVariantAsync(admin, 3);
        var id = (await CartData.CartAsync(app.Store())).Str("id");
        await (await CartData.AddAsync(app.Store(), id, variant, 2)).Json();

        var problem = await (await CartData.AddAsync(app.Store(), id, variant, 2)).Problem(HttpStatusCode.Conflict, "inventory.insufficient_stock");
        Assert.Equal(3, problem.Long("available"));
        Assert.Equal(4, problem.Long("requested"));
        var cart = await (await app.Store().GetAsync($"/store/carts/{id}")).Json();
        Assert.Equal(2, cart.GetProperty("lines")[0].Long("quantity"));

        var lineId = cart.GetProperty("lines")[0].Str("id");
        await (await app.Store().PatchJson($"/store/carts/{id}/lines/{lineId}", new { quantity = 5 })).Problem(HttpStatusCode.Conflict, "inventory.insufficient_stock");
        var changed = await (await app.Store().PatchJson($"/store/carts/{id}/lines/{lineId}", new { quantity = 3 })).Json();
        Assert.Equal(3, changed.GetProperty("lines")[0].Long("quantity"));
    }

    [Fact]
    public async Task AddLine_WithPolicyContinue_SellsBeyondStock()
    {
        var variant = await CartData.StockedVariantAsync(app.Admin(), 0, policy: "continue");
        var id = (await CartData.CartAsync(app.Store())).Str("id");
        var cart = await (await CartData.AddAsync(app.Store(), id, variant, 7)).Json();
        Assert.Equal(7, cart.GetProperty("lines")[0].Long("quantity"));
    }

    [Fact]
    public async Task AddLine_OfADraftOrUnknownVariant_IsRefused()
    {
        var admin = app.Admin();
        var draft = await (await admin.PostJson("/admin/products", new
        {
            title = "Draft " + CartData.Unique("P"), status = "draft",
            variants = new[] { new { sku = CartData.Unique("SKU"), options = new { }, price = new { amount = 100, currency = "USD" }, inventoryPolicy = "continue" } },
        })).Json(HttpStatusCode.Created);
        var id = (await CartData.CartAsync(app.Store())).Str("id");
        var problem = await (await CartData.AddAsync(app.Store(), id, draft.GetProperty("variants")[0].Str("id"), 1))
            .Problem(HttpStatusCode.UnprocessableEntity, "cart.variant_unavailable");
        Assert.Equal("not_active", problem.Str("reason"));
        await (await CartData.AddAsync(app.Store(), id, Guid.NewGuid().ToString(), 1)).Problem(HttpStatusCode.BadRequest, "cart.unknown_variant");
        await (await CartData.AddAsync(app.Store(), id, Guid.NewGuid().ToString(), 0)).Problem(HttpStatusCode.BadRequest, "validation.out_of_range");
    }

    [Fact]
    public async Task ALineWhoseVariantBecameUnavailable_IsFlaggedWithAReason_NotDropped()
    {
        var admin = app.Admin();
        var product = await CartData.ProductAsync(admin, policy: "continue");
        var stocked = await CartData.StockedVariantAsync(admin, 2);
        var id = (await CartData.CartAsync(app.Store())).Str("id");
        await (await CartData.AddAsync(app.Store(), id, product.GetProperty("variants")[0].Str("id"), 1)).Json();
        await (await CartData.AddAsync(app.Store(), id, stocked, 2)).Json();

        (await admin.DeleteAsync($"/admin/products/{product.Str("id")}")).EnsureSuccessStatusCode();
        var location = (await (await admin.GetAsync($"/admin/inventory/levels?variantId={stocked}")).Json()).Items().First().Str("locationId");
        await (await admin.PostJson("/admin/inventory/adjustments", new { variantId = stocked, locationId = location, delta = -1, reason = "damaged" })).Json(HttpStatusCode.Created);

        var cart = await (await app.Store().GetAsync($"/store/carts/{id}")).Json();
        var lines = cart.GetProperty("lines");
        Assert.Equal(2, lines.GetArrayLength());
        Assert.Equal("archived", lines[0].GetProperty("issue").Str("reason"));
        Assert.Equal("insufficient_stock", lines[1].GetProperty("issue").Str("reason"));
        Assert.Equal(1, lines[1].GetProperty("issue").Long("available"));

        var lowered = await (await app.Store().PatchJson($"/store/carts/{id}/lines/{lines[1].Str("id")}", new { quantity = 1 })).Json();
        Assert.Equal(JsonValueKindNull, lowered.GetProperty("lines")[1].GetProperty("issue").ValueKind);
        var removed = await (await app.Store().DeleteAsync($"/store/carts/{id}/lines/{lines[0].Str("id")}")).Json();
        Assert.Single(removed.GetProperty("lines").EnumerateArray());
    }

    [Fact]
    public async Task UpdateLine_ToZero_RemovesIt_AndUnknownLinesAre404()
    {
        var variant = await CartData.StockedVariantAsync(app.Admin(), 5);
        var id = (await CartData.CartAsync(app.Store())).Str("id");
        var cart = await (await CartData.AddAsync(app.Store(), id, variant, 1)).Json();
        var lineId = cart.GetProperty("lines")[0].Str("id");
        var emptied = await (await app.Store().PatchJson($"/store/carts/{id}/lines/{lineId}", new { quantity = 0 })).Json();
        Assert.Equal(0, emptied.GetProperty("lines").GetArrayLength());
        Assert.Equal(0, emptied.Amount("total"));
        await (await app.Store().DeleteAsync($"/store/carts/{id}/lines/{lineId}")).Problem(HttpStatusCode.NotFound, "cart.line_not_found");
        await (await app.Store().GetAsync($"/store/carts/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound, "cart.not_found");
    }

    [Fact]
    public async Task PatchCart_SetsAddressesNoteAndAttribution_ValidatingTheCountry()
    {
        var id = (await CartData.CartAsync(app.Store(), attribution: new { visitorId = "v-1", utmSource = "newsletter" })).Str("id");
        var bad = await (await app.Store().PatchJson($"/store/carts/{id}", new { shippingAddress = CartData.Address(country: "ZZ") }))
            .Problem(HttpStatusCode.BadRequest, "address.unknown_country");
        bad.HasFieldError("shippingAddress.country");
        await (await app.Store().PatchJson($"/store/carts/{id}", new { shippingAddress = new { firstName = "Ada" } }))
            .Problem(HttpStatusCode.BadRequest, "request.missing_field");

        var cart = await (await app.Store().PatchJson($"/store/carts/{id}", new
        {
            email = "grace@example.com",
            shippingAddress = CartData.Address(country: "de", region: null, postalCode: "10115"),
            billingAddress = CartData.Address(),
            note = "Leave at the door",
            attribution = new { utmCampaign = "spring" },
        })).Json();
        Assert.Equal("grace@example.com", cart.Str("email"));
        Assert.Equal("DE", cart.GetProperty("shippingAddress").Str("country"));
        Assert.Equal("US", cart.GetProperty("billingAddress").Str("country"));
        Assert.Equal("Leave at the door", cart.Str("note"));
        var attribution = cart.GetProperty("attribution");
        Assert.Equal("v-1", attribution.Str("visitorId"));
        Assert.Equal("newsletter", attribution.Str("utmSource"));
        Assert.Equal("spring", attribution.Str("utmCampaign"));

        var cleared = await (await app.Store().PatchJson($"/store/carts/{id}", new { billingAddress = (object?)null })).Json();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.GetProperty("billingAddress").ValueKind);
        Assert.Equal("DE", cleared.GetProperty("shippingAddress").Str("country"));
    }

    [Fact]
    public async Task ACart_BelongsToTheChannelOfTheKeyThatCreatedIt()
    {
        var admin = app.Admin();
        var channel = await (await admin.PostJson("/admin/channels", new { name = "App " + Guid.NewGuid().ToString("N")[..6] })).Json(HttpStatusCode.Created);
        var key = await (await admin.PostJson("/admin/api-keys", new { name = "app", kind = "publishable", channelId = channel.Str("id") })).Json(HttpStatusCode.Created);
        var other = app.Store(key.Str("key"));
        var id = (await CartData.CartAsync(app.Store())).Str("id");
        await (await other.GetAsync($"/store/carts/{id}")).Problem(HttpStatusCode.NotFound, "cart.not_found");
        await (await other.PatchJson($"/store/carts/{id}", new { note = "x" })).Problem(HttpStatusCode.NotFound, "cart.not_found");

        // A product not published to the other channel cannot go into that channel's cart.
        var variant = await CartData.StockedVariantAsync(admin, 5);
        var theirs = (await CartData.CartAsync(other)).Str("id");
        var problem = await (await CartData.AddAsync(other, theirs, variant, 1)).Problem(HttpStatusCode.UnprocessableEntity, "cart.variant_unavailable");
        Assert.Equal("not_published", problem.Str("reason"));
    }

    [Fact]
    public async Task AbandonedCarts_ListsOpenNonEmptyCartsInactiveSinceTheGivenTime_CursorPaged()
    {
        var variant = await CartData.StockedVariantAsync(app.Admin(), 50);
        var email = CartData.Unique("shopper") + "@example.com";
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = (await CartData.CartAsync(app.Store(), email: email)).Str("id");
            await (await CartData.AddAsync(app.Store(), id, variant, 1)).Json();
            ids.Add(id);
        }
        var empty = (await CartData.CartAsync(app.Store(), email: email)).Str("id");
        var before = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"));

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await app.Admin().GetAsync($"/admin/carts?abandonedBefore={before}&hasEmail=true&limit=2"
                + (cursor is null ? "" : "&cursor=" + cursor))).Json();
            seen.AddRange(page.Items().Where(c => c.Str("email") == email).Select(c => c.Str("id")));
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        Assert.Equal(ids.AsEnumerable().Reverse(), seen);
        Assert.DoesNotContain(empty, seen);

        var recent = await (await app.Admin().GetAsync("/admin/carts")).Json();
        Assert.DoesNotContain(recent.Items(), c => ids.Contains(c.Str("id")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Store().GetAsync("/admin/carts")).StatusCode);
    }
}
