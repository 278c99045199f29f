using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Runner.Payments.Contracts;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Checkout;

/// <summary>The engine with the fixed shipping and tax tables, and its payment sweeper off (it would void what tests hold).</summary>
public class CheckoutApp : TableRatesApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Runner:Payments:Sweeper:Enabled", "false");
    }
}

public class CompleteCartTests(CheckoutApp app) : IClassFixture<CheckoutApp>
{
    [Fact]
    public async Task Complete_WithAGoodCard_PlacesTheOrderAtTheCartsTotals_SellsTheStock_AndAuthorizesThePayment()
    {
        await CheckoutData.LiftVelocityAsync(app);
        var variant = await CartData.StockedVariantAsync(app.Admin(), 10, price: 1999);
        var cart = await CheckoutData.ReadyCartAsync(app, variant, 2);
        var id = cart.Str("id");

        var order = await (await CheckoutData.PayAsync(app, id)).Json(HttpStatusCode.Created);

        Assert.True(order.Long("number") > 0);
        Assert.Equal("#" + order.Long("number"), order.Str("name"));
        foreach (var total in new[] { "subtotal", "shippingTotal", "taxTotal", "total" })
            Assert.Equal(cart.Amount(total), order.Amount(total));
        Assert.Equal("USD", order.GetProperty("total").Str("currency"));
        Assert.Equal(order.Amount("subtotal") + order.Amount("shippingTotal") + order.Amount("taxTotal"), order.Amount("total"));
        Assert.Equal(8, await CheckoutData.AvailableAsync(app, variant));
        Assert.Equal(0, await CheckoutData.ActiveReservationsAsync(app, id));
        var payment = Assert.Single(await CheckoutData.PaymentsAsync(app, id));
        Assert.Equal(PaymentState.Authorized, payment.State);
        Assert.Equal(order.Amount("total"), payment.Authorized);
        Assert.Equal("order:" + order.Str("id"), payment.OrderReference);

        var admin = await (await app.Admin().GetAsync($"/admin/orders/{order.Str("id")}")).Json();
        Assert.Equal(order.Amount("total"), admin.Amount("total"));
        Assert.Equal(2, admin.GetProperty("lines")[0].Long("quantity"));
        var closed = await (await app.Store().GetAsync($"/store/carts/{id}")).Json();
        Assert.Equal("completed", closed.Str("status"));
        Assert.Equal(order.Str("id"), closed.Str("orderId"));
    }

    [Fact]
    public async Task Complete_UnderAutomaticCapture_CapturesThePayment()
    {
        await CheckoutData.LiftVelocityAsync(app, captureMode: "automatic");
        try
        {
            var variant = await CartData.StockedVariantAsync(app.Admin(), 5, price: 2500);
            var id = (await CheckoutData.ReadyCartAsync(app, variant)).Str("id");
            var order = await (await CheckoutData.PayAsync(app, id)).Json(HttpStatusCode.Created);
            Assert.Equal("paid", order.Str("paymentStatus"));
            var payment = Assert.Single(await CheckoutData.PaymentsAsync(app, id));
            Assert.Equal(PaymentState.Captured, payment.State);
            Assert.Equal(order.Amount("total"), payment.Captured);
        }
        finally
        {
            await CheckoutData.LiftVelocityAsync(app);
        }
    }

    [Fact]
    public async Task StockRunningOutAfterAddToCart_Is409NamingTheLine_WithNoChargeAndNoReservation()
    {
        await CheckoutData.LiftVelocityAsync(app);
        var variant = await CartData.StockedVariantAsync(app.Admin(), 3);
        var id = (await CheckoutData.ReadyCartAsync(app, variant, 3)).Str("id");
        var rival = (await CheckoutData.ReadyCartAsync(app, variant, 2)).Str("id");
        await (await CheckoutData.PayAsync(app, rival)).Json(HttpStatusCode.Created);

        var problem = await (await CheckoutData.PayAsync(app, id)).Problem(HttpStatusCode.Conflict, "inventory.insufficient_stock");
        var line = Assert.Single(problem.GetProperty("lines").EnumerateArray());
        Assert.Equal(3, line.Long("requested"));
        Assert.False(string.IsNullOrEmpty(line.Str("sku")));
        Assert.Empty(await CheckoutData.PaymentsAsync(app, id));
        Assert.Equal(0, await CheckoutData.ActiveReservationsAsync(app, id));
        Assert.Equal(1, await CheckoutData.AvailableAsync(app, variant));
        Assert.Equal("open", (await (await app.Store().GetAsync($"/store/carts/{id}")).Json()).Str("status"));
    }

    [Fact]
    public async Task ADeclinedCard_Is402WithTheGatewaysCode_LeavesNoOrderNorReservation_AndAGoodCardThenCompletes()
    {
        await CheckoutData.LiftVelocityAsync(app);
        var variant = await CartData.StockedVariantAsync(app.Admin(), 4);
        var id = (await CheckoutData.ReadyCartAsync(app, variant, 2)).Str("id");

        var declined = await CheckoutData.PayAsync(app, id, CheckoutData.Declined);
        Assert.Equal(HttpStatusCode.PaymentRequired, declined.StatusCode);
        var problem = await declined.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("payment.card_declined", problem.Str("code"));
        Assert.Equal(0, await CheckoutData.ActiveReservationsAsync(app, id));
        Assert.Equal(4, await CheckoutData.AvailableAsync(app, variant));
        Assert.DoesNotContain(await CheckoutData.PaymentsAsync(app, id), CheckoutData.Holds);
        var cart = await (await app.Store().GetAsync($"/store/carts/{id}")).Json();
        Assert.Equal("open", cart.Str("status"));

        await (await CheckoutData.PayAsync(app, id)).Json(HttpStatusCode.Created);
        Assert.Equal(2, await CheckoutData.AvailableAsync(app, variant));
    }

    [Fact]
    public async Task TenParallelRetriesOfOneKey_PlaceOneOrder_ChargeOnce_AndAnswerIdenticalBodies()
    {
        await CheckoutData.LiftVelocityAsync(app);
        var variant = await CartData.StockedVariantAsync(app.Admin(), 10);
        var id = (await CheckoutData.ReadyCartAsync(app, variant)).Str("id");
        var token = await CheckoutData.TokenAsync(app.Store());
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(_ => CheckoutData.CompleteAsync(app.Store(), id, new { paymentToken = token }, key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        Assert.Single(await CheckoutData.PaymentsAsync(app, id));
        Assert.Equal(9, await CheckoutData.AvailableAsync(app, variant));
        var orderId = System.Text.Json.JsonDocument.Parse(bodies[0]).RootElement.Str("id");
        var orders = await (await app.Admin().GetAsync($"/admin/orders?email={(await (await app.Store().GetAsync($"/store/carts/{id}")).Json()).Str("email")}")).Json();
        Assert.Equal(orderId, Assert.Single(orders.Items()).Str("id"));
    }

    [Fact]
    public async Task TheSameKeyWithAnotherBody_Is422_AndNoKey_Is400()
    {
        await CheckoutData.LiftVelocityAsync(app);
        var variant = await CartData.StockedVariantAsync(app.Admin(), 10);
        var id = (await CheckoutData.ReadyCartAsync(app, variant)).Str("id");
        var token = await CheckoutData.TokenAsync(app.Store());

        await (await CheckoutData.CompleteAsync(app.Store(), id, new { paymentToken = token })).Problem(HttpStatusCode.BadRequest, "idempotency.key_missing");
        var key = Guid.NewGuid().ToString();
        await (await CheckoutData.CompleteAsync(app.Store(), id, new { paymentToken = token }, key)).Json(HttpStatusCode.Created);
        await (await CheckoutData.CompleteAsync(app.Store(), id, new { paymentToken = "tok_other" }, key))
            .Problem(HttpStatusCode.UnprocessableEntity, "idempotency.key_reused");
        Assert.Single(await CheckoutData.PaymentsAsync(app, id));
    }

    [Fact]
    public async Task ACompletedCart_WithANewKey_Is409CartCompleted_NamingTheOrder()
    {
        await CheckoutData.LiftVelocityAsync(app);
        var variant = await CartData.StockedVariantAsync(app.Admin(), 10);
        var id = (await CheckoutData.ReadyCartAsync(app, variant)).Str("id");
        var order = await (await CheckoutData.PayAsync(app, id)).Json(HttpStatusCode.Created);

        var again = await (await CheckoutData.PayAsync(app, id)).Problem(HttpStatusCode.Conflict, "cart.completed");
        Assert.Equal(order.Str("id"), again.Str("orderId"));
        Assert.Single(await CheckoutData.PaymentsAsync(app, id));
        Assert.Equal(9, await CheckoutData.AvailableAsync(app, variant));
    }

    [Fact]
    public async Task ThreeDSecure_Answers202_HoldsTheStock_ThenConfirmAndCompleteWithThePaymentId_Places201()
    {
        await CheckoutData.LiftVelocityAsync(app);
        var variant = await CartData.StockedVariantAsync(app.Admin(), 5);
        var id = (await CheckoutData.ReadyCartAsync(app, variant, 2)).Str("id");

        var pending = await (await CheckoutData.PayAsync(app, id, CheckoutData.ThreeDSecure)).Json(HttpStatusCode.Accepted);
        Assert.Equal("requires_action", pending.Str("status"));
        var paymentId = pending.Str("paymentId");
        Assert.Equal("three_d_secure", pending.GetProperty("nextAction").Str("type"));
        Assert.Equal(3, await CheckoutData.AvailableAsync(app, variant));
        Assert.Equal(1, await CheckoutData.ActiveReservationsAsync(app, id));

        await (await app.Store().PostJson($"/store/payments/{paymentId}/confirm", new { result = "pass" })).Json();
        var order = await (await CheckoutData.CompleteAsync(app.Store(), id, new { paymentId }, Guid.NewGuid().ToString())).Json(HttpStatusCode.Created);

        Assert.Equal(paymentId, order.Str("paymentId"));
        Assert.Equal(3, await CheckoutData.AvailableAsync(app, variant));
        Assert.Equal(0, await CheckoutData.ActiveReservationsAsync(app, id));
        var payment = Assert.Single(await CheckoutData.PaymentsAsync(app, id));
        Assert.Equal(PaymentState.Authorized, payment.State);
        Assert.Equal("order:" + order.Str("id"), payment.OrderReference);
    }

    [Fact]
    public async Task AZeroTotalOrder_NeedsNoPayment()
    {
        await CheckoutData.LiftVelocityAsync(app);
        var product = await CartData.ProductAsync(app.Admin(), price: 0, requiresShipping: false);
        var variant = product.GetProperty("variants")[0].Str("id");
        await CartData.StockAsync(app.Admin(), variant, 3);
        var id = (await CheckoutData.ReadyCartAsync(app, variant, ship: false)).Str("id");

        var order = await (await CheckoutData.CompleteAsync(app.Store(), id, new { }, Guid.NewGuid().ToString())).Json(HttpStatusCode.Created);

        Assert.Equal(0, order.Amount("total"));
        Assert.Equal("paid", order.Str("paymentStatus"));
        Assert.Empty(await CheckoutData.PaymentsAsync(app, id));
        Assert.Equal(2, await CheckoutData.AvailableAsync(app, variant));
    }

    [Fact]
    public async Task ACartThatCannotBeBought_Is422WithAStableCode()
    {
        var variant = await CartData.StockedVariantAsync(app.Admin(), 5);
        var store = app.Store();
        var id = (await CartData.CartAsync(store)).Str("id");
        await (await CheckoutData.CompleteAsync(store, id, new { paymentToken = "tok" }, Guid.NewGuid().ToString()))
            .Problem(HttpStatusCode.UnprocessableEntity, "cart.empty");
        await (await CartData.AddAsync(store, id, variant, 1)).Json();
        await (await CheckoutData.CompleteAsync(store, id, new { paymentToken = "tok" }, Guid.NewGuid().ToString()))
            .Problem(HttpStatusCode.UnprocessableEntity, "cart.email_required");
        await (await store.PatchJson($"/store/carts/{id}", new { email = "ada@example.com" })).Json();
        await (await CheckoutData.CompleteAsync(store, id, new { paymentToken = "tok" }, Guid.NewGuid().ToString()))
            .Problem(HttpStatusCode.UnprocessableEntity, "cart.shipping_address_required");
        await (await store.PatchJson($"/store/carts/{id}", new { shippingAddress = CartData.Address() })).Json();
        await (await CheckoutData.CompleteAsync(store, id, new { paymentToken = "tok" }, Guid.NewGuid().ToString()))
            .Problem(HttpStatusCode.UnprocessableEntity, "cart.shipping_rate_required");
        Assert.Equal(0, await CheckoutData.ActiveReservationsAsync(app, id));
    }
}
