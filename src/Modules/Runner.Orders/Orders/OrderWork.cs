using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Actors;
using Runner.Kernel.Data;
using Runner.Orders.Contracts;
using Runner.Payments.Contracts;

namespace Runner.Orders.Orders;

/// <summary>
/// What every change of an order shares: one transaction (the caller's when one is open, as at checkout), the order
/// row locked before it is read (an update of its <c>updated_at</c>: a row lock on PostgreSQL, the write lock on
/// SQLite), so two staff actions on one order run one after the other, and timeline entries naming the actor.
/// </summary>
internal sealed class OrderWork(RunnerDbContext db, TimeProvider clock, IActorAccessor actors)
{
    public RunnerDbContext Db => db;
    public DateTimeOffset Now() => Instants.Now(clock);
    public string Actor => actors.Current.ToString();

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null) return await work(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await work(ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>Locks and loads the order with its lines; throws 404 when there is none.</summary>
    public async Task<Order> LockAsync(OrderId id, CancellationToken ct)
    {
        var now = Now();
        var locked = await db.Set<Order>().Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.UpdatedAt, now), ct);
        if (locked == 0) throw OrderErrors.Throw(OrderErrors.NotFound());
        var order = await db.Set<Order>().Include(o => o.Lines).Include(o => o.Payments).AsSplitQuery().FirstAsync(o => o.Id == id, ct);
        order.UpdatedAt = now;
        return order;
    }

    /// <summary>
    /// The units of each line that returns requested or received but not restocked yet are waiting for: they come back
    /// through their return, so nothing else may put them back too.
    /// </summary>
    public async Task<ILookup<Guid, long>> AwaitedReturnsAsync(OrderId id, CancellationToken ct)
    {
        var open = await db.Set<OrderReturn>().AsNoTracking().Where(r => r.OrderId == id && r.Status != ReturnStatus.Restocked)
            .Select(r => r.Lines).ToListAsync(ct);
        return open.SelectMany(OrderJson.Read<List<ReturnLineView>>).ToLookup(l => l.LineId, l => l.Quantity);
    }

    /// <summary>Reads the order without locking it (the checks before a payment call); throws 404 when there is none.</summary>
    public async Task<Order> ReadAsync(OrderId id, CancellationToken ct) =>
        await db.Set<Order>().AsNoTracking().Include(o => o.Lines).Include(o => o.Payments).AsSplitQuery().FirstOrDefaultAsync(o => o.Id == id, ct)
        ?? throw OrderErrors.Throw(OrderErrors.NotFound());

    public void Log(OrderId id, string kind, string message) => db.Add(new TimelineEntry
    {
        Id = Guid.CreateVersion7(), OrderId = id, Kind = kind, Message = message, Actor = Actor,
        ActorName = actors.Current.Name is { Length: > 0 } name ? name[..Math.Min(name.Length, 200)] : null, At = Now(),
    });

    /// <summary>
    /// Records the payment's amounts and state on the order (adding it to the order's payments the first time), then
    /// sums the order's money over all its payments.
    /// </summary>
    public void Apply(Order order, PaymentView payment)
    {
        var row = order.Payments.FirstOrDefault(p => p.PaymentId == payment.Id);
        if (row is null)
        {
            row = new OrderPayment
            {
                PaymentId = payment.Id, OrderId = order.Id, Position = order.Payments.Count == 0 ? 0 : order.Payments.Max(p => p.Position) + 1,
                Method = payment.Method, Currency = payment.Amount.Currency, Brand = payment.Brand, Last4 = payment.Last4, CreatedAt = Now(),
            };
            order.Payments.Add(row);
            db.Add(row);
        }
        // Two moves of one payment may be recorded in the other order than they were made (two refunds at once): what
        // a payment captured and refunded only grows, so a view behind the row is an older one and changes nothing.
        if (payment.Captured.Minor >= row.Captured && payment.Refunded.Minor >= row.Refunded)
        {
            row.State = payment.State;
            row.Amount = payment.Amount.Minor;
            row.Authorized = payment.Authorized.Minor;
            row.Captured = payment.Captured.Minor;
            row.Refunded = payment.Refunded.Minor;
        }
        order.Authorized = order.Payments.Sum(p => p.Authorized);
        order.Captured = order.Payments.Sum(p => p.Captured);
        order.Refunded = order.Payments.Sum(p => p.Refunded);
        order.PaymentStatus = StatusOf(order.Payments);
    }

    /// <summary>
    /// The order's payment status over its payments: one payment's own; with several, voided when none is live, else
    /// refunded or partially refunded once money went back, authorized or pending while nothing is captured, partially
    /// paid while some live payment holds more than it captured (or is pending), paid otherwise.
    /// </summary>
    public static PaymentStatus StatusOf(IReadOnlyCollection<OrderPayment> payments)
    {
        if (payments.Count == 1) return StatusOf(payments.First().State);
        var live = payments.Where(p => p.Live).ToList();
        if (live.Count == 0) return PaymentStatus.Voided;
        var (captured, refunded) = (live.Sum(p => p.Captured), live.Sum(p => p.Refunded));
        if (refunded > 0) return refunded >= captured ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded;
        if (captured == 0) return live.Any(p => p.Authorized > 0) ? PaymentStatus.Authorized : PaymentStatus.Pending;
        return live.Any(p => p.Authorized > p.Captured || p.State == PaymentState.Pending) ? PaymentStatus.PartiallyPaid : PaymentStatus.Paid;
    }

    /// <summary>
    /// Runs <paramref name="action"/> holding the order's money lease, so that one action moving the order's money runs
    /// at a time (capture, refund, cancel, a return's refund, an edit, a balance collected), across host processes: a
    /// conditional update of the order's row, held while the gateway is called with no transaction open. The action
    /// reads the order after taking the lease, so what it checked (what is left to refund, that a return is not
    /// refunded yet) still holds when the money moves. Another action on the order waits for it (up to
    /// <see cref="MoneyWait"/>, then 409 <c>orders.payment_in_progress</c>); a crashed process's lease lapses after
    /// <see cref="MoneyLease"/>. Not re-entrant: an action must not start another.
    /// </summary>
    public async Task<T> MovingMoneyAsync<T>(OrderId id, Func<Task<T>> action, CancellationToken ct)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var exists = false;
        DateTimeOffset? lease;
        while ((lease = await TakeMoneyLeaseAsync(id, ct)) is null)
        {
            // Not taken: held by another action, or no such order (asked once: orders are never deleted).
            exists = exists || await db.Set<Order>().AnyAsync(o => o.Id == id, ct);
            if (!exists) throw OrderErrors.Throw(OrderErrors.NotFound());
            if (waited.Elapsed >= MoneyWait) throw OrderErrors.Throw(OrderErrors.PaymentInProgress());
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100, 10 + waited.ElapsedMilliseconds / 10)), ct);
        }
        try
        {
            return await action();
        }
        finally
        {
            // Only this action's own lease: one that lapsed and was taken over belongs to the other action now.
            await db.Set<Order>().Where(o => o.Id == id && o.CollectingUntil == lease)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.CollectingUntil, (DateTimeOffset?)null), CancellationToken.None);
        }
    }

    /// <summary>Takes the order's money lease; its expiry, or null when another action holds it (or there is no such order).</summary>
    private async Task<DateTimeOffset?> TakeMoneyLeaseAsync(OrderId id, CancellationToken ct)
    {
        var now = Now();
        var until = now + MoneyLease;
        var taken = await db.Set<Order>().Where(o => o.Id == id && (o.CollectingUntil == null || o.CollectingUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.CollectingUntil, until), ct);
        return taken == 1 ? until : null;
    }

    /// <summary>How long an action may hold the money lease before another may take over (a crashed process).</summary>
    private static readonly TimeSpan MoneyLease = TimeSpan.FromMinutes(2);

    /// <summary>How long an action waits for another money action on the same order to finish before answering 409.</summary>
    private static readonly TimeSpan MoneyWait = TimeSpan.FromSeconds(10);

    public static PaymentStatus StatusOf(PaymentState state) => state switch
    {
        PaymentState.Authorized => PaymentStatus.Authorized,
        PaymentState.PartiallyCaptured => PaymentStatus.PartiallyPaid,
        PaymentState.Captured => PaymentStatus.Paid,
        PaymentState.PartiallyRefunded => PaymentStatus.PartiallyRefunded,
        PaymentState.Refunded => PaymentStatus.Refunded,
        PaymentState.Voided or PaymentState.Expired => PaymentStatus.Voided,
        _ => PaymentStatus.Pending,
    };

    public static void EnsureOpen(Order order)
    {
        if (order.Status == OrderStatus.Cancelled) throw OrderErrors.Throw(OrderErrors.Cancelled());
        if (order.Status == OrderStatus.Archived)
            throw OrderErrors.Throw(OrderErrors.InvalidTransition("order", order.Status, "changed"));
    }
}
