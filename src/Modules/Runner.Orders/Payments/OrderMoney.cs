using Runner.Kernel;
using Runner.Kernel.Idempotency;
using Runner.Kernel.Results;
using Runner.Orders.Contracts;
using Runner.Orders.Orders;
using Runner.Payments.Contracts;

namespace Runner.Orders.Payments;

/// <summary>
/// Moves money across an order's payments through <see cref="IPayments"/>, one gateway call per payment, with no
/// transaction open (as every gateway call must be). The caller records what moved on the order in its own commit,
/// even when a later payment refused: money that moved is never left unrecorded.
/// </summary>
internal sealed class OrderMoney(IPayments payments, IdempotencyStore idempotency)
{
    /// <summary>What moved (each payment as it now stands, and how much it moved) and, when a payment refused, why.</summary>
    public sealed record Moved(IReadOnlyList<PaymentView> Payments, IReadOnlyList<RefundPaymentView> Parts, Error? Failure)
    {
        public long Total => Parts.Sum(p => p.Amount.Minor);
    }

    private static readonly PaymentState[] Capturable = [PaymentState.Authorized, PaymentState.PartiallyCaptured];

    /// <summary>What can still be refunded: from <paramref name="from"/> when named, else from every payment.</summary>
    public static long Refundable(Order order, PaymentId? from) =>
        order.Payments.Where(p => from is null || p.PaymentId == from).Sum(p => Math.Max(0, p.Captured - p.Refunded));

    /// <summary>What the card authorizations still hold uncaptured.</summary>
    public static long Uncaptured(Order order) => CapturableOf(order).Sum(p => p.Authorized - p.Captured);

    /// <summary>
    /// Refunds <paramref name="amount"/> from the named payment, or from the payments newest first, each giving at most
    /// what it captured less what it refunded. The caller has checked that enough is refundable.
    /// </summary>
    public async Task<Moved> RefundAsync(Order order, Money amount, PaymentId? from, string? reason, CancellationToken ct)
    {
        var sources = order.Payments.Where(p => from is null || p.PaymentId == from).OrderByDescending(p => p.Position);
        return await MoveAsync(sources, amount.Minor, p => p.Captured - p.Refunded,
            (p, m) => payments.RefundAsync(p.PaymentId, m, reason, ct));
    }

    /// <summary>
    /// Captures <paramref name="amount"/> (null: all that the card authorizations still hold) from the authorized card
    /// payments, oldest first. The caller has checked that enough is authorized.
    /// </summary>
    public async Task<Moved> CaptureAsync(Order order, long? amount, CancellationToken ct) =>
        await MoveAsync(CapturableOf(order), amount ?? Uncaptured(order), p => p.Authorized - p.Captured,
            (p, m) => payments.CaptureAsync(p.PaymentId, m, ct));

    private static IEnumerable<OrderPayment> CapturableOf(Order order) =>
        order.Payments.Where(p => p.Method == PaymentMethod.Card && Capturable.Contains(p.State)).OrderBy(p => p.Position);

    private async Task<Moved> MoveAsync(IEnumerable<OrderPayment> sources, long amount, Func<OrderPayment, long> room,
        Func<OrderPayment, Money, Task<Result<PaymentView>>> move)
    {
        var moved = new List<PaymentView>();
        var parts = new List<RefundPaymentView>();
        var left = amount;
        foreach (var p in sources)
        {
            if (left <= 0) break;
            var take = Math.Min(left, room(p));
            if (take <= 0) continue;
            var money = new Money(take, p.Currency);
            idempotency.MoneyMayMove();
            var result = await move(p, money);
            if (!result.IsSuccess) return new Moved(moved, parts, result.Error);
            moved.Add(result.Value);
            parts.Add(new RefundPaymentView(p.PaymentId, money));
            left -= take;
        }
        return new Moved(moved, parts, null);
    }
}
