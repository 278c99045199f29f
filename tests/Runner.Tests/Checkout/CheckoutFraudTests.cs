using System.Net;
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
        Assert.Equal(0, await CheckoutData.ActiveReservationsAsync(app, id));
        Assert.Equal(3, await CheckoutData.AvailableAsync(app, variant));
        Assert.Equal("open", (await (await app.Store().GetAsync($"/store/carts/{id}")).Json()).Str("status"));
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
