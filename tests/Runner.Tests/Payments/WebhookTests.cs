using System.Net;
using System.Text;
using System.Text.Json;
using Runner.Payments.Contracts;
using Runner.Payments.Webhooks;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Payments.PaymentsData;

namespace Runner.Tests.Payments;

public class WebhookSignatureTests
{
    [SkippableFact]
    public async Task TheStandardWebhooksVectors_SignAndVerify()
    {
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(SharedData.Require("standard-webhooks/vectors.json")));
        foreach (var v in doc.RootElement.GetProperty("signing").EnumerateArray())
        {
            var (secret, id, ts, body) = (v.Str("secret"), v.Str("msg_id"), v.GetProperty("timestamp").GetInt64(), v.Str("payload"));
            Assert.Equal(v.Str("expected_signature"), WebhookSignature.Sign(secret, id, ts, body));
            Assert.Equal(v.Str("expected_signature"), WebhookSignature.Sign(secret["whsec_".Length..], id, ts, body));
            var at = DateTimeOffset.FromUnixTimeSeconds(ts);
            var good = v.Str("expected_signature");
            Assert.Null(WebhookSignature.Verify(secret, id, ts.ToString(), good, body, at));
            Assert.Null(WebhookSignature.Verify(secret, id, ts.ToString(), $"v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,{good[3..]} {good}", body, at));
            Assert.NotNull(WebhookSignature.Verify(secret, null, ts.ToString(), good, body, at));
            Assert.NotNull(WebhookSignature.Verify(secret, id, null, good, body, at));
            Assert.NotNull(WebhookSignature.Verify(secret, id, ts.ToString(), null, body, at));
            Assert.NotNull(WebhookSignature.Verify(secret, id, ts.ToString(), "v1,dawfeoifkpqwoekfpqoekf", body, at));
            Assert.NotNull(WebhookSignature.Verify(secret, id, ts.ToString(), good[..^2] + "A=", body, at));
            Assert.NotNull(WebhookSignature.Verify(secret, id, ts.ToString(), "v2," + good[3..], body, at));
            Assert.NotNull(WebhookSignature.Verify(secret, id, ts.ToString(), good, body + " ", at));
            Assert.NotNull(WebhookSignature.Verify(secret, id, ts.ToString(), good, body, at.AddMinutes(5).AddSeconds(1)));
            Assert.NotNull(WebhookSignature.Verify(secret, id, ts.ToString(), good, body, at.AddMinutes(-5).AddSeconds(-1)));
            Assert.Null(WebhookSignature.Verify(secret, id, ts.ToString(), good, body, at.AddMinutes(5)));
        }
    }
}

public class WebhookTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    private static readonly string Secret = "whsec_" + Convert.ToBase64String(Encoding.ASCII.GetBytes("a-test-webhook-secret-of-32-byte"));

    private async Task<HttpResponseMessage> SendAsync(string gateway, string id, object body, DateTimeOffset? at = null, string? secret = null)
    {
        await (await app.Admin().PatchJson("/admin/settings/payments", new { webhookSecrets = new Dictionary<string, string> { ["sandbox"] = Secret } })).Json();
        var json = JsonSerializer.Serialize(body);
        var ts = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/payments/{gateway}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", ts.ToString());
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(secret ?? Secret, id, ts, json));
        return await app.CreateClient().SendAsync(request);
    }

    private static async Task<string> ReferenceAsync(RunnerApp app, PaymentId id) =>
        await app.WithDbAsync(db => Task.FromResult(db.Set<Runner.Payments.Payments.Payment>().Single(p => p.Id == id).GatewayReference!));

    [Fact]
    public async Task ACapturedEvent_CapturesOnce_AndAReplayChangesNothing()
    {
        var payment = await AuthorizedAsync(app, 8_000);
        var reference = await ReferenceAsync(app, payment.Id);
        var evt = new { type = "payment.captured", data = new { reference, amount = 3_000, fee = 117 } };
        var id = "msg_" + Guid.NewGuid().ToString("N");
        Assert.Equal("processed", (await (await SendAsync("sandbox", id, evt)).Json()).Str("status"));
        Assert.Equal("duplicate", (await (await SendAsync("sandbox", id, evt)).Json()).Str("status"));
        var after = (await app.WithPaymentsAsync(p => p.GetAsync(payment.Id)))!;
        Assert.Equal((3_000L, PaymentState.PartiallyCaptured), (after.Captured.Minor, after.State));
        Assert.Equal(117, after.Transactions.Single(t => t.Kind == "capture").Fee.Minor);

        var refund = new { type = "payment.refunded", data = new { reference, amount = 1_000 } };
        Assert.Equal("processed", (await (await SendAsync("sandbox", "msg_" + Guid.NewGuid().ToString("N"), refund)).Json()).Str("status"));
        var tooMuch = new { type = "payment.refunded", data = new { reference, amount = 5_000 } };
        Assert.Equal("ignored", (await (await SendAsync("sandbox", "msg_" + Guid.NewGuid().ToString("N"), tooMuch)).Json()).Str("status"));
        Assert.Equal(1_000, (await app.WithPaymentsAsync(p => p.GetAsync(payment.Id)))!.Refunded.Minor);
    }

    [Fact]
    public async Task AFailedEvent_FailsAnUncapturedAuthorization()
    {
        var payment = await AuthorizedAsync(app);
        var reference = await ReferenceAsync(app, payment.Id);
        var evt = new { type = "payment.failed", data = new { reference, code = "payment.card_declined", message = "Issuer declined later." } };
        Assert.Equal("processed", (await (await SendAsync("sandbox", "msg_" + Guid.NewGuid().ToString("N"), evt)).Json()).Str("status"));
        var after = (await app.WithPaymentsAsync(p => p.GetAsync(payment.Id)))!;
        Assert.Equal(PaymentState.Failed, after.State);
        Assert.Equal("payment.card_declined", after.Transactions.Last().Code);
    }

    [Fact]
    public async Task ABadSignature_OrAStaleTimestamp_Is401_AndChangesNothing()
    {
        var payment = await AuthorizedAsync(app);
        var evt = new { type = "payment.captured", data = new { reference = await ReferenceAsync(app, payment.Id) } };
        var forged = "whsec_" + Convert.ToBase64String(new byte[32]);
        await (await SendAsync("sandbox", "msg_forged", evt, secret: forged)).Problem(HttpStatusCode.Unauthorized, "webhook.invalid_signature");
        await (await SendAsync("sandbox", "msg_stale", evt, at: DateTimeOffset.UtcNow.AddMinutes(-6))).Problem(HttpStatusCode.Unauthorized, "webhook.invalid_signature");
        Assert.Equal(0, (await app.WithPaymentsAsync(p => p.GetAsync(payment.Id)))!.Captured.Minor);
        await (await SendAsync("unknown-gateway", "msg_x", evt)).Problem(HttpStatusCode.NotFound, "payment.webhook_unknown_gateway");
        Assert.Equal("processed", (await (await SendAsync("sandbox", "msg_stale", evt)).Json()).Str("status"));
    }
}
