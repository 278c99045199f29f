using Runner.Kernel;
using Runner.Payments.Contracts;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Payments;

public class CardDataLeakTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    private static readonly string[] Numbers = ["4242424242424242", "4000000000009995", "4000000000003220", "378282246310005", "4242424242424241"];
    private const string Cvc = "987", AmexCvc = "7531";

    [Fact]
    public async Task AfterTokenizingAndPaying_NoCardNumberOrCvcIsInAnyTableOrLogLine()
    {
        var store = app.Store();
        foreach (var number in Numbers)
        {
            var amex = number.StartsWith("37", StringComparison.Ordinal);
            var response = await store.PostJson("/store/payment-tokens",
                new { number, expMonth = 11, expYear = DateTime.UtcNow.Year + 4, cvc = amex ? AmexCvc : Cvc, holderName = "Grace Hopper" });
            if (!response.IsSuccessStatusCode) continue;
            var token = (await response.Json(System.Net.HttpStatusCode.Created)).Str("token");
            var result = await PaymentsData.AuthorizeAsync(app, token, 12_345);
            if (result.Payment is { State: PaymentState.Authorized } p)
            {
                (await app.WithPaymentsAsync(x => x.CaptureAsync(p.Id, null))).Ok();
                (await app.WithPaymentsAsync(x => x.RefundAsync(p.Id, new Money(345, "USD"), "test"))).Ok();
            }
        }
        // Malformed bodies must not echo the number either.
        await store.SendRaw(HttpMethod.Post, "/store/payment-tokens", $"{{\"number\": {Numbers[0]}, \"cvc\": {Cvc}}}");
        await store.SendRaw(HttpMethod.Post, "/store/payment-tokens", $"{{\"number\": \"{Numbers[0]}\", \"cvc\": \"{Cvc}\", \"expMonth\": \"x\"}}");

        var texts = await DatabaseText.AllAsync(app);
        Assert.True(texts.Count > 20, "the scan found too little text to be meaningful");
        var secrets = Numbers.Concat(Numbers.Select(n => string.Join(" ", n.Chunk(4).Select(c => new string(c))))).ToList();
        foreach (var text in texts.Concat(app.Logs))
        {
            foreach (var secret in secrets) Assert.DoesNotContain(secret, text);
            foreach (var cvc in new[] { Cvc, AmexCvc })
            {
                Assert.DoesNotContain($"\"cvc\":\"{cvc}\"", text.Replace(" ", ""));
                Assert.DoesNotContain($"\"cvc\":{cvc}", text.Replace(" ", ""));
            }
        }
        Assert.NotEmpty(app.Logs);
    }
}
