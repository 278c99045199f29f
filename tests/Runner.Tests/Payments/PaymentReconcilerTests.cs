using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Outbox;
using Runner.Kernel.Results;
using Runner.Payments.Contracts;
using Runner.Payments.Gateways;
using Runner.Payments.Payments;
using Runner.Payments.Tokens;
using static Runner.Tests.Payments.PaymentsData;

namespace Runner.Tests.Payments;

/// <summary>
/// The crash windows of a gateway call: the operation is interrupted between the gateway and the commit that records
/// it (the injected fault leaves exactly the state a dead process leaves: the pending row and its reservation), then
/// the reconciler settles it from the gateway's records, once, however many run.
/// </summary>
public class PaymentReconcilerTests(FaultyGatewayApp app) : IClassFixture<FaultyGatewayApp>, IAsyncLifetime
{
    private PaymentReconciler Reconciler => app.Services.GetRequiredService<PaymentReconciler>();

    public Task InitializeAsync()
    {
        app.Fault.Clear();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        app.Fault.Clear();
        return Task.CompletedTask;
    }

    private Task<PaymentView> ViewAsync(PaymentId id) => app.WithPaymentsAsync(async p => (await p.GetAsync(id))!);

    private Task<int> OutboxAsync(string type, PaymentId id) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Type == type && m.Payload.Contains(id.ToString())));

    /// <summary>One shopper's authorization request: the same key, token and reference on every retry.</summary>
    private Task<AuthorizeResult> RetryableAsync(string token, string key) =>
        app.WithPaymentsAsync(p => p.AuthorizeAsync(new AuthorizeRequest(Usd(7_000), PaymentMethod.Card, token, "cart:" + key,
            "ada@example.com", "203.0.113.7", key)));

    private Task<Payment> RowAsync(PaymentId id) => app.WithDbAsync(db => db.Set<Payment>().AsNoTracking().SingleAsync(p => p.Id == id));

    /// <summary>Runs the reconciler as several host processes would, all at once, once the operations are old enough.</summary>
    private async Task<(int Operations, int Authorizations)> ReconcileAsync()
    {
        app.Time.Advance(TimeSpan.FromMinutes(3));
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Reconciler.ReconcileOnceAsync(CancellationToken.None))));
        return (runs.Sum(r => r.Operations), runs.Sum(r => r.Authorizations));
    }

    [Fact]
    public async Task ACaptureWhoseAnswerWasLost_KeepsItsReservation_ThenIsAppliedFromTheGateway_Once()
    {
        var payment = await AuthorizedAsync(app, 10_000);
        app.Fault.LoseAnswers = app.Fault.Unreachable = true;

        var lost = await app.WithPaymentsAsync(p => p.CaptureAsync(payment.Id, Usd(4_000)));
        Assert.Equal("payment.gateway_unreachable", lost.Error!.Code);
        app.Fault.Clear();
        Assert.Equal(4_000, (await RowAsync(payment.Id)).Capturing);
        Assert.Equal("payment.capture_exceeds_authorized", (await app.WithPaymentsAsync(p => p.CaptureAsync(payment.Id, Usd(6_001)))).Error!.Code);
        Assert.Equal((0, 0), await Reconciler.ReconcileOnceAsync(CancellationToken.None));

        Assert.Equal((1, 0), await ReconcileAsync());

        var settled = await ViewAsync(payment.Id);
        var row = await RowAsync(payment.Id);
        Assert.Equal((4_000, 0), (row.Captured, row.Capturing));
        Assert.Equal(PaymentState.PartiallyCaptured, settled.State);
        var capture = Assert.Single(settled.Transactions, t => t.Kind == "capture");
        Assert.Equal(("succeeded", 146), (capture.Status, capture.Fee.Minor)); // 2.9 % of 40.00 + 0.30
        Assert.Equal(1, await OutboxAsync(PaymentEvents.Fee, payment.Id));
        Assert.Equal(1, await OutboxAsync(PaymentEvents.Captured, payment.Id));

        Assert.Equal((0, 0), await ReconcileAsync());
        Assert.Equal(settled, await ViewAsync(payment.Id), new ViewComparer());
        Assert.Equal(1, await OutboxAsync(PaymentEvents.Fee, payment.Id));
        Assert.Equal(6_000, (await app.WithPaymentsAsync(p => p.CaptureAsync(payment.Id, null))).Ok().Captured.Minor - 4_000);
    }

    [Fact]
    public async Task ARefundThatNeverReachedTheGateway_IsReleased_AndTheMoneyCanBeRefundedAgain()
    {
        var payment = await AuthorizedAsync(app, 10_000);
        (await app.WithPaymentsAsync(p => p.CaptureAsync(payment.Id, null))).Ok();
        app.Fault.NeverReceive = app.Fault.Unreachable = true;

        Assert.Equal("payment.gateway_unreachable", (await app.WithPaymentsAsync(p => p.RefundAsync(payment.Id, Usd(2_500), "damaged"))).Error!.Code);
        app.Fault.Clear();
        Assert.Equal(2_500, (await RowAsync(payment.Id)).Refunding);
        Assert.Equal("payment.refund_exceeds_captured", (await app.WithPaymentsAsync(p => p.RefundAsync(payment.Id, Usd(10_000), null))).Error!.Code);

        Assert.Equal((1, 0), await ReconcileAsync());

        var row = await RowAsync(payment.Id);
        Assert.Equal((0, 0), (row.Refunded, row.Refunding));
        var refund = Assert.Single((await ViewAsync(payment.Id)).Transactions, t => t.Kind == "refund");
        Assert.Equal(("failed", "payment.gateway_no_record"), (refund.Status, refund.Code));
        Assert.Equal(0, await OutboxAsync(PaymentEvents.Refunded, payment.Id));
        Assert.Equal((0, 0), await ReconcileAsync());
        Assert.Equal(PaymentState.Refunded, (await app.WithPaymentsAsync(p => p.RefundAsync(payment.Id, Usd(10_000), null))).Ok().State);
    }

    [Fact]
    public async Task AVoidWhoseAnswerWasLost_IsRecordedAsDone()
    {
        var payment = await AuthorizedAsync(app, 5_000);
        app.Fault.LoseAnswers = app.Fault.Unreachable = true;
        Assert.Equal("payment.gateway_unreachable", (await app.WithPaymentsAsync(p => p.VoidAsync(payment.Id))).Error!.Code);
        app.Fault.Clear();

        Assert.Equal((1, 0), await ReconcileAsync());

        var voided = await ViewAsync(payment.Id);
        Assert.Equal(PaymentState.Voided, voided.State);
        Assert.Equal("succeeded", Assert.Single(voided.Transactions, t => t.Kind == "void").Status);
        Assert.Equal(1, await OutboxAsync(PaymentEvents.Voided, payment.Id));
    }

    [Fact]
    public async Task AnAuthorizationInterruptedAfterTheGatewayAuthorized_IsRecorded_AndTheRetryWithTheSameKeyGetsIt()
    {
        var token = await TokenAsync(app.Store());
        var key = "checkout:" + Guid.NewGuid();
        app.Fault.LoseAnswers = app.Fault.Unreachable = true;
        var e = await Assert.ThrowsAsync<DomainException>(() => RetryableAsync(token, key));
        Assert.Equal("payment.gateway_unreachable", e.Error.Code);
        app.Fault.Clear();
        var pending = await app.WithDbAsync(db => db.Set<PaymentIdempotency>().AsNoTracking().SingleAsync(k => k.Key == key));
        Assert.Equal(PaymentIdempotency.Pending, pending.Status);

        Assert.Equal((0, 1), await ReconcileAsync());

        var retry = await RetryableAsync(token, key);
        Assert.Equal(pending.PaymentId, retry.Payment!.Id);
        Assert.Equal(PaymentState.Authorized, retry.Payment.State);
        Assert.Equal("4242", retry.Payment.Last4);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<SandboxOperation>().CountAsync(o => o.Key.StartsWith(pending.PaymentId.ToString()))));
        Assert.Equal((0, 0), await ReconcileAsync());

        // Nobody claimed it: the unclaimed-authorization sweep voids it.
        app.Time.Advance(TimeSpan.FromMinutes(20));
        await app.Services.GetRequiredService<AuthorizationSweeper>().SweepOnceAsync(CancellationToken.None);
        Assert.Equal(PaymentState.Voided, (await ViewAsync(pending.PaymentId)).State);
    }

    [Fact]
    public async Task AnAuthorizationThatNeverReachedTheGateway_IsReleased_AndTheRetryWithTheSameKeyAndTokenCompletes()
    {
        var token = await TokenAsync(app.Store());
        var key = "checkout:" + Guid.NewGuid();
        app.Fault.NeverReceive = app.Fault.Unreachable = true;
        await Assert.ThrowsAsync<DomainException>(() => RetryableAsync(token, key));
        app.Fault.Clear();
        var interrupted = await app.WithDbAsync(db => db.Set<PaymentIdempotency>().AsNoTracking().SingleAsync(k => k.Key == key));

        Assert.Equal((0, 1), await ReconcileAsync());
        Assert.Null(await app.WithDbAsync(db => db.Set<PaymentIdempotency>().AsNoTracking().SingleOrDefaultAsync(k => k.Key == key)));
        Assert.Null(await app.WithDbAsync(db => db.Set<PaymentToken>().Where(t => t.Token == token).Select(t => t.UsedAt).SingleAsync()));

        var retry = await RetryableAsync(token, key);
        Assert.Equal(PaymentState.Authorized, retry.Payment!.State);
        Assert.NotEqual(interrupted.PaymentId, retry.Payment.Id);
        Assert.Null(await ViewAsync(interrupted.PaymentId));
        Assert.Equal(retry.Payment.Id, (await RetryableAsync(token, key)).Payment!.Id);
        Assert.Equal((0, 0), await ReconcileAsync());
    }

    /// <summary>Two views of one payment are equal when their amounts, state and transaction log are.</summary>
    private sealed class ViewComparer : IEqualityComparer<PaymentView>
    {
        public bool Equals(PaymentView? a, PaymentView? b) => a!.State == b!.State && a.Authorized == b.Authorized && a.Captured == b.Captured
            && a.Refunded == b.Refunded && a.Transactions.SequenceEqual(b.Transactions);

        public int GetHashCode(PaymentView obj) => obj.Id.GetHashCode();
    }
}
