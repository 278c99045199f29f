using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Outbox;
using Runner.Payments.Contracts;
using Runner.Payments.Gateways;

namespace Runner.Payments.Payments;

/// <summary>
/// A unit of payment work with a database context of its own: its short commits never join (or wait on) a caller's
/// transaction, and the gateway is called between them with nothing open.
/// </summary>
internal sealed class PaymentScope(AsyncServiceScope scope, ILogger logger) : IAsyncDisposable
{
    public RunnerDbContext Db { get; } = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
    public IOutbox Outbox => scope.ServiceProvider.GetRequiredService<IOutbox>();
    public IServiceProvider Services => scope.ServiceProvider;

    public static PaymentScope Create(IServiceScopeFactory scopes, ILogger logger) => new(scopes.CreateAsyncScope(), logger);

    public Task<Payment?> FindAsync(PaymentId id, CancellationToken ct) =>
        Db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>The gateway that made the payment; the manual method's stand-in for manual payments.</summary>
    public IPaymentGateway? GatewayOf(Payment payment) => payment.Method == PaymentMethod.Manual
        ? ManualGateway.Instance
        : Services.GetServices<IPaymentGateway>().FirstOrDefault(g => g.Name == payment.Gateway);

    /// <summary>Calls the gateway; an exception becomes a failed result (logged), so the books are always settled.</summary>
    public async Task<GatewayResult> CallAsync(IPaymentGateway gateway, Payment payment, string action, Money amount,
        Func<IPaymentGateway, Task<GatewayResult>> call)
    {
        try
        {
            return await call(gateway);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Gateway {Gateway} failed to {Action} payment {PaymentId}.", gateway.Name, action, payment.Id);
            return new GatewayResult(GatewayStatus.Failed, null, Money.Zero(amount.Currency), "payment.gateway_error",
                "The payment gateway could not be reached.");
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction, then saves and commits (never cancelled half-way).</summary>
    public async Task InTransactionAsync(Func<Task> work)
    {
        await using var transaction = await Db.Database.BeginTransactionAsync(CancellationToken.None);
        await work();
        await Db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
