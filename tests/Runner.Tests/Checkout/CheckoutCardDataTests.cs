using System.Net;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Checkout;

/// <summary>The checkout engine logging everything at Debug level, every line captured.</summary>
public sealed class LoggedCheckoutApp : CheckoutApp
{
    protected override bool CaptureLogs => true;
}

/// <summary>
/// Whole checkouts through the storefront API (paid, declined, 3-D Secure, retried, refunded), then a scan of every
/// text column of the database and every log line: no card number and no CVC anywhere.
/// </summary>
public class CheckoutCardDataTests(LoggedCheckoutApp app) : IClassFixture<LoggedCheckoutApp>
{
    private const string Cvc = "123";

    [Fact]
    public async Task AfterCheckoutsOfEveryOutcome_NoCardNumberOrCvcIsInAnyTableOrLogLine()
    {
        await CheckoutData.LiftVelocityAsync(app, "automatic");
        var variant = await CartData.StockedVariantAsync(app.Admin(), 20, price: 2500);
        var numbers = new[] { CheckoutData.Success, CheckoutData.Declined, CheckoutData.ThreeDSecure };

        var paid = (await CheckoutData.ReadyCartAsync(app, variant)).Str("id");
        var key = Guid.NewGuid().ToString();
        var token = await CheckoutData.TokenAsync(app.Store());
        var order = await (await CheckoutData.CompleteAsync(app.Store(), paid, new { paymentToken = token }, key)).Json(HttpStatusCode.Created);
        await (await CheckoutData.CompleteAsync(app.Store(), paid, new { paymentToken = token }, key)).Json(HttpStatusCode.Created);
        var refund = new HttpRequestMessage(HttpMethod.Post, $"/admin/orders/{order.Str("id")}/refunds")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { amount = new { amount = 500, currency = "USD" } }),
        };
        refund.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        (await app.Admin().SendAsync(refund)).EnsureSuccessStatusCode();

        var declined = (await CheckoutData.ReadyCartAsync(app, variant)).Str("id");
        await (await CheckoutData.PayAsync(app, declined, CheckoutData.Declined)).Problem(HttpStatusCode.PaymentRequired, "payment.card_declined");
        var challenged = (await CheckoutData.ReadyCartAsync(app, variant)).Str("id");
        Assert.Equal(HttpStatusCode.Accepted, (await CheckoutData.PayAsync(app, challenged, CheckoutData.ThreeDSecure)).StatusCode);
        await app.Store().SendRaw(HttpMethod.Post, "/store/payment-tokens", $"{{\"number\": \"{CheckoutData.Success}\", \"cvc\": \"{Cvc}\", \"expMonth\": \"x\"}}");

        var texts = await DatabaseText.AllAsync(app);
        Assert.True(texts.Count > 20, "the scan found too little text to be meaningful");
        Assert.NotEmpty(app.Logs);
        var secrets = numbers.Concat(numbers.Select(n => string.Join(" ", n.Chunk(4).Select(c => new string(c))))).ToList();
        foreach (var text in texts.Concat(app.Logs))
        {
            foreach (var secret in secrets) Assert.DoesNotContain(secret, text);
            Assert.DoesNotContain($"\"cvc\":\"{Cvc}\"", text.Replace(" ", ""));
        }
    }
}
