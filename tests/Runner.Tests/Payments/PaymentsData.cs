using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Runner.Kernel;
using Runner.Kernel.Results;
using Runner.Payments.Contracts;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Payments;

/// <summary>The engine with its payment sweeper off (tests run it by hand) and every log line captured.</summary>
public class PaymentsApp : RunnerApp
{
    protected override bool CaptureLogs => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Runner:Payments:Sweeper:Enabled", "false");
        builder.UseSetting("Runner:Payments:Reconciler:Enabled", "false");
    }
}

/// <summary>A payments engine whose clock the test moves.</summary>
public sealed class ClockedPaymentsApp : PaymentsApp
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);
    protected override FakeTimeProvider? Clock => Time;
}

internal static class PaymentsData
{
    public const string Success = "4242424242424242";

    public static async Task<string> TokenAsync(HttpClient store, string number = Success, string cvc = "123")
    {
        var response = await store.PostJson("/store/payment-tokens",
            new { number, expMonth = 12, expYear = DateTime.UtcNow.Year + 2, cvc, holderName = "Ada Lovelace" });
        return (await response.Json(HttpStatusCode.Created)).Str("token");
    }

    public static async Task<T> WithPaymentsAsync<T>(this RunnerApp app, Func<IPayments, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<IPayments>());
    }

    public static Task<AuthorizeResult> AuthorizeAsync(RunnerApp app, string? token, long amount = 10_000, string? key = null,
        PaymentMethod method = PaymentMethod.Card) =>
        app.WithPaymentsAsync(p => p.AuthorizeAsync(new AuthorizeRequest(new Money(amount, "USD"), method, token,
            "cart:" + Guid.NewGuid(), "ada@example.com", "203.0.113.7", key)));

    /// <summary>An authorized card payment of <paramref name="amount"/> minor units of USD.</summary>
    public static async Task<PaymentView> AuthorizedAsync(RunnerApp app, long amount = 10_000, string number = Success)
    {
        var result = await AuthorizeAsync(app, await TokenAsync(app.Store(), number), amount);
        Assert.Null(result.Decline);
        return result.Payment!;
    }

    public static Money Usd(long minor) => new(minor, "USD");

    public static PaymentView Ok(this Result<PaymentView> result)
    {
        Assert.True(result.IsSuccess, result.Error?.Code + ": " + result.Error?.Message);
        return result.Value;
    }
}
