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
        var order = await db.Set<Order>().Include(o => o.Lines).FirstAsync(o => o.Id == id, ct);
        order.UpdatedAt = now;
        return order;
    }

    /// <summary>Reads the order without locking it (the checks before a payment call); throws 404 when there is none.</summary>
    public async Task<Order> ReadAsync(OrderId id, CancellationToken ct) =>
        await db.Set<Order>().AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == id, ct)
        ?? throw OrderErrors.Throw(OrderErrors.NotFound());

    public void Log(OrderId id, string kind, string message) => db.Add(new TimelineEntry
    {
        Id = Guid.CreateVersion7(), OrderId = id, Kind = kind, Message = message, Actor = Actor, At = Now(),
    });

    /// <summary>Copies the payment's amounts and state onto the order.</summary>
    public static void Apply(Order order, PaymentView payment)
    {
        order.Authorized = payment.Authorized.Minor;
        order.Captured = payment.Captured.Minor;
        order.Refunded = payment.Refunded.Minor;
        order.PaymentStatus = StatusOf(payment.State);
    }

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
