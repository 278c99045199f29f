using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Runner.Inventory.Contracts;
using Runner.Inventory.Reservations;
using Runner.Payments.Contracts;
using Runner.Payments.Payments;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Checkout;

/// <summary>Carts ready to check out (line, email, address, rate), the complete call, and what the database holds after.</summary>
internal static class CheckoutData
{
    public const string Success = "4242424242424242", Declined = "4000000000000002", ThreeDSecure = "4000000000003220";

    /// <summary>The fraud screen's card, email and IP velocity counts every test checkout of one host; lift them.</summary>
    public static async Task LiftVelocityAsync(RunnerApp app, string captureMode = "manual") =>
        await (await app.Admin().PatchJson("/admin/settings/payments",
            new { captureMode, fraud = new { velocityLimitPerHour = 10_000 } })).Json();

    /// <summary>A cart of <paramref name="quantity"/> units of the variant, with an email, a US-CA address and the standard rate.</summary>
    public static async Task<JsonElement> ReadyCartAsync(RunnerApp app, string variant, long quantity = 1, bool ship = true)
    {
        var store = app.Store();
        var id = (await CartData.CartAsync(store, email: CartData.Unique("buyer") + "@example.com")).Str("id");
        await (await CartData.AddAsync(store, id, variant, quantity)).Json();
        if (!ship) return await (await store.GetAsync($"/store/carts/{id}")).Json();
        await (await store.PatchJson($"/store/carts/{id}", new { shippingAddress = CartData.Address() })).Json();
        return await (await store.PostJson($"/store/carts/{id}/shipping-rate", new { rateId = "standard" })).Json();
    }

    public static async Task<string> TokenAsync(HttpClient store, string number = Success) =>
        (await (await store.PostJson("/store/payment-tokens",
            new { number, expMonth = 12, expYear = DateTime.UtcNow.Year + 2, cvc = "123", holderName = "Ada Lovelace" }))
            .Json(HttpStatusCode.Created)).Str("token");

    public static Task<HttpResponseMessage> CompleteAsync(HttpClient store, string cartId, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/store/carts/{cartId}/complete") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return store.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PayAsync(RunnerApp app, string cartId, string number = Success, string? key = null) =>
        await CompleteAsync(app.Store(), cartId, new { paymentToken = await TokenAsync(app.Store(), number) }, key ?? Guid.NewGuid().ToString());

    /// <summary>The payments made for a cart (its reference), as the database holds them.</summary>
    public static Task<List<Payment>> PaymentsAsync(RunnerApp app, string cartId) => app.WithDbAsync(db =>
        db.Set<Payment>().AsNoTracking().Where(p => p.Reference == "cart:" + cartId).ToListAsync());

    /// <summary>The cart's reservations that still hold units.</summary>
    public static Task<int> ActiveReservationsAsync(RunnerApp app, string cartId) => app.WithDbAsync(db =>
        db.Set<Reservation>().CountAsync(r => r.Reference == "cart:" + cartId && r.Status == ReservationStatus.Active));

    /// <summary>Every reservation the cart's checkouts ever wrote, held or given back.</summary>
    public static Task<int> ReservationRowsAsync(RunnerApp app, string cartId) => app.WithDbAsync(db =>
        db.Set<Reservation>().CountAsync(r => r.Reference == "cart:" + cartId));

    public static async Task<long> AvailableAsync(RunnerApp app, string variant)
    {
        var levels = await (await app.Admin().GetAsync($"/admin/inventory/levels?variantId={variant}")).Json();
        return levels.GetProperty("items").EnumerateArray().Sum(l => l.Long("available"));
    }

    public static bool Holds(Payment p) => p.State is PaymentState.Authorized or PaymentState.Captured or PaymentState.PartiallyCaptured;
}
