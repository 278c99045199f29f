using Microsoft.Extensions.DependencyInjection;
using Runner.Payments.Contracts;
using Runner.Payments.Payments;
using static Runner.Tests.Payments.PaymentsData;

namespace Runner.Tests.Payments;

public class AuthorizationSweeperTests(ClockedPaymentsApp app) : IClassFixture<ClockedPaymentsApp>
{
    private AuthorizationSweeper Sweeper => app.Services.GetRequiredService<AuthorizationSweeper>();

    private async Task<PaymentState> StateAsync(PaymentId id) => (await app.WithPaymentsAsync(p => p.GetAsync(id)))!.State;

    [Fact]
    public async Task AnUnclaimedAuthorization_IsVoidedAfterTheTimeout_AClaimedOneIsKept()
    {
        var unclaimed = await AuthorizedAsync(app);
        var claimed = await AuthorizedAsync(app);
        (await app.WithPaymentsAsync(p => p.ClaimAsync(claimed.Id, "order:kept"))).Ok();

        app.Time.Advance(TimeSpan.FromMinutes(14));
        await Sweeper.SweepOnceAsync(CancellationToken.None);
        Assert.Equal(PaymentState.Authorized, await StateAsync(unclaimed.Id));

        app.Time.Advance(TimeSpan.FromMinutes(1));
        var sweeps = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Sweeper.SweepOnceAsync(CancellationToken.None))));
        Assert.True(sweeps.Sum(s => s.Voided) >= 1);
        var voided = (await app.WithPaymentsAsync(p => p.GetAsync(unclaimed.Id)))!;
        Assert.Equal(PaymentState.Voided, voided.State);
        Assert.Single(voided.Transactions, t => t.Kind == "void");
        Assert.Equal(PaymentState.Authorized, await StateAsync(claimed.Id));
        Assert.Equal("payment.invalid_state", (await app.WithPaymentsAsync(p => p.ClaimAsync(unclaimed.Id, "order:late"))).Error!.Code);
    }

    [Fact]
    public async Task AnAuthorizationPastItsValidity_IsExpired_AndCannotBeCaptured()
    {
        var payment = await AuthorizedAsync(app);
        (await app.WithPaymentsAsync(p => p.ClaimAsync(payment.Id, "order:slow"))).Ok();
        app.Time.Advance(TimeSpan.FromDays(7));
        Assert.Equal("payment.invalid_state", (await app.WithPaymentsAsync(p => p.CaptureAsync(payment.Id, null))).Error!.Code);
        await Sweeper.SweepOnceAsync(CancellationToken.None);
        Assert.Equal(PaymentState.Expired, await StateAsync(payment.Id));
    }

    [Fact]
    public async Task APaymentTokenExpiresAfterThirtyMinutes()
    {
        var token = await TokenAsync(app.Store());
        app.Time.Advance(TimeSpan.FromMinutes(31));
        var e = await Assert.ThrowsAsync<Runner.Kernel.Results.DomainException>(() => AuthorizeAsync(app, token));
        Assert.Equal("payment.token_invalid", e.Error.Code);
    }
}
