using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Runner.Payments.Payments;
using Runner.Payments.Contracts;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Payments.PaymentsData;

namespace Runner.Tests.Payments;

/// <summary>A store that captures on placement (its own engine, since the setting is store-wide).</summary>
public class AutomaticCaptureTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    private async Task AutomaticAsync() =>
        await (await app.Admin().PatchJson("/admin/settings/payments", new { captureMode = "automatic", fees = new { percentBasisPoints = 250, fixedAmount = 25 } })).Json();

    [Fact]
    public async Task InAutomaticMode_AuthorizeIsASale_WithItsFee()
    {
        await AutomaticAsync();
        var payment = await AuthorizedAsync(app, 10_000);
        Assert.Equal((PaymentState.Captured, 10_000L, 10_000L), (payment.State, payment.Authorized.Minor, payment.Captured.Minor));
        var sale = Assert.Single(payment.Transactions);
        Assert.Equal(("sale", 275L), (sale.Kind, sale.Fee.Minor));
        Assert.Null(payment.AuthorizationExpiresAt);
    }

    [Fact]
    public async Task InAutomaticMode_PassingThe3dsChallenge_Captures()
    {
        await AutomaticAsync();
        var payment = (await AuthorizeAsync(app, await TokenAsync(app.Store(), "4000002500003155"), 4_000)).Payment!;
        var confirmed = await (await app.Store().PostJson($"/store/payments/{payment.Id}/confirm", new { result = "pass" })).Json();
        Assert.Equal("captured", confirmed.Str("state"));
        var view = (await app.WithPaymentsAsync(p => p.GetAsync(payment.Id)))!;
        Assert.Equal(("sale", 125L), (view.Transactions.Single().Kind, view.Transactions.Single().Fee.Minor));
    }

    [Fact]
    public async Task DisablingTheCardGateway_RefusesCardPayments_AndDisablingManual_RefusesManual()
    {
        var admin = app.Admin();
        await (await admin.PatchJson("/admin/settings/payments", new { sandboxEnabled = false, manual = new { enabled = false } })).Json();
        try
        {
            var token = await TokenAsync(app.Store());
            var card = await Assert.ThrowsAsync<Runner.Kernel.Results.DomainException>(() => AuthorizeAsync(app, token));
            Assert.Equal("payment.method_unavailable", card.Error.Code);
            var manual = await Assert.ThrowsAsync<Runner.Kernel.Results.DomainException>(() => AuthorizeAsync(app, null, method: PaymentMethod.Manual));
            Assert.Equal("payment.method_unavailable", manual.Error.Code);
        }
        finally
        {
            await (await admin.PatchJson("/admin/settings/payments", new { sandboxEnabled = true, manual = new { enabled = true } })).Json(HttpStatusCode.OK);
        }
    }
}

/// <summary>A store capturing on placement, with a clock the test moves.</summary>
public class UnclaimedSaleTests(ClockedPaymentsApp app) : IClassFixture<ClockedPaymentsApp>
{
    [Fact]
    public async Task ASaleNoOrderClaimed_IsRefundedByTheSweeper_AndCanNoLongerBeClaimed()
    {
        await (await app.Admin().PatchJson("/admin/settings/payments", new { captureMode = "automatic" })).Json();
        var sale = await AuthorizedAsync(app, 6_000);
        var kept = await AuthorizedAsync(app, 6_000);
        (await app.WithPaymentsAsync(p => p.ClaimAsync(kept.Id, "order:kept"))).Ok();
        var sweeper = app.Services.GetRequiredService<AuthorizationSweeper>();

        app.Time.Advance(TimeSpan.FromMinutes(14));
        await sweeper.SweepOnceAsync(CancellationToken.None);
        Assert.Equal(PaymentState.Captured, (await app.WithPaymentsAsync(p => p.GetAsync(sale.Id)))!.State);

        app.Time.Advance(TimeSpan.FromMinutes(1));
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => sweeper.SweepOnceAsync(CancellationToken.None))));
        var after = (await app.WithPaymentsAsync(p => p.GetAsync(sale.Id)))!;
        Assert.Equal((PaymentState.Refunded, 6_000L), (after.State, after.Refunded.Minor));
        Assert.Single(after.Transactions, t => t.Kind == "refund");
        Assert.Equal("payment.already_claimed", (await app.WithPaymentsAsync(p => p.ClaimAsync(sale.Id, "order:late"))).Error!.Code);
        Assert.Equal(PaymentState.Captured, (await app.WithPaymentsAsync(p => p.GetAsync(kept.Id)))!.State);
    }
}
