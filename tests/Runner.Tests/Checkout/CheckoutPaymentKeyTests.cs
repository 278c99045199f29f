using System.Net;
using Microsoft.EntityFrameworkCore;
using Runner.Payments.Fraud;
using Runner.Payments.Payments;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Checkout;

/// <summary>
/// A card checkout takes the payment's idempotency key, uses up its token and counts the fraud screen's attempt in
/// the commit that takes the cart and reserves its lines: a token that cannot pay undoes the reservation with it, so
/// no unit is ever held for it, and the cart checks out afterwards with a fresh token.
/// </summary>
public class CheckoutPaymentKeyTests(CheckoutApp app) : IClassFixture<CheckoutApp>
{
    [Fact]
    public async Task AUsedToken_Is422_NothingWasEverReservedOrCounted_AndAFreshTokenPays()
    {
        await CheckoutData.LiftVelocityAsync(app);
        var variant = await CartData.StockedVariantAsync(app.Admin(), 3);
        var first = (await CheckoutData.ReadyCartAsync(app, variant)).Str("id");
        var second = await CheckoutData.ReadyCartAsync(app, variant);
        var id = second.Str("id");
        var email = second.Str("email").ToLowerInvariant();
        var token = await CheckoutData.TokenAsync(app.Store());
        await (await CheckoutData.CompleteAsync(app.Store(), first, new { paymentToken = token }, Guid.NewGuid().ToString())).Json(HttpStatusCode.Created);

        await (await CheckoutData.CompleteAsync(app.Store(), id, new { paymentToken = token }, Guid.NewGuid().ToString()))
            .Problem(HttpStatusCode.UnprocessableEntity, "payment.token_invalid");

        Assert.Equal(0, await CheckoutData.ReservationRowsAsync(app, id));
        Assert.Equal(2, await CheckoutData.AvailableAsync(app, variant));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<PaymentIdempotency>().CountAsync(k => k.Reference == "cart:" + id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<FraudAttempt>().CountAsync(a => a.Email == email)));
        Assert.Equal("open", (await (await app.Store().GetAsync($"/store/carts/{id}")).Json()).Str("status"));

        var order = await (await CheckoutData.PayAsync(app, id)).Json(HttpStatusCode.Created);
        Assert.Equal(1, await CheckoutData.ReservationRowsAsync(app, id));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<FraudAttempt>().CountAsync(a => a.Email == email)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<PaymentIdempotency>().CountAsync(k => k.Reference == "cart:" + id)));
        Assert.Equal(order.Str("paymentId"),
            (await app.WithDbAsync(db => db.Set<PaymentIdempotency>().SingleAsync(k => k.Reference == "cart:" + id))).PaymentId.Value.ToString());
        Assert.Equal(1, await CheckoutData.AvailableAsync(app, variant));
    }
}
