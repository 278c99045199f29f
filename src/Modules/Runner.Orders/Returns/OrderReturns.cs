using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Inventory.Contracts;
using Runner.Kernel;
using Runner.Kernel.Http;
using Runner.Kernel.Idempotency;
using Runner.Kernel.Outbox;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;
using Runner.Orders.Contracts;
using Runner.Orders.Orders;
using Runner.Orders.Payments;
using Runner.Payments.Contracts;

namespace Runner.Orders.Returns;

public sealed record ReturnLineRequest(Guid LineId, long Quantity);
public sealed record RequestReturnRequest(IReadOnlyList<ReturnLineRequest> Lines, string? Reason = null);

/// <summary>
/// The body of <c>POST .../returns/{returnId}/restock</c>: where the units go back, and the refund (left out: the
/// lines' share of what was paid for them, at most what is refundable).
/// </summary>
public sealed record RestockReturnRequest(LocationId LocationId, Money? Refund = null);

/// <summary>
/// Returns: <c>POST /admin/orders/{id}/returns</c> (requested), <c>.../returns/{returnId}/receive</c> (the goods are
/// back), <c>.../returns/{returnId}/restock</c> (on the shelves again and refunded; Idempotency-Key required) with
/// <c>order.returned</c>. Only shipped units can be returned, each once.
/// </summary>
internal sealed class OrderReturns(OrderWork work, OrderReader reader, OrderMoney money, IInventoryService inventory,
    RefundOrder refunds, IOutbox outbox)
{
    internal OrderWork Work => work;
    internal OrderReader Reader => reader;

    public static void Map(IEndpointRouteBuilder orders)
    {
        orders.MapPost("/{id:guid}/returns", Request).RequirePermission(Permissions.ReturnsWrite).WithName("RequestReturn")
            .WithSummary("Open a return of shipped units").Produces<ReturnView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        orders.MapPost("/{id:guid}/returns/{returnId:guid}/receive", Receive).RequirePermission(Permissions.ReturnsWrite)
            .WithName("ReceiveReturn").WithSummary("Record that a return's goods arrived").ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        orders.MapPost("/{id:guid}/returns/{returnId:guid}/restock", Restock).RequirePermission(Permissions.RefundsWrite)
            .WithName("RestockReturn").WithSummary("Restock a received return at a location and refund it (Idempotency-Key header required)")
            .Produces<ReturnView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    internal static async Task<Created<ReturnView>> Request(Guid id, RequestReturnRequest body, OrderReturns handler, CancellationToken ct)
    {
        var orderId = new OrderId(id);
        var returnId = await handler.Work.RunAsync(async ct =>
        {
            var order = await handler.Work.LockAsync(orderId, ct);
            OrderWork.EnsureOpen(order);
            var pending = await handler.Work.AwaitedReturnsAsync(orderId, ct);
            var v = new Validator();
            if (body.Lines.Count == 0) v.Add("lines", "orders.no_lines", "Name at least one line to return.");
            for (var i = 0; i < body.Lines.Count; i++)
            {
                var x = body.Lines[i];
                var line = order.Lines.FirstOrDefault(l => l.Id == x.LineId);
                if (line is null) { v.Add($"lines/{i}/lineId", "orders.unknown_line", "No line of this order has this id."); continue; }
                // Shipped and not returned yet, and not given back already (a refund that restocked them): a unit comes back once.
                var most = Math.Min(line.Fulfilled - line.Returned, line.NotGivenBack) - pending[x.LineId].Sum()
                    - body.Lines.Take(i).Where(p => p.LineId == x.LineId).Sum(p => p.Quantity);
                if (x.Quantity <= 0 || x.Quantity > most)
                    v.Add($"lines/{i}/quantity", "orders.quantity_exceeds", OrderErrors.QuantityLeft(most, "shipped unit(s) of this line", "can be returned"));
            }
            v.MaxLength("reason", body.Reason, RefundOrder.MaxReason);
            v.ThrowIfInvalid();
            var now = handler.Work.Now();
            var lines = body.Lines.GroupBy(x => x.LineId).Select(g => new ReturnLineView(g.Key, g.Sum(x => x.Quantity))).ToList();
            var row = new OrderReturn
            {
                Id = Guid.CreateVersion7(now), OrderId = orderId, Status = ReturnStatus.Requested, Lines = OrderJson.Write(lines),
                Reason = body.Reason, CreatedAt = now,
            };
            handler.Work.Db.Add(row);
            handler.Work.Log(orderId, "return_requested", $"Return of {lines.Sum(l => l.Quantity)} unit(s) requested"
                + (body.Reason is { } reason ? $" ({reason})." : "."));
            await handler.Work.Db.SaveChangesAsync(ct);
            return row.Id;
        }, ct);
        var view = (await handler.Reader.GetAsync(orderId, ct))!.Returns.Single(r => r.Id == returnId);
        return TypedResults.Created($"/admin/orders/{id}", view);
    }

    internal static async Task<Ok<ReturnView>> Receive(Guid id, Guid returnId, OrderReturns handler, CancellationToken ct)
    {
        var orderId = new OrderId(id);
        await handler.Work.RunAsync(async ct =>
        {
            await handler.Work.LockAsync(orderId, ct);
            var row = await handler.FindAsync(orderId, returnId, ct);
            if (row.Status != ReturnStatus.Requested) throw OrderErrors.Throw(OrderErrors.ReturnState(row.Status, "received"));
            row.Status = ReturnStatus.Received;
            row.ReceivedAt = handler.Work.Now();
            handler.Work.Log(orderId, "return_received", "Returned goods received.");
            await handler.Work.Db.SaveChangesAsync(ct);
            return true;
        }, ct);
        return TypedResults.Ok((await handler.Reader.GetAsync(orderId, ct))!.Returns.Single(r => r.Id == returnId));
    }

    internal static Task<IResult> Restock(Guid id, Guid returnId, RestockReturnRequest body, HttpContext http, IdempotencyStore idempotency,
        OrderReturns handler, CancellationToken ct) =>
        idempotency.RunAsync(http, "orders", new { id, returnId, body }, async ct =>
            new IdempotentResponse(200, await handler.RestockAsync(new OrderId(id), returnId, body, ct)), ct);

    /// <summary>
    /// Restocks a received return and refunds it, under the order's money lease: two restocks of one return at once
    /// refund it once (the second finds it restocked and answers 409).
    /// </summary>
    public Task<ReturnView> RestockAsync(OrderId id, Guid returnId, RestockReturnRequest r, CancellationToken ct) =>
        work.MovingMoneyAsync(id, () => RestockAndRefundAsync(id, returnId, r, ct), ct);

    private async Task<ReturnView> RestockAndRefundAsync(OrderId id, Guid returnId, RestockReturnRequest r, CancellationToken ct)
    {
        var order = await work.ReadAsync(id, ct);
        var row = await work.Db.Set<OrderReturn>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == returnId && x.OrderId == id, ct)
            ?? throw OrderErrors.Throw(Error.NotFound("orders.return_not_found", "The order has no return with this id."));
        if (row.Status != ReturnStatus.Received) throw OrderErrors.Throw(OrderErrors.ReturnState(row.Status, "restocked"));
        var lines = OrderJson.Read<List<ReturnLineView>>(row.Lines);
        var refundable = order.Captured - order.Refunded;
        var value = lines.Sum(x => order.Lines.Single(l => l.Id == x.LineId) is var l && l.Quantity > 0 ? l.Total * x.Quantity / l.Quantity : 0);
        var amount = r.Refund ?? new Money(Math.Min(value, Math.Max(refundable, 0)), order.Currency);
        if (amount.Currency != order.Currency) throw OrderErrors.Throw(OrderErrors.WrongCurrency("refund", order.Currency));
        if (amount.Minor < 0) throw OrderErrors.Throw(Error.Invalid("refund", "orders.invalid_amount", "refund cannot be negative."));
        if (amount.Minor > refundable) throw OrderErrors.Throw(OrderErrors.RefundTooLarge(refundable, order.Currency));
        OrderMoney.Moved? moved = null;
        if (amount.Minor > 0)
        {
            moved = await money.RefundAsync(order, amount, null, "Return", ct);
            if (moved.Failure is { } refused)
            {
                if (moved.Payments.Count > 0)
                    await refunds.RecordMovedAsync(id, moved, "Return", $"Refunded {new Money(moved.Total, order.Currency)} of a return's {amount}: {refused.Message}", ct);
                throw OrderErrors.Throw(refused);
            }
        }
        await work.RunAsync(async ct =>
        {
            var locked = await work.LockAsync(id, ct);
            var again = await FindAsync(id, returnId, ct);
            if (again.Status != ReturnStatus.Received) throw OrderErrors.Throw(OrderErrors.ReturnState(again.Status, "restocked"));
            foreach (var payment in moved?.Payments ?? []) work.Apply(locked, payment);
            foreach (var x in lines)
            {
                var line = locked.Lines.Single(l => l.Id == x.LineId);
                if (line.VariantId is { } variant)
                    await inventory.AdjustAsync(new AdjustmentRequest(variant, r.LocationId, AdjustmentReason.Returned, x.Quantity,
                        Note: $"Return on order {locked.Name}"), ct);
                line.Returned += x.Quantity;
                line.Restocked += x.Quantity;
            }
            var refund = await refunds.RecordAsync(locked, amount, "Return", [], moved?.Parts ?? [], ct, returned: lines);
            again.Status = ReturnStatus.Restocked;
            again.RestockedAt = work.Now();
            again.RefundId = refund.Id;
            work.Log(id, "returned", $"Return restocked ({lines.Sum(l => l.Quantity)} unit(s)) and {amount} refunded.");
            outbox.Enqueue(OrderEvents.Returned, new OrderReturnedEvent(id, locked.Name, returnId,
                [.. lines], amount, work.Now()));
            await work.Db.SaveChangesAsync(ct);
            return true;
        }, ct);
        return (await reader.GetAsync(id, ct))!.Returns.Single(x => x.Id == returnId);
    }

    private async Task<OrderReturn> FindAsync(OrderId id, Guid returnId, CancellationToken ct) =>
        await work.Db.Set<OrderReturn>().FirstOrDefaultAsync(r => r.Id == returnId && r.OrderId == id, ct)
        ?? throw OrderErrors.Throw(Error.NotFound("orders.return_not_found", "The order has no return with this id."));
}
