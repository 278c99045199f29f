using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Runner.Kernel;
using Runner.Kernel.Outbox;
using Runner.Orders.Contracts;
using Runner.Orders.Orders;
using Runner.Orders.Payments;
using Runner.Payments.Contracts;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Orders;

/// <summary>The engine with the outbox and the payment background work driven by hand, and a clock the test moves.</summary>
public sealed class HandDrivenOrdersApp : RunnerApp
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);
    protected override FakeTimeProvider? Clock => Time;
    protected override bool BackgroundWork => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Runner:Payments:Sweeper:Enabled", "false");
        builder.UseSetting("Runner:Payments:Reconciler:Enabled", "false");
    }

    /// <summary>Delivers every outbox message that is due, once the payment events' delay has passed.</summary>
    public async Task DeliverAsync()
    {
        Time.Advance(TimeSpan.FromMinutes(1));
        var dispatcher = Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.RunOnceAsync(CancellationToken.None) > 0) { }
    }
}

/// <summary>
/// A money move on an order's payment commits first and is recorded on the order second; when the process dies in
/// between (simulated by moving the money on the payment alone, exactly what the first commit leaves), the orders
/// module's follower of the payment events brings the order to the payment's truth, once.
/// </summary>
public class OrderFollowsPaymentTests(HandDrivenOrdersApp app) : IClassFixture<HandDrivenOrdersApp>
{
    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private Task<OrderView> OrderAsync(OrderId id) => WithAsync(async s => (await s.GetRequiredService<IOrders>().GetAsync(id))!);

    private Task<int> EventsAsync(string type, OrderId id) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Type == type && m.Payload.Contains(id.ToString())));

    [Fact]
    public async Task ACaptureAndARefundTheOrderNeverRecorded_AreRecordedFromThePayment_Once()
    {
        var stock = await OrderData.StockAsync(app.Admin(), 5);
        var placed = await OrderData.PlaceAsync(app, stock, 1, 10_000);
        var paymentId = (await OrderAsync(placed.Id)).PaymentId!.Value;
        var payments = (Func<IPayments, Task<Runner.Kernel.Results.Result<PaymentView>>> move) => WithAsync(s => move(s.GetRequiredService<IPayments>()));

        Assert.True((await payments(p => p.CaptureAsync(paymentId, null))).IsSuccess);
        Assert.Equal(0, (await OrderAsync(placed.Id)).Captured.Minor);
        await app.DeliverAsync();

        var paid = await OrderAsync(placed.Id);
        Assert.Equal((10_000, PaymentStatus.Paid), (paid.Captured.Minor, paid.PaymentStatus));
        Assert.Single(paid.Timeline, t => t.Kind == "payment_reconciled");
        Assert.Equal(1, await EventsAsync(OrderEvents.Paid, placed.Id));

        Assert.True((await payments(p => p.RefundAsync(paymentId, new Money(2_500, "USD"), "damaged"))).IsSuccess);
        await app.DeliverAsync();
        await app.DeliverAsync();

        var refunded = await OrderAsync(placed.Id);
        Assert.Equal((10_000, 2_500, PaymentStatus.PartiallyRefunded), (refunded.Captured.Minor, refunded.Refunded.Minor, refunded.PaymentStatus));
        Assert.Equal(2, refunded.Timeline.Count(t => t.Kind == "payment_reconciled"));
        var refund = Assert.Single(refunded.Refunds);
        Assert.Equal((2_500, FollowPayment.Reason), (refund.Amount.Minor, refund.Reason));
        Assert.Equal(1, await EventsAsync(OrderEvents.Refunded, placed.Id));
        Assert.Equal(1, await EventsAsync(OrderEvents.Paid, placed.Id));
    }

    [Fact]
    public async Task AMoveTheOrderRecordedItself_IsFollowedWithoutAnyChange()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 5);
        var placed = await OrderData.PlaceAsync(app, stock, 1, 10_000);

        var captured = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/capture", new { }))).Json();
        Assert.Equal("paid", captured.Str("paymentStatus"));
        await app.DeliverAsync();

        var order = await OrderAsync(placed.Id);
        Assert.Equal((10_000, PaymentStatus.Paid), (order.Captured.Minor, order.PaymentStatus));
        Assert.DoesNotContain(order.Timeline, t => t.Kind == "payment_reconciled");
        Assert.Equal(1, await EventsAsync(OrderEvents.Paid, placed.Id));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<OutboxMessage>()
            .CountAsync(m => m.Type == PaymentEvents.Captured && m.ProcessedAt != null && m.Payload.Contains(placed.Id.ToString()))));
    }

    [Fact]
    public async Task WhileAnActionHoldsTheOrdersMoney_TheFollowerWaits_ThenRecordsTheMoveOnce()
    {
        var stock = await OrderData.StockAsync(app.Admin(), 5);
        var placed = await OrderData.PlaceAsync(app, stock, 1, 10_000);
        var paymentId = (await OrderAsync(placed.Id)).PaymentId!.Value;
        // An action (a capture on another host process, say) holds the order's money lease: its money moved, its own
        // record of it is still to come.
        await app.WithDbAsync(db => db.Set<Order>().Where(o => o.Id == placed.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.CollectingUntil, app.Time.GetUtcNow() + TimeSpan.FromHours(1))));
        Assert.True((await WithAsync(s => s.GetRequiredService<IPayments>().CaptureAsync(paymentId, null))).IsSuccess);

        await app.DeliverAsync();
        var waiting = await OrderAsync(placed.Id);
        Assert.Equal(0, waiting.Captured.Minor);
        Assert.DoesNotContain(waiting.Timeline, t => t.Kind == "payment_reconciled");

        // The action ended without recording (its process died): the follower records the capture, once.
        await app.WithDbAsync(db => db.Set<Order>().Where(o => o.Id == placed.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.CollectingUntil, (DateTimeOffset?)null)));
        await app.DeliverAsync();
        await app.DeliverAsync();
        var followed = await OrderAsync(placed.Id);
        Assert.Equal((10_000, PaymentStatus.Paid), (followed.Captured.Minor, followed.PaymentStatus));
        Assert.Single(followed.Timeline, t => t.Kind == "payment_reconciled");
        Assert.Equal(1, await EventsAsync(OrderEvents.Paid, placed.Id));
    }
}
