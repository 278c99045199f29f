using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Outbox;
using Runner.Payments.Contracts;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Payments.PaymentsData;

namespace Runner.Tests.Payments;

public class PaymentFlowTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    private static object Amount(long minor) => new { amount = new { amount = minor, currency = "USD" } };

    /// <summary>An admin client that sends a fresh Idempotency-Key with every POST that has none: one intended move each.</summary>
    private HttpClient KeyedAdmin()
    {
        var client = app.CreateDefaultClient(new FreshIdempotencyKeys());
        client.DefaultRequestHeaders.Authorization = new("Bearer", RunnerApp.AdminKey);
        return client;
    }

    private sealed class FreshIdempotencyKeys : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (request.Method == HttpMethod.Post && !request.Headers.Contains("Idempotency-Key"))
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            return base.SendAsync(request, ct);
        }
    }

    [Fact]
    public async Task AdminMoneyMoves_NeedAnIdempotencyKey_AndARetryWithTheKeyMovesNothingAgain()
    {
        var payment = await AuthorizedAsync(app, 10_000);
        var admin = app.Admin();
        await (await admin.PostJson($"/admin/payments/{payment.Id}/capture", Amount(4_000))).Problem(HttpStatusCode.BadRequest, "idempotency.key_missing");

        async Task<JsonElement> CaptureAsync(string key, long minor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/payments/{payment.Id}/capture") { Content = JsonContent.Create(Amount(minor)) };
            request.Headers.Add("Idempotency-Key", key);
            return await (await admin.SendAsync(request)).Json();
        }
        var first = await CaptureAsync("capture-once", 4_000);
        var again = await CaptureAsync("capture-once", 4_000);
        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Equal(4_000, first.GetProperty("captured").Long("amount"));
        var view = await (await admin.GetAsync($"/admin/payments/{payment.Id}")).Json();
        Assert.Equal(4_000, view.GetProperty("captured").Long("amount"));
    }

    [Fact]
    public async Task Authorize_WithManualCaptureMode_HoldsTheAmount_WithAValidityOfSevenDays()
    {
        var payment = await AuthorizedAsync(app, 4_200);
        Assert.Equal(PaymentState.Authorized, payment.State);
        Assert.Equal((4_200L, 0L), (payment.Authorized.Minor, payment.Captured.Minor));
        Assert.Equal(("visa", "4242", "sandbox"), (payment.Brand, payment.Last4, payment.Gateway));
        Assert.InRange(payment.AuthorizationExpiresAt!.Value, DateTimeOffset.UtcNow.AddDays(6.9), DateTimeOffset.UtcNow.AddDays(7.1));
        var tx = Assert.Single(payment.Transactions);
        Assert.Equal(("authorization", "succeeded", 0L), (tx.Kind, tx.Status, tx.Fee.Minor));
    }

    [Fact]
    public async Task Capture_AboveTheAuthorization_Is422_AndCapturesNothing()
    {
        var payment = await AuthorizedAsync(app, 10_000);
        var admin = KeyedAdmin();
        await (await admin.PostJson($"/admin/payments/{payment.Id}/capture", Amount(10_001)))
            .Problem(HttpStatusCode.UnprocessableEntity, "payment.capture_exceeds_authorized");
        var after = await (await admin.GetAsync($"/admin/payments/{payment.Id}")).Json();
        Assert.Equal(0, after.GetProperty("captured").Long("amount"));
        Assert.Equal("authorized", after.Str("state"));
    }

    [Fact]
    public async Task PartialCaptures_AddUp_ThenTheRestIsRefused_AndEachCarriesAFee()
    {
        var payment = await AuthorizedAsync(app, 10_000);
        var admin = KeyedAdmin();
        var first = await (await admin.PostJson($"/admin/payments/{payment.Id}/capture", Amount(6_000))).Json();
        Assert.Equal(("partially_captured", 6_000L), (first.Str("state"), first.GetProperty("captured").Long("amount")));
        var rest = await (await admin.PostJson($"/admin/payments/{payment.Id}/capture", new { })).Json();
        Assert.Equal(("captured", 10_000L), (rest.Str("state"), rest.GetProperty("captured").Long("amount")));
        await (await admin.PostJson($"/admin/payments/{payment.Id}/capture", Amount(1))).Problem(HttpStatusCode.Conflict, "payment.invalid_state");
        var captures = rest.GetProperty("transactions").EnumerateArray().Where(t => t.Str("kind") == "capture").ToList();
        // 2.9 % + 30: 6000 → 174 + 30; 4000 → 116 + 30.
        Assert.Equal([204L, 146L], captures.Select(t => t.GetProperty("fee").Long("amount")));
    }

    [Fact]
    public async Task TwoPartialRefundsOf25From100_Succeed_AndAThirdOf60_Fails()
    {
        var payment = await AuthorizedAsync(app, 10_000);
        var admin = KeyedAdmin();
        await (await admin.PostJson($"/admin/payments/{payment.Id}/capture", new { })).Json();
        var one = await (await admin.PostJson($"/admin/payments/{payment.Id}/refunds", new { amount = new { amount = 2_500, currency = "USD" }, reason = "damaged" })).Json();
        Assert.Equal("partially_refunded", one.Str("state"));
        var two = await (await admin.PostJson($"/admin/payments/{payment.Id}/refunds", new { amount = new { amount = 2_500, currency = "USD" } })).Json();
        Assert.Equal(5_000, two.GetProperty("refunded").Long("amount"));
        await (await admin.PostJson($"/admin/payments/{payment.Id}/refunds", new { amount = new { amount = 6_000, currency = "USD" } }))
            .Problem(HttpStatusCode.UnprocessableEntity, "payment.refund_exceeds_captured");
        var last = await (await admin.PostJson($"/admin/payments/{payment.Id}/refunds", new { amount = new { amount = 5_000, currency = "USD" } })).Json();
        Assert.Equal(("refunded", 10_000L), (last.Str("state"), last.GetProperty("refunded").Long("amount")));
    }

    [Fact]
    public async Task Refund_BeforeAnyCapture_Or_InAnotherCurrency_IsRefused()
    {
        var payment = await AuthorizedAsync(app, 10_000);
        var admin = KeyedAdmin();
        await (await admin.PostJson($"/admin/payments/{payment.Id}/refunds", new { amount = new { amount = 100, currency = "USD" } }))
            .Problem(HttpStatusCode.Conflict, "payment.invalid_state");
        await (await admin.PostJson($"/admin/payments/{payment.Id}/capture", new { })).Json();
        await (await admin.PostJson($"/admin/payments/{payment.Id}/refunds", new { amount = new { amount = 100, currency = "EUR" } }))
            .Problem(HttpStatusCode.BadRequest, "payment.currency_mismatch");
    }

    [Fact]
    public async Task Void_OnlyAnUncapturedAuthorization()
    {
        var admin = KeyedAdmin();
        var payment = await AuthorizedAsync(app, 3_000);
        var voided = await (await admin.PostAsync($"/admin/payments/{payment.Id}/void", null)).Json();
        Assert.Equal("voided", voided.Str("state"));
        await (await admin.PostJson($"/admin/payments/{payment.Id}/capture", new { })).Problem(HttpStatusCode.Conflict, "payment.invalid_state");

        var captured = await AuthorizedAsync(app, 3_000);
        await (await admin.PostJson($"/admin/payments/{captured.Id}/capture", Amount(1_000))).Json();
        await (await admin.PostAsync($"/admin/payments/{captured.Id}/void", null)).Problem(HttpStatusCode.Conflict, "payment.invalid_state");
    }

    [Fact]
    public async Task ManualMethod_IsPending_UntilMarkedPaid_ThenRefundable()
    {
        var result = await AuthorizeAsync(app, null, 7_500, method: PaymentMethod.Manual);
        var payment = result.Payment!;
        Assert.Equal((PaymentState.Pending, "manual", 0L), (payment.State, payment.Gateway, payment.Authorized.Minor));
        var admin = KeyedAdmin();
        await (await admin.PostJson($"/admin/payments/{payment.Id}/capture", new { })).Problem(HttpStatusCode.Conflict, "payment.invalid_state");
        var paid = await (await admin.PostAsync($"/admin/payments/{payment.Id}/mark-paid", null)).Json();
        Assert.Equal(("captured", 7_500L), (paid.Str("state"), paid.GetProperty("captured").Long("amount")));
        await (await admin.PostAsync($"/admin/payments/{payment.Id}/mark-paid", null)).Problem(HttpStatusCode.Conflict, "payment.invalid_state");
        var refunded = await (await admin.PostJson($"/admin/payments/{payment.Id}/refunds", new { amount = new { amount = 500, currency = "USD" } })).Json();
        Assert.Equal("partially_refunded", refunded.Str("state"));

        var card = await AuthorizedAsync(app);
        await (await admin.PostAsync($"/admin/payments/{card.Id}/mark-paid", null)).Problem(HttpStatusCode.Conflict, "payment.not_manual");
    }

    [Fact]
    public async Task ThreeDSecure_RequiresAction_ThenPassingTheChallengeAuthorizes()
    {
        var result = await AuthorizeAsync(app, await TokenAsync(app.Store(), "4000000000003220"), 2_000);
        var payment = result.Payment!;
        Assert.Equal(PaymentState.RequiresAction, payment.State);
        Assert.Equal(("three_d_secure", $"/store/payments/{payment.Id}/confirm"), (payment.NextAction!.Type, payment.NextAction.Url));
        var claim = await app.WithPaymentsAsync(p => p.ClaimAsync(payment.Id, "order:early"));
        Assert.Equal("payment.invalid_state", claim.Error!.Code);

        await (await app.Store().PostJson(payment.NextAction.Url, new { result = "maybe" })).Problem(HttpStatusCode.BadRequest, "payment.invalid_challenge_result");
        var empty = await (await app.Store().PostJson(payment.NextAction.Url, new { })).Problem(HttpStatusCode.BadRequest, "payment.invalid_challenge_result");
        Assert.Contains("\"pass\" or \"fail\"", empty.Str("detail"));
        var confirmed = await (await app.Store().PostJson(payment.NextAction.Url, new { result = "pass" })).Json();
        Assert.Equal("authorized", confirmed.Str("state"));
        Assert.Equal(JsonValueKind.Null, confirmed.GetProperty("nextAction").ValueKind);
        var again = await (await app.Store().PostJson(payment.NextAction.Url, new { result = "fail" })).Json();
        Assert.Equal("authorized", again.Str("state"));
        Assert.True((await app.WithPaymentsAsync(p => p.ClaimAsync(payment.Id, "order:1"))).IsSuccess);
    }

    [Fact]
    public async Task ThreeDSecure_FailingTheChallenge_Declines()
    {
        var payment = (await AuthorizeAsync(app, await TokenAsync(app.Store(), "4000002760003184"), 2_000)).Payment!;
        var failed = await (await app.Store().PostJson($"/store/payments/{payment.Id}/confirm", new { result = "fail" })).Json();
        Assert.Equal(("declined", "payment.authentication_failed"), (failed.Str("state"), failed.GetProperty("decline").Str("code")));
    }

    [Fact]
    public async Task Claim_MarksThePaymentForOneOrder_AnotherOrderIsRefused()
    {
        var payment = await AuthorizedAsync(app);
        Assert.Equal("order:A", (await app.WithPaymentsAsync(p => p.ClaimAsync(payment.Id, "order:A"))).Ok().OrderReference);
        Assert.True((await app.WithPaymentsAsync(p => p.ClaimAsync(payment.Id, "order:A"))).IsSuccess);
        Assert.Equal("payment.already_claimed", (await app.WithPaymentsAsync(p => p.ClaimAsync(payment.Id, "order:B"))).Error!.Code);
    }

    [Fact]
    public async Task TheSameIdempotencyKey_ReturnsTheSamePayment_EvenInParallel_WithOneGatewayCall()
    {
        var token = await TokenAsync(app.Store());
        var key = "idem-" + Guid.NewGuid();
        var reference = "cart:" + Guid.NewGuid();
        var request = new AuthorizeRequest(Usd(9_900), PaymentMethod.Card, token, reference, "ada@example.com", null, key);
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => app.WithPaymentsAsync(p => p.AuthorizeAsync(request)))));
        Assert.Single(results.Select(r => r.Payment!.Id).Distinct());
        var rows = await app.WithDbAsync(db => db.Set<Runner.Payments.Payments.Payment>().Where(p => p.Reference == reference).Include(p => p.Transactions).ToListAsync());
        Assert.Single(Assert.Single(rows).Transactions);

        var reused = await Assert.ThrowsAsync<Runner.Kernel.Results.DomainException>(() =>
            app.WithPaymentsAsync(p => p.AuthorizeAsync(request with { Amount = Usd(1) })));
        Assert.Equal("idempotency.key_reused", reused.Error.Code);
    }

    [Fact]
    public async Task ADeclineWithAKey_IsRemembered_ARetryGetsTheSameDecline_WithoutANewGatewayCall()
    {
        var key = "idem-" + Guid.NewGuid();
        var token = await TokenAsync(app.Store(), "4000000000009995");
        var request = new AuthorizeRequest(Usd(10_000), PaymentMethod.Card, token, "cart:" + Guid.NewGuid(), "ada@example.com", null, key);
        var first = await app.WithPaymentsAsync(p => p.AuthorizeAsync(request));
        Assert.Equal("payment.insufficient_funds", first.Decline!.Code);
        var retry = await app.WithPaymentsAsync(p => p.AuthorizeAsync(request));
        Assert.Equal(first.Decline, retry.Decline);
        var rows = await app.WithDbAsync(db => db.Set<Runner.Payments.Payments.Payment>().Where(p => p.Reference == request.Reference).Include(p => p.Transactions).ToListAsync());
        var declined = Assert.Single(rows);
        Assert.Equal(PaymentState.Declined, declined.State);
        Assert.Single(declined.Transactions);
    }

    [Fact]
    public async Task EveryCapture_WritesAPaymentFeeOutboxRow_WithTheOrderReference()
    {
        var payment = await AuthorizedAsync(app, 20_000);
        await app.WithPaymentsAsync(p => p.ClaimAsync(payment.Id, "order:fee-test"));
        (await app.WithPaymentsAsync(p => p.CaptureAsync(payment.Id, Usd(20_000)))).Ok();
        var rows = await app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Type == PaymentEvents.Fee).Select(m => m.Payload).ToListAsync());
        var fee = rows.Select(r => JsonDocument.Parse(r).RootElement).Single(e => e.Str("paymentId") == payment.Id.ToString());
        Assert.Equal(("order:fee-test", "capture", "USD"), (fee.Str("orderReference"), fee.Str("kind"), fee.Str("currency")));
        Assert.Equal((20_000L, 610L), (fee.GetProperty("amount").Long("amount"), fee.GetProperty("fee").Long("amount")));
    }

    [Fact]
    public async Task GetPayment_NeedsOrdersRead_AndAnUnknownIdIs404()
    {
        await (await app.Admin().GetAsync($"/admin/payments/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound, "payment.not_found");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Admin(key: null).GetAsync($"/admin/payments/{Guid.NewGuid()}")).StatusCode);
    }
}
