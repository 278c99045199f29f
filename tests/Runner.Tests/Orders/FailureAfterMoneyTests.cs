using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Outbox;
using Runner.Orders.Contracts;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Orders;

/// <summary>The engine with a switch that makes recording a refund on its order fail, as a database failure would.</summary>
public sealed class FailingRefundRecordApp : RunnerApp
{
    public volatile bool FailRefundRecords;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The order follows its payments' events at once rather than after the usual delay.
        builder.UseSetting("Runner:Payments:Reconciler:EventDelay", "00:00:00.2");
        builder.ConfigureTestServices(services =>
        {
            var real = services.Single(d => d.ServiceType == typeof(IOutbox));
            services.Remove(real);
            services.AddScoped<IOutbox>(sp => new FailingOutbox((IOutbox)ActivatorUtilities.CreateInstance(sp, real.ImplementationType!), this));
        });
    }

    private sealed class FailingOutbox(IOutbox inner, FailingRefundRecordApp app) : IOutbox
    {
        public void Enqueue<T>(string type, T payload, DateTimeOffset? availableAt = null)
        {
            if (app.FailRefundRecords && type == OrderEvents.Refunded) throw new InvalidOperationException("Simulated failure while recording a refund.");
            inner.Enqueue(type, payload, availableAt);
        }
    }
}

public class FailureAfterMoneyTests(FailingRefundRecordApp app) : IClassFixture<FailingRefundRecordApp>
{
    [Fact]
    public async Task AFailureAfterTheMoneyMoved_KeepsTheKey_SoARetryWithItCannotRefundTwice()
    {
        var admin = app.Admin();
        var stock = await OrderData.StockAsync(admin, 10);
        var (placed, _) = await OrderData.CapturedAsync(app, stock, 3, 1000);
        var key = Guid.NewGuid().ToString();

        app.FailRefundRecords = true;
        var failed = await (await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/refunds",
            new { amount = new { amount = 1000, currency = "USD" } }, key))).Problem(HttpStatusCode.InternalServerError, "server.error_after_payment");
        Assert.Contains("new Idempotency-Key", failed.Str("detail"));
        app.FailRefundRecords = false;

        // The same key again: the same answer, and no second refund.
        var retried = await admin.SendAsync(OrderData.Pay($"/admin/orders/{placed.Id}/refunds",
            new { amount = new { amount = 1000, currency = "USD" } }, key));
        await retried.Problem(HttpStatusCode.InternalServerError, "server.error_after_payment");
        Assert.True(retried.Headers.Contains("Idempotent-Replayed"));

        // The refund that did happen reaches the order from the payment's event, once.
        System.Text.Json.JsonElement order = default;
        for (var i = 0; i < 100; i++)
        {
            order = await OrderData.OrderAsync(admin, placed.Id);
            if (order.GetProperty("refunded").Long("amount") > 0) break;
            await Task.Delay(100);
        }
        Assert.Equal(1000, order.GetProperty("refunded").Long("amount"));
        Assert.Equal(1000, order.GetProperty("payments")[0].GetProperty("refunded").Long("amount"));
        Assert.Single(order.GetProperty("refunds").EnumerateArray());
    }
}
