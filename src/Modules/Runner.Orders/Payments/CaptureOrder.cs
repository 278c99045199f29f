using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Runner.Kernel;
using Runner.Kernel.Http;
using Runner.Kernel.Idempotency;
using Runner.Kernel.Outbox;
using Runner.Orders.Contracts;
using Runner.Orders.Orders;
using Runner.Payments.Contracts;

namespace Runner.Orders.Payments;

/// <summary>The body of <c>POST /admin/orders/{id}/capture</c>: <see cref="Amount"/> left out captures all that remains authorized.</summary>
public sealed record CaptureRequest(Money? Amount = null);

/// <summary>
/// <c>POST /admin/orders/{id}/capture</c>: takes the money of an authorization, all or part (never above what is
/// authorized: the payment refuses it), and records it on the order with <c>order.paid</c>. Takes an Idempotency-Key.
/// </summary>
internal sealed class CaptureOrder(OrderWork work, OrderReader reader, IPayments payments, IOutbox outbox)
{
    public static void Map(IEndpointRouteBuilder orders) =>
        orders.MapPost("/{id:guid}/capture", Endpoint).RequirePermission(Permissions.OrdersWrite).WithName("CaptureOrderPayment")
            .WithSummary("Capture the order's authorized payment, in full or in part (Idempotency-Key header required)")
            .Produces<OrderView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    internal static Task<IResult> Endpoint(Guid id, CaptureRequest? body, HttpContext http, IdempotencyStore idempotency,
        CaptureOrder handler, CancellationToken ct) =>
        idempotency.RunAsync(http, "orders", new { id, body }, async ct => new IdempotentResponse(200, await handler.RunAsync(new OrderId(id), body?.Amount, ct)), ct);

    public async Task<OrderView> RunAsync(OrderId id, Money? amount, CancellationToken ct)
    {
        var order = await work.ReadAsync(id, ct);
        OrderWork.EnsureOpen(order);
        if (order.HeldForReview) throw OrderErrors.Throw(OrderErrors.Held());
        if (order.PaymentId is not { } paymentId) throw OrderErrors.Throw(OrderErrors.NoPayment());
        if (amount is { } a && a.Currency != order.Currency) throw OrderErrors.Throw(OrderErrors.WrongCurrency("amount", order.Currency));
        if (amount is { Minor: <= 0 })
            throw OrderErrors.Throw(Kernel.Results.Error.Invalid("amount", "orders.invalid_amount", "amount must be positive."));
        var captured = await payments.CaptureAsync(paymentId, amount, ct);
        if (!captured.IsSuccess) throw OrderErrors.Throw(captured.Error);
        var payment = captured.Value;
        await work.RunAsync(async ct =>
        {
            var locked = await work.LockAsync(id, ct);
            var before = locked.Captured;
            OrderWork.Apply(locked, payment);
            var taken = new Money(locked.Captured - before, locked.Currency);
            var fee = payment.Transactions.LastOrDefault(t => t is { Kind: "capture", Status: "succeeded" })?.Fee ?? Money.Zero(locked.Currency);
            work.Log(id, "captured", $"Captured {taken}; {payment.Captured} of {payment.Authorized} authorized is captured.");
            outbox.Enqueue(OrderEvents.Paid, new OrderPaidEvent(id, locked.Name, paymentId, taken, fee, payment.Captured,
                locked.StoreCurrency, locked.ExchangeRate, work.Now()));
            await work.Db.SaveChangesAsync(ct);
            return true;
        }, ct);
        return (await reader.GetAsync(id, ct))!;
    }
}
