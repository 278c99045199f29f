using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Data;
using Runner.Payments.Contracts;
using Runner.Payments.Payments;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Payments.PaymentsData;

namespace Runner.Tests.Payments;

/// <summary>
/// A checkout's authorization may be left unrecorded (AuthorizeRequest.DeferRecord): the order's transaction records it
/// as it claims it, so a checkout commits once less. Until then only the pending key shows it, which is what the
/// reconciler follows if the process dies; an order that fails records it before voiding it.
/// </summary>
public class DeferredRecordTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    private async Task<PaymentView> AuthorizeUnrecordedAsync(string number = Success)
    {
        var token = await TokenAsync(app.Store(), number);
        var result = await app.WithPaymentsAsync(p => p.AuthorizeAsync(new AuthorizeRequest(Usd(7_000), PaymentMethod.Card, token,
            "cart:" + Guid.NewGuid(), "ada@example.com", "203.0.113.7", "deferred:" + Guid.NewGuid(), DeferRecord: true)));
        Assert.Null(result.Decline);
        return result.Payment!;
    }

    private Task<int> RowsAsync(PaymentId id) => app.WithDbAsync(db => db.Set<Payment>().CountAsync(p => p.Id == id));

    private Task<string> KeyStatusAsync(PaymentId id) =>
        app.WithDbAsync(db => db.Set<PaymentIdempotency>().Where(k => k.PaymentId == id).Select(k => k.Status).SingleAsync());

    /// <summary>Claims the payment in a transaction of its own, as an order's transaction does, and commits.</summary>
    private async Task<PaymentView> ClaimInTransactionAsync(PaymentView seen, string order)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var claimed = (await scope.ServiceProvider.GetRequiredService<IPayments>().ClaimAsync(seen, order)).Ok();
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return claimed;
    }

    [Fact]
    public async Task AnUnrecordedAuthorization_IsRecordedByTheTransactionThatClaimsIt()
    {
        var seen = await AuthorizeUnrecordedAsync();
        Assert.Equal(PaymentState.Authorized, seen.State);
        Assert.Equal(0, await RowsAsync(seen.Id));
        Assert.Equal("pending", await KeyStatusAsync(seen.Id));

        var claimed = await ClaimInTransactionAsync(seen, "order:deferred");

        Assert.Equal(("order:deferred", PaymentState.Authorized, 7_000L), (claimed.OrderReference, claimed.State, claimed.Authorized.Minor));
        var stored = (await app.WithPaymentsAsync(p => p.GetAsync(seen.Id)))!;
        Assert.Equal(("order:deferred", PaymentState.Authorized, 1), (stored.OrderReference, stored.State, stored.Transactions.Count));
        Assert.Equal("completed", await KeyStatusAsync(seen.Id));
    }

    [Fact]
    public async Task AClaimThatRollsBack_LeavesItUnrecorded_AndRecordingItThenKeepsItUnclaimed()
    {
        var seen = await AuthorizeUnrecordedAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            (await scope.ServiceProvider.GetRequiredService<IPayments>().ClaimAsync(seen, "order:failed")).Ok();
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        Assert.Equal(0, await RowsAsync(seen.Id));

        var recorded = await app.WithPaymentsAsync(p => p.RecordAsync(seen));
        Assert.Equal((null, PaymentState.Authorized), (recorded.OrderReference, recorded.State));
        Assert.Equal(1, await RowsAsync(seen.Id));
        var voided = (await app.WithPaymentsAsync(p => p.VoidAsync(recorded.Id))).Ok();
        Assert.Equal(PaymentState.Voided, voided.State);
    }

    [Fact]
    public async Task RecordedMeanwhile_AsTheReconcilerWould_IsClaimedOnce_NotRecordedTwice()
    {
        var seen = await AuthorizeUnrecordedAsync();
        await app.WithPaymentsAsync(p => p.RecordAsync(seen)); // the key is completed, the payment recorded unclaimed

        var claimed = await ClaimInTransactionAsync(seen, "order:late");

        Assert.Equal("order:late", claimed.OrderReference);
        Assert.Equal(1, await RowsAsync(seen.Id));
        Assert.Single((await app.WithPaymentsAsync(p => p.GetAsync(seen.Id)))!.Transactions);
    }

    [Fact]
    public async Task ADecline_IsRecordedAtOnce_EvenWhenTheRecordMayWait()
    {
        var token = await TokenAsync(app.Store(), "4000000000000002");
        var reference = "cart:" + Guid.NewGuid();
        var result = await app.WithPaymentsAsync(p => p.AuthorizeAsync(new AuthorizeRequest(Usd(7_000), PaymentMethod.Card, token,
            reference, "ada@example.com", "203.0.113.7", "deferred:" + Guid.NewGuid(), DeferRecord: true)));
        Assert.NotNull(result.Decline);
        var states = await app.WithDbAsync(db => db.Set<Payment>().Where(p => p.Reference == reference).Select(p => p.State).ToListAsync());
        Assert.Equal(PaymentState.Declined, Assert.Single(states));
    }
}
