using System.Net;
using Microsoft.EntityFrameworkCore;
using Runner.Payments.Fraud;
using Runner.Payments.Payments;
using Runner.Payments.Tokens;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Checkout;

/// <summary>
/// The fraud screen inside the checkout: above the refuse threshold nothing is reserved or charged; between the two
/// thresholds the order is placed but held for review. A host of its own, since the thresholds are store settings.
/// </summary>
public class CheckoutFraudTests(CheckoutApp app) : IClassFixture<CheckoutApp>
{
    /// <summary>A disposable email scores 30 points; the thresholds put that on either side.</summary>
    private async Task ThresholdsAsync(int review, int refuse) =>
        await (await app.Admin().PatchJson("/admin/settings/payments",
            new { captureMode = "manual", fraud = new { velocityLimitPerHour = 10_000, reviewThreshold = review, refuseThreshold = refuse } })).Json();

    private async Task<string> DisposableCartAsync(string variant, long quantity)
    {
        var id = (await CheckoutData.ReadyCartAsync(app, variant, quantity)).Str("id");
        await (await app.Store().PatchJson($"/store/carts/{id}", new { email = CartData.Unique("burner") + "@mailinator.com" })).Json();
        return id;
    }

    [Fact]
    public async Task AboveTheRefuseThreshold_Is422_WithNoChargeNoReservation_AndTheCartStaysOpen()
    {
        await ThresholdsAsync(review: 10, refuse: 20);
        var variant = await CartData.StockedVariantAsync(app.Admin(), 3);
        var id = await DisposableCartAsync(variant, 2);

        await (await CheckoutData.PayAsync(app, id)).Problem(HttpStatusCode.UnprocessableEntity, "checkout.fraud_refused");

        Assert.DoesNotContain(await CheckoutData.PaymentsAsync(app, id), CheckoutData.Holds);
        // The screen refused in the commit that would have reserved the lines: nothing was ever reserved.
        Assert.Equal(0, await CheckoutData.ReservationRowsAsync(app, id));
        Assert.Equal(3, await CheckoutData.AvailableAsync(app, variant));
        Assert.Equal("open", (await (await app.Store().GetAsync($"/store/carts/{id}")).Json()).Str("status"));
        // The refused attempt was counted (velocity sees it), and took no payment key.
        var email = (await (await app.Store().GetAsync($"/store/carts/{id}")).Json()).Str("email");
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<FraudAttempt>().CountAsync(a => a.Email == email)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<PaymentIdempotency>().CountAsync(k => k.Reference == "cart:" + id)));
    }

    [Fact]
    public async Task ARefusedAttempt_LeavesTheTokenUnused_AndCountsTowardsTheNext()
    {
        await ThresholdsAsync(review: 10, refuse: 20);
        var variant = await CartData.StockedVariantAsync(app.Admin(), 3);
        var id = await DisposableCartAsync(variant, 1);
        var token = await CheckoutData.TokenAsync(app.Store());

        await (await CheckoutData.CompleteAsync(app.Store(), id, new { paymentToken = token }, Guid.NewGuid().ToString())).Problem(HttpStatusCode.UnprocessableEntity, "checkout.fraud_refused");
        Assert.Null(await app.WithDbAsync(db => db.Set<PaymentToken>().Where(t => t.Token == token).Select(t => t.UsedAt).SingleAsync()));

        // With the thresholds raised, the same token pays: the velocity counts now include the refused attempt.
        await ThresholdsAsync(review: 100, refuse: 200);
        var order = await (await CheckoutData.CompleteAsync(app.Store(), id, new { paymentToken = token }, Guid.NewGuid().ToString())).Json(HttpStatusCode.Created);
        var email = order.Str("email");
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<FraudAttempt>().CountAsync(a => a.Email == email)));
    }

    [Fact]
    public async Task BetweenTheThresholds_PlacesTheOrder_HeldForReview()
    {
        await ThresholdsAsync(review: 10, refuse: 100);
        var variant = await CartData.StockedVariantAsync(app.Admin(), 3);
        var id = await DisposableCartAsync(variant, 1);

        var order = await (await CheckoutData.PayAsync(app, id)).Json(HttpStatusCode.Created);

        var detail = await (await app.Admin().GetAsync($"/admin/orders/{order.Str("id")}")).Json();
        Assert.True(detail.GetProperty("heldForReview").GetBoolean());
        Assert.Equal(2, await CheckoutData.AvailableAsync(app, variant));
    }
}
