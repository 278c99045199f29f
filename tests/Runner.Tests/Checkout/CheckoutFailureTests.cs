using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Orders.Contracts;
using Runner.Orders.Orders;
using Runner.Payments.Contracts;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Checkout;

/// <summary>When the next order placement fails, and how: before it writes anything, or after it wrote the order.</summary>
public sealed class PlacementFault
{
    public volatile string? Next;
}

/// <summary>
/// The checkout engine with a fault switch in front of order placement: the step that follows the payment's
/// authorization. Everything else is the real engine on the real database.
/// </summary>
public sealed class FaultyPlacementApp : CheckoutApp
{
    public PlacementFault Fault { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            var real = services.Last(d => d.ServiceType == typeof(IOrders));
            services.Remove(real);
            services.AddSingleton(Fault);
            services.AddScoped<IOrders>(sp => new FaultyOrders(
                (IOrders)ActivatorUtilities.CreateInstance(sp, real.ImplementationType!), sp.GetRequiredService<PlacementFault>()));
        });
    }

    private sealed class FaultyOrders(IOrders inner, PlacementFault fault) : IOrders
    {
        public Task<PlacedOrder> PlaceAsync(PlaceOrderRequest request, CancellationToken ct = default) => inner.PlaceAsync(request, ct);

        public Task<PreparedOrder> PrepareAsync(PlaceOrderRequest request, PaymentView? payment, CancellationToken ct = default) =>
            inner.PrepareAsync(request, payment, ct);

        public async Task<PlacedOrder> PlaceAsync(PreparedOrder order, CancellationToken ct = default)
        {
            var how = Interlocked.Exchange(ref fault.Next, null);
            if (how == "before") throw new InvalidOperationException("Injected: placement failed before writing.");
            var placed = await inner.PlaceAsync(order, ct);
            if (how == "after") throw new InvalidOperationException("Injected: placement failed after writing the order.");
            return placed;
        }

        public Task<OrderView?> GetAsync(OrderId id, CancellationToken ct = default) => inner.GetAsync(id, ct);

        public Task<string> StatusTokenAsync(OrderId id, CancellationToken ct = default) => inner.StatusTokenAsync(id, ct);
    }
}

/// <summary>
/// A failure after the payment was authorized voids the authorization (refunds what an automatic capture took), gives
/// every reserved unit back, leaves no order, and leaves the cart open for another try.
/// </summary>
public class CheckoutFailureTests(FaultyPlacementApp app) : IClassFixture<FaultyPlacementApp>
{
    private Task<int> OrdersOfCartAsync(string cartId) => app.WithDbAsync(db => db.Set<Order>().CountAsync(o => o.CartId == cartId));

    [Theory]
    [InlineData("before", "manual")]
    [InlineData("after", "manual")]
    [InlineData("after", "automatic")]
    public async Task AFailedPlacement_VoidsOrRefundsThePayment_ReleasesTheStock_AndTheCartCanStillCheckOut(string when, string capture)
    {
        await CheckoutData.LiftVelocityAsync(app, capture);
        var variant = await CartData.StockedVariantAsync(app.Admin(), 5);
        var id = (await CheckoutData.ReadyCartAsync(app, variant, 2)).Str("id");

        app.Fault.Next = when;
        await (await CheckoutData.PayAsync(app, id)).Problem(HttpStatusCode.InternalServerError, "server.error");

        var payment = Assert.Single(await CheckoutData.PaymentsAsync(app, id));
        Assert.Equal(capture == "manual" ? PaymentState.Voided : PaymentState.Refunded, payment.State);
        Assert.Null(payment.OrderReference);
        Assert.Equal(0, await CheckoutData.ActiveReservationsAsync(app, id));
        Assert.Equal(5, await CheckoutData.AvailableAsync(app, variant));
        Assert.Equal(0, await OrdersOfCartAsync(id));
        Assert.Equal("open", (await (await app.Store().GetAsync($"/store/carts/{id}")).Json()).Str("status"));

        var order = await (await CheckoutData.PayAsync(app, id)).Json(HttpStatusCode.Created);
        Assert.Equal(3, await CheckoutData.AvailableAsync(app, variant));
        Assert.Equal(1, await OrdersOfCartAsync(id));
        Assert.Single(await CheckoutData.PaymentsAsync(app, id), p => CheckoutData.Holds(p) && p.OrderReference == "order:" + order.Str("id"));
    }

    [Fact]
    public async Task ParallelCheckoutsOfOneCart_WithDifferentKeys_PlaceOneOrder_AndChargeOnce()
    {
        await CheckoutData.LiftVelocityAsync(app);
        var variant = await CartData.StockedVariantAsync(app.Admin(), 10);
        var id = (await CheckoutData.ReadyCartAsync(app, variant)).Str("id");
        var tokens = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => CheckoutData.TokenAsync(app.Store())));

        var answers = await Task.WhenAll(tokens.Select(token =>
            CheckoutData.CompleteAsync(app.Store(), id, new { paymentToken = token }, Guid.NewGuid().ToString())));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var code = (await refused.Content.ReadFromJsonAsync<JsonElement>()).Str("code");
            Assert.Contains(code, new[] { "cart.checkout_in_progress", "cart.completed" });
        }
        Assert.Equal(1, await OrdersOfCartAsync(id));
        Assert.Single(await CheckoutData.PaymentsAsync(app, id));
        Assert.Equal(9, await CheckoutData.AvailableAsync(app, variant));
    }
}
