using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Runner.Catalog.Contracts;
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

namespace Runner.Orders.Edits;

/// <summary>A line's new quantity (0 removes it).</summary>
public sealed record EditLineChange(Guid LineId, long Quantity);

/// <summary>A line to add, at <see cref="UnitPrice"/> in the order currency (no tax is added for it).</summary>
public sealed record EditLineAdd(VariantId VariantId, long Quantity, Money UnitPrice);

public sealed record EditDiscount(Money Amount, string Reason);

/// <summary>The body of <c>POST /admin/orders/{id}/edits</c>.</summary>
public sealed record EditOrderRequest(IReadOnlyList<EditLineChange>? Changes = null, IReadOnlyList<EditLineAdd>? Add = null,
    EditDiscount? Discount = null, string? Reason = null);

/// <summary>
/// <c>POST /admin/orders/{id}/edits</c>: changes quantities (units taken off go back to where they were sold from;
/// units added are reserved and sold at once), adds lines, or gives a manual discount with a reason. A line keeps its
/// unit price, discount and tax per unit. When the new total is below what was paid the difference is refunded; above
/// it, the rest is left as a balance due (shown on the order). Idempotency-Key required.
/// </summary>
internal sealed class EditOrder(OrderWork work, OrderReader reader, IPayments payments, IInventoryService inventory,
    IVariantDirectory variants, RefundOrder refunds, IOutbox outbox)
{
    public static void Map(IEndpointRouteBuilder orders) =>
        orders.MapPost("/{id:guid}/edits", Endpoint).RequirePermission(Permissions.OrdersWrite).WithName("EditOrder")
            .WithSummary("Edit an order: change quantities, add lines, give a manual discount (Idempotency-Key header required)")
            .Produces<OrderView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    internal static Task<IResult> Endpoint(Guid id, EditOrderRequest body, HttpContext http, IdempotencyStore idempotency,
        EditOrder handler, CancellationToken ct) =>
        idempotency.RunAsync(http, "orders", new { id, body }, async ct => new IdempotentResponse(200, await handler.RunAsync(new OrderId(id), body, ct)), ct);

    public async Task<OrderView> RunAsync(OrderId id, EditOrderRequest r, CancellationToken ct)
    {
        var adds = r.Add ?? [];
        var found = adds.Count == 0 ? new Dictionary<VariantId, VariantInfo>()
            : await variants.FindAsync([.. adds.Select(a => a.VariantId)], ct);
        var (editId, refundDue) = await work.RunAsync(async ct =>
        {
            var order = await work.LockAsync(id, ct);
            Validate(order, r, found);
            OrderWork.EnsureOpen(order);
            var before = order.Total;
            var delta = 0L;
            foreach (var change in (r.Changes ?? []).OrderBy(c => c.LineId))
                delta += await ChangeAsync(order, order.Lines.Single(l => l.Id == change.LineId), change.Quantity, ct);
            foreach (var add in adds.OrderBy(a => a.VariantId.Value)) delta += await AddAsync(order, add, found[add.VariantId], ct);
            var discount = r.Discount?.Amount.Minor ?? 0;
            order.DiscountTotal += discount;
            order.Total = Math.Max(0, order.Total + delta - discount);
            var paid = order.Captured - order.Refunded;
            var refund = Math.Max(0, paid - order.Total);
            var balance = OrderReader.BalanceDue(order);
            var edit = new OrderEdit
            {
                Id = Guid.CreateVersion7(), OrderId = id, TotalBefore = before, TotalAfter = order.Total, Refunded = refund,
                BalanceDue = balance, Reason = r.Reason ?? r.Discount?.Reason, CreatedAt = work.Now(), Actor = work.Actor,
                Changes = OrderJson.Write(r),
            };
            work.Db.Add(edit);
            work.Log(id, "edited", $"Edited{(edit.Reason is { } reason ? $" ({reason})" : "")}: total {Events.M(order, before)} → "
                + $"{Events.M(order, order.Total)}" + (discount > 0 ? $", manual discount {Events.M(order, discount)}" : "")
                + (balance > 0 ? $"; {Events.M(order, balance)} due." : "."));
            outbox.Enqueue(OrderEvents.Edited, new OrderEditedEvent(id, order.Name, edit.Id, Events.M(order, before), Events.M(order, order.Total),
                Events.M(order, refund), Events.M(order, balance), edit.Reason, edit.CreatedAt));
            await work.Db.SaveChangesAsync(ct);
            return (edit.Id, refund);
        }, ct);
        if (refundDue > 0) await RefundDifferenceAsync(id, editId, refundDue, ct);
        return (await reader.GetAsync(id, ct))!;
    }

    /// <summary>Gives back what was paid above the new total, after the edit committed (the gateway call stays outside it).</summary>
    private async Task RefundDifferenceAsync(OrderId id, Guid editId, long amount, CancellationToken ct)
    {
        var order = await work.ReadAsync(id, ct);
        var money = new Money(amount, order.Currency);
        var refunded = await payments.RefundAsync(order.PaymentId!.Value, money, "Order edited", ct);
        if (!refunded.IsSuccess) throw OrderErrors.Throw(refunded.Error);
        await work.RunAsync(async ct =>
        {
            var locked = await work.LockAsync(id, ct);
            OrderWork.Apply(locked, refunded.Value);
            await refunds.RecordAsync(locked, money, "Order edited", [], ct);
            work.Log(id, "refund", $"Refunded {money}: the edited total is below what was paid.");
            await work.Db.SaveChangesAsync(ct);
            return editId;
        }, ct);
    }

    /// <summary>Sets a line's quantity; returns how much the order total moves (line total, and tax when prices exclude it).</summary>
    private async Task<long> ChangeAsync(Order order, OrderLine line, long quantity, CancellationToken ct)
    {
        var was = line.Quantity;
        if (quantity == was) return 0;
        var (total, tax, discount) = (Per(line.Total, quantity, was), Per(line.Tax, quantity, was), Per(line.Discount, quantity, was));
        var delta = total - line.Total + (order.PricesIncludeTax ? 0 : tax - line.Tax);
        order.Subtotal += line.UnitPrice * (quantity - was);
        order.TaxTotal += tax - line.Tax;
        if (quantity < was) await PutBackAsync(order, line, was - quantity, ct);
        else await SellAsync(order, line, quantity - was, ct);
        line.Total = total;
        line.Tax = tax;
        line.Discount = discount;
        line.Quantity = quantity;
        return delta;
    }

    private async Task<long> AddAsync(Order order, EditLineAdd add, VariantInfo info, CancellationToken ct)
    {
        var line = new OrderLine
        {
            Id = Guid.CreateVersion7(), OrderId = order.Id, Position = order.Lines.Count == 0 ? 0 : order.Lines.Max(l => l.Position) + 1,
            VariantId = add.VariantId, ProductId = info.ProductId, Sku = info.Sku, ProductTitle = info.ProductTitle,
            VariantTitle = info.VariantTitle, Quantity = add.Quantity, OriginalQuantity = 0, Currency = order.Currency,
            UnitPrice = add.UnitPrice.Minor, TaxLines = "[]", Total = add.UnitPrice.Minor * add.Quantity, RequiresShipping = true,
            Allocations = "[]",
        };
        await SellAsync(order, line, add.Quantity, ct);
        order.Lines.Add(line);
        work.Db.Add(line);
        order.Subtotal += line.Total;
        if (order.FulfilmentStatus is FulfilmentStatus.Fulfilled or FulfilmentStatus.Delivered) order.FulfilmentStatus = FulfilmentStatus.PartiallyFulfilled;
        return line.Total;
    }

    private async Task SellAsync(Order order, OrderLine line, long units, CancellationToken ct)
    {
        var reservation = await inventory.ReserveAsync(new ReserveRequest(line.VariantId!.Value, units, ChannelId: order.ChannelId,
            Reference: "order:" + order.Id), ct);
        var sold = await inventory.ConsumeAsync(reservation.Id, ct);
        var allocations = OrderJson.Read<List<LineAllocation>>(line.Allocations);
        foreach (var a in sold.Allocations)
        {
            var i = allocations.FindIndex(x => x.LocationId == a.LocationId);
            if (i < 0) allocations.Add(new LineAllocation(a.LocationId, a.Quantity));
            else allocations[i] = allocations[i] with { Quantity = allocations[i].Quantity + a.Quantity };
        }
        line.Allocations = OrderJson.Write(allocations);
    }

    private async Task PutBackAsync(Order order, OrderLine line, long units, CancellationToken ct)
    {
        var allocations = OrderJson.Read<List<LineAllocation>>(line.Allocations);
        for (var i = allocations.Count - 1; i >= 0 && units > 0; i--)
        {
            var take = Math.Min(units, allocations[i].Quantity);
            if (take <= 0) continue;
            await inventory.AdjustAsync(new AdjustmentRequest(line.VariantId!.Value, allocations[i].LocationId, AdjustmentReason.Returned,
                take, Note: $"Order {order.Name} edited"), ct);
            allocations[i] = allocations[i] with { Quantity = allocations[i].Quantity - take };
            units -= take;
        }
        line.Allocations = OrderJson.Write(allocations.Where(a => a.Quantity > 0).ToList());
    }

    private static long Per(long amount, long quantity, long was) =>
        was == 0 ? 0 : Rounding.ToMinor((decimal)amount * quantity / was);

    private static void Validate(Order order, EditOrderRequest r, IReadOnlyDictionary<VariantId, VariantInfo> found)
    {
        var v = new Validator();
        var changes = r.Changes ?? [];
        var adds = r.Add ?? [];
        if (changes.Count == 0 && adds.Count == 0 && r.Discount is null)
            v.Add("changes", "orders.empty_edit", "An edit changes a quantity, adds a line or gives a discount.");
        for (var i = 0; i < changes.Count; i++)
        {
            var line = order.Lines.FirstOrDefault(l => l.Id == changes[i].LineId);
            if (line?.VariantId is null) { v.Add($"changes/{i}/lineId", "orders.unknown_line", "No line of this order has this id."); continue; }
            var least = line.Fulfilled + line.RefundedQuantity + line.Returned;
            if (changes[i].Quantity < least || changes[i].Quantity > 1_000_000)
                v.Add($"changes/{i}/quantity", "orders.quantity_exceeds", $"The quantity can go no lower than {least} (units shipped or refunded).");
        }
        if (changes.Select(c => c.LineId).Distinct().Count() != changes.Count)
            v.Add("changes", "orders.duplicate_line", "Name each line once.");
        for (var i = 0; i < adds.Count; i++)
        {
            if (!found.ContainsKey(adds[i].VariantId)) v.Add($"add/{i}/variantId", "orders.unknown_variant", "No variant has this id.");
            v.Positive($"add/{i}/quantity", adds[i].Quantity, 1_000_000);
            if (adds[i].UnitPrice.Currency != order.Currency || adds[i].UnitPrice.Minor < 0)
                v.Add($"add/{i}/unitPrice", "orders.wrong_currency", $"unitPrice is a non-negative amount in {order.Currency}.");
        }
        if (r.Discount is { } d)
        {
            if (d.Amount.Currency != order.Currency || d.Amount.Minor <= 0 || d.Amount.Minor > order.Total)
                v.Add("discount/amount", "orders.invalid_discount", $"The discount is an amount in {order.Currency} above zero, at most the total.");
            if (string.IsNullOrWhiteSpace(d.Reason)) v.Add("discount/reason", "orders.discount_reason_required", "A manual discount needs a reason.");
            v.MaxLength("discount/reason", d.Reason, RefundOrder.MaxReason);
        }
        v.MaxLength("reason", r.Reason, RefundOrder.MaxReason);
        v.ThrowIfInvalid();
    }
}
