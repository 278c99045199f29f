using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;

namespace Runner.Analytics.Ledger;

/// <summary>
/// The ledger's reads that every placed order and every payment fee runs in the outbox's handlers, compiled
/// (<see cref="CompiledQuery{TQuery}"/>). The order and payment rows are tracked: the handlers change them.
/// </summary>
internal static class LedgerQueries
{
    private static readonly CompiledQuery<Func<RunnerDbContext, Guid, CancellationToken, Task<bool>>> Booked = new(() =>
        EF.CompileAsyncQuery((RunnerDbContext db, Guid id, CancellationToken ct) => db.Set<LedgerOrder>().Any(o => o.OrderId == id)));

    private static readonly CompiledQuery<Func<RunnerDbContext, Guid, CancellationToken, Task<LedgerOrder?>>> Order = new(() =>
        EF.CompileAsyncQuery((RunnerDbContext db, Guid id, CancellationToken ct) => db.Set<LedgerOrder>().FirstOrDefault(o => o.OrderId == id)));

    private static readonly CompiledQuery<Func<RunnerDbContext, Guid, CancellationToken, Task<LedgerPayment?>>> Payment = new(() =>
        EF.CompileAsyncQuery((RunnerDbContext db, Guid id, CancellationToken ct) => db.Set<LedgerPayment>().FirstOrDefault(p => p.PaymentId == id)));

    private static readonly CompiledQuery<Func<RunnerDbContext, string, CancellationToken, Task<string>>> Cohort = new(() =>
        EF.CompileAsyncQuery((RunnerDbContext db, string key, CancellationToken ct) =>
            db.Set<LedgerCustomer>().AsNoTracking().Where(c => c.Key == key).Select(c => c.Cohort).Single()));

    public static Task<bool> IsBookedAsync(RunnerDbContext db, Guid orderId, CancellationToken ct) => Booked.For(db)(db, orderId, ct);

    /// <summary>The order's row, tracked; null when the ledger has not booked it.</summary>
    public static Task<LedgerOrder?> OrderAsync(RunnerDbContext db, Guid orderId, CancellationToken ct) => Order.For(db)(db, orderId, ct);

    /// <summary>The payment's row, tracked; null when no fee or order has named it yet.</summary>
    public static Task<LedgerPayment?> PaymentAsync(RunnerDbContext db, Guid paymentId, CancellationToken ct) => Payment.For(db)(db, paymentId, ct);

    public static Task<string> CohortAsync(RunnerDbContext db, string customerKey, CancellationToken ct) => Cohort.For(db)(db, customerKey, ct);
}
