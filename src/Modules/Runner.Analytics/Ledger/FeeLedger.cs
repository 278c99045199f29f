using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Runner.Analytics.Live;
using Runner.Kernel.Data;
using Runner.Kernel.Outbox;
using Runner.Payments.Contracts;

namespace Runner.Analytics.Ledger;

/// <summary>
/// Books payment fees (<c>payment.fee</c>, one per gateway transaction with a fee) on the day of their transaction,
/// converted at the order's rate. A fee names its order once the payment is claimed (<c>order:{id}</c>); a fee
/// charged before that (a sale at checkout) waits on the payment's row until <c>order.placed</c> links the payment.
/// Either side may come first: both go through the payment's row, whose insert conflicts when they race, so one of them
/// retries and finds the other's work.
/// </summary>
internal sealed class FeeLedger(RunnerDbContext db, LiveBroadcaster live) : IOutboxHandler
{
    private const string OrderPrefix = "order:";

    public async Task HandleAsync(OutboxEnvelope message, CancellationToken ct)
    {
        var e = message.Read<PaymentFeeEvent>();
        var fee = new PendingFee(e.Fee.Minor, e.Fee.Currency, e.At);
        var orderId = e.OrderReference is { } reference && reference.StartsWith(OrderPrefix, StringComparison.Ordinal)
            && Guid.TryParse(reference.AsSpan(OrderPrefix.Length), out var id) ? id : (Guid?)null;
        var payment = await LedgerQueries.PaymentAsync(db, e.PaymentId.Value, ct);
        orderId ??= payment?.OrderId;
        var order = orderId is { } known ? await LedgerQueries.OrderAsync(db, known, ct) : null;
        if (order is null)
        {
            // Not booked yet (or not an order's payment yet): kept with the payment until its order is.
            if (payment is null) db.Add(payment = new LedgerPayment { PaymentId = e.PaymentId.Value, OrderId = orderId, PendingFees = "[]" });
            payment.PendingFees = JsonSerializer.Serialize(Pending(payment).Append(fee).ToList(), Json);
            payment.Version++;
            await AddedRows.SaveAsync(db, ct);
            return;
        }
        await BookAsync(order, [fee], ct);
        await AddedRows.SaveAsync(db, ct);
    }

    /// <summary>Links a payment to its booked order (in the caller's unit of work) and books the fees that waited for it.</summary>
    public async Task LinkAsync(LedgerOrder order, Guid paymentId, CancellationToken ct)
    {
        var payment = await LedgerQueries.PaymentAsync(db, paymentId, ct);
        if (payment is null)
        {
            db.Add(new LedgerPayment { PaymentId = paymentId, OrderId = order.OrderId, PendingFees = "[]" });
            return;
        }
        var waiting = Pending(payment);
        payment.OrderId = order.OrderId;
        payment.PendingFees = "[]";
        payment.Version++;
        await BookAsync(order, waiting, ct);
    }

    private async Task BookAsync(LedgerOrder order, IReadOnlyList<PendingFee> fees, CancellationToken ct)
    {
        var rate = order.Rate;
        foreach (var fee in fees)
        {
            var posting = new Posting(fee.At, new Amounts(PaymentFees: rate.ToStore(new Kernel.Money(fee.Fee, fee.Currency))), []);
            await Postings.AddAsync(db, order, posting, ct);
            await LiveFeed.WriteAsync(db, live, PaymentEvents.Fee, OrderLedger.Announcement(order, posting, null), fee.At, ct);
        }
    }

    private static List<PendingFee> Pending(LedgerPayment payment) =>
        JsonSerializer.Deserialize<List<PendingFee>>(payment.PendingFees, Json) ?? [];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
