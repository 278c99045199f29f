using Runner.Payments.Contracts;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Payments.PaymentsData;

namespace Runner.Tests.Payments;

/// <summary>
/// An order claims the payment as its checkout saw it (no read while the write lock is held), unless the payment moved
/// since: then the claim reads it again, so the order never records stale amounts.
/// </summary>
public class ClaimSeenTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    [Fact]
    public async Task AnUnchangedPayment_IsClaimed_AsItWasSeen()
    {
        var seen = await AuthorizedAsync(app, 5_000);
        var claimed = (await app.WithPaymentsAsync(p => p.ClaimAsync(seen, "order:seen"))).Ok();
        Assert.Equal(("order:seen", PaymentState.Authorized, 5_000L), (claimed.OrderReference, claimed.State, claimed.Authorized.Minor));
        Assert.Equal("order:seen", (await app.WithPaymentsAsync(p => p.GetAsync(seen.Id)))!.OrderReference);
    }

    [Fact]
    public async Task APaymentCapturedSinceItWasSeen_IsClaimed_WithItsAmountsReadAgain()
    {
        var seen = await AuthorizedAsync(app, 5_000);
        (await app.WithPaymentsAsync(p => p.CaptureAsync(seen.Id, new Runner.Kernel.Money(2_000, "USD")))).Ok();
        var claimed = (await app.WithPaymentsAsync(p => p.ClaimAsync(seen, "order:moved"))).Ok();
        Assert.Equal((PaymentState.PartiallyCaptured, 2_000L), (claimed.State, claimed.Captured.Minor));
        Assert.Equal(2, claimed.Transactions.Count);
    }

    [Fact]
    public async Task APaymentClaimedByAnotherOrderSinceItWasSeen_IsRefused()
    {
        var seen = await AuthorizedAsync(app, 5_000);
        (await app.WithPaymentsAsync(p => p.ClaimAsync(seen.Id, "order:first"))).Ok();
        var refused = await app.WithPaymentsAsync(p => p.ClaimAsync(seen, "order:second"));
        Assert.Equal("payment.already_claimed", refused.Error!.Code);
    }
}
