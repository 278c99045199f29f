using Runner.Payments.Contracts;
using static Runner.Tests.Payments.PaymentsData;

namespace Runner.Tests.Payments;

public class PaymentConcurrencyTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    [Fact]
    public async Task ManyParallelCaptures_NeverCaptureMoreThanAuthorized()
    {
        var payment = await AuthorizedAsync(app, 10_000);
        // 40 captures of 700 against 10,000: exactly 14 can succeed (9,800), whatever the interleaving.
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            Task.Run(() => app.WithPaymentsAsync(p => p.CaptureAsync(payment.Id, Usd(700))))));
        Assert.Equal(14, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal("payment.capture_exceeds_authorized", r.Error!.Code));
        var after = (await app.WithPaymentsAsync(p => p.GetAsync(payment.Id)))!;
        Assert.Equal((9_800L, PaymentState.PartiallyCaptured), (after.Captured.Minor, after.State));
        Assert.Equal(14, after.Transactions.Count(t => t.Kind == "capture" && t.Status == "succeeded"));
    }

    [Fact]
    public async Task ManyParallelRefundsAndCaptures_NeverRefundMoreThanCaptured()
    {
        var payment = await AuthorizedAsync(app, 10_000);
        (await app.WithPaymentsAsync(p => p.CaptureAsync(payment.Id, Usd(6_000)))).Ok();
        // Refunds of 500 race with captures of 1,000; refunds can only ever draw on what was captured at that moment.
        var work = Enumerable.Range(0, 40).Select(i => Task.Run(() => i % 4 == 0
            ? app.WithPaymentsAsync(p => p.CaptureAsync(payment.Id, Usd(1_000)))
            : app.WithPaymentsAsync(p => p.RefundAsync(payment.Id, Usd(500), "parallel"))));
        var results = await Task.WhenAll(work);
        var after = (await app.WithPaymentsAsync(p => p.GetAsync(payment.Id)))!;
        var succeededRefunds = after.Transactions.Count(t => t.Kind == "refund" && t.Status == "succeeded");
        Assert.True(after.Refunded.Minor <= after.Captured.Minor, $"refunded {after.Refunded} above captured {after.Captured}");
        Assert.True(after.Captured.Minor <= after.Authorized.Minor);
        Assert.Equal(after.Refunded.Minor, succeededRefunds * 500L);
        Assert.Equal(after.Captured.Minor, 6_000 + after.Transactions.Count(t => t.Kind == "capture" && t.Status == "succeeded" && t.Amount.Minor == 1_000) * 1_000L);
        Assert.Equal(results.Count(r => r.IsSuccess), after.Transactions.Count(t => t.Kind is "capture" or "refund") - 1);
        Assert.True(succeededRefunds >= 12, $"only {succeededRefunds} refunds succeeded");
    }
}
