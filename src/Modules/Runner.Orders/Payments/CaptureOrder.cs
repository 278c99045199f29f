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
/// <c>POST /admin/orders/{id}/capture</c>: takes the money of the order's card authorizations, oldest payment first,
/// all or part (never above what they still hold), and records it on the order with one <c>order.paid</c> per payment
/// that moved. Takes an Idempotency-Key.
/// </summary>
internal sealed class CaptureOrder(OrderWork work, OrderReader reader, OrderMoney money, IOutbox outbox)
{
    public static void Map(IEndpointRouteBuilder orders) =>
        orders.MapPost("/{id:guid}/capture", Endpoint).RequirePermission(Permissions.OrdersWrite).WithName("CaptureOrderPayment")
            .WithSummary("Capture the order's authorized payments, in full or in part, oldest first (Idempotency-Key header required)")
            .Produces<OrderView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    internal static Task<IResult> Endpoint(Guid id, CaptureRequest? body, HttpContext http, IdempotencyStore idempotency,
        CaptureOrder handler, CancellationToken ct) =>
        idempotency.RunAsync(http, "orders", new { id, body }, async ct => new IdempotentResponse(200, await handler.RunAsync(new OrderId(id), body?.Amount, ct)), ct);

    /// <summary>Captures under the order's money lease (one money action per order at a time).</summary>
    public Task<OrderView> RunAsync(OrderId id, Money? amount, CancellationToken ct) =>
        work.MovingMoneyAsync(id, () => CaptureAsync(id, amount, ct), ct);

    private async Task<OrderView> CaptureAsync(OrderId id, Money? amount, CancellationToken ct)
    {
        var order = await work.ReadAsync(id, ct);
        OrderWork.EnsureOpen(order);
        if (order.HeldForReview) throw OrderErrors.Throw(OrderErrors.Held());
        if (order.Payments.Count == 0) throw OrderErrors.Throw(OrderErrors.NoPayment());
        if (amount is { } a && a.Currency != order.Currency) throw OrderErrors.Throw(OrderErrors.WrongCurrency("amount", order.Currency));
        if (amount is { Minor: <= 0 })
            throw OrderErrors.Throw(Kernel.Results.Error.Invalid("amount", "orders.invalid_amount", "amount must be positive."));
        var uncaptured = OrderMoney.Uncaptured(order);
        if (uncaptured == 0) throw OrderErrors.Throw(OrderErrors.NothingToCapture());
        if (amount?.Minor > uncaptured) throw OrderErrors.Throw(OrderErrors.CaptureTooLarge(uncaptured, order.Currency));
        var moved = await money.CaptureAsync(order, amount?.Minor, ct);
        if (moved.Payments.Count > 0) await RecordAsync(id, moved, ct);
        if (moved.Failure is { } failure) throw OrderErrors.Throw(failure);
        return (await reader.GetAsync(id, ct))!;
    }

    /// <summary>Records captures already made on the order's payments, with <c>order.paid</c> for each, in one commit.</summary>
    public Task RecordAsync(OrderId id, OrderMoney.Moved moved, CancellationToken ct) => work.RunAsync(async ct =>
    {
        var locked = await work.LockAsync(id, ct);
        foreach (var (payment, part) in moved.Payments.Zip(moved.Parts))
        {
            work.Apply(locked, payment);
            var fee = payment.Transactions.LastOrDefault(t => t is { Kind: "capture", Status: "succeeded" })?.Fee ?? Money.Zero(locked.Currency);
            work.Log(id, "captured", $"Captured {part.Amount}; {payment.Captured} of {payment.Authorized} authorized is captured"
                + (locked.Payments.Count > 1 ? $" on payment {payment.Id}." : "."));
            outbox.Enqueue(OrderEvents.Paid, new OrderPaidEvent(id, locked.Name, payment.Id, part.Amount, fee, payment.Captured,
                locked.StoreCurrency, locked.ExchangeRate, work.Now()));
        }
        await work.Db.SaveChangesAsync(ct);
        return true;
    }, ct);
}
