using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Inventory.Contracts;
using Runner.Kernel;
using Runner.Kernel.Http;
using Runner.Kernel.Outbox;
using Runner.Kernel.Validation;
using Runner.Orders.Contracts;
using Runner.Orders.Orders;

namespace Runner.Orders.Fulfilments;

public sealed record FulfilLine(Guid LineId, long Quantity);

/// <summary>The body of <c>POST /admin/orders/{id}/fulfilments</c>; <see cref="LabelCost"/> is in the store currency.</summary>
public sealed record FulfilRequest(LocationId LocationId, IReadOnlyList<FulfilLine> Lines, string? Carrier = null,
    string? TrackingNumber = null, string? TrackingUrl = null, Money? LabelCost = null);

/// <summary>
/// <c>POST /admin/orders/{id}/fulfilments</c>: ships some or all units of some lines from a location, with the carrier,
/// tracking and label cost (a well-known carrier's tracking link is filled in when none is given, see
/// <see cref="CarrierTracking"/>); the customer gets the shipping confirmation (<c>order.fulfilled</c> → email).
/// <c>POST /admin/orders/{id}/fulfilments/{fulfilmentId}/delivered</c> marks a shipment delivered; the order is
/// delivered once everything was shipped and every shipment arrived.
/// </summary>
internal sealed class FulfilOrder(OrderWork work, OrderReader reader, IOutbox outbox)
{
    public static void Map(IEndpointRouteBuilder orders)
    {
        orders.MapPost("/{id:guid}/fulfilments", Endpoint).RequirePermission(Permissions.OrdersWrite).WithName("FulfilOrder")
            .WithSummary("Ship units of the order's lines from a location (partial fulfilments allowed)")
            .WithDescription("Body `{ locationId, lines: [{ lineId, quantity }], carrier?, trackingNumber?, trackingUrl?, labelCost? }`. "
                + "Without a `trackingUrl` (http or https), the tracking page of UPS, USPS, FedEx, DHL, Royal Mail, Canada Post or "
                + "Australia Post is filled in from `carrier` and `trackingNumber`.")
            .Produces<FulfilmentView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        orders.MapPost("/{id:guid}/fulfilments/{fulfilmentId:guid}/delivered", Delivered).RequirePermission(Permissions.OrdersWrite)
            .WithName("MarkFulfilmentDelivered").WithSummary("Mark a shipment delivered")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Created<FulfilmentView>> Endpoint(Guid id, FulfilRequest body, FulfilOrder handler, CancellationToken ct)
    {
        var view = await handler.RunAsync(new OrderId(id), body, ct);
        return TypedResults.Created($"/admin/orders/{id}", view);
    }

    public async Task<FulfilmentView> RunAsync(OrderId id, FulfilRequest r, CancellationToken ct)
    {
        var fulfilmentId = await work.RunAsync(async ct =>
        {
            var order = await work.LockAsync(id, ct);
            OrderWork.EnsureOpen(order);
            if (order.HeldForReview) throw OrderErrors.Throw(OrderErrors.Held());
            var v = new Validator();
            if (r.Lines.Count == 0) v.Add("lines", "orders.no_lines", "Name at least one line to ship.");
            for (var i = 0; i < r.Lines.Count; i++)
            {
                var x = r.Lines[i];
                var line = order.Lines.FirstOrDefault(l => l.Id == x.LineId);
                if (line is null) { v.Add($"lines/{i}/lineId", "orders.unknown_line", "No line of this order has this id."); continue; }
                var most = line.Quantity - line.Fulfilled - line.RefundedQuantity - r.Lines.Take(i).Where(p => p.LineId == x.LineId).Sum(p => p.Quantity);
                if (x.Quantity <= 0 || x.Quantity > most)
                    v.Add($"lines/{i}/quantity", "orders.quantity_exceeds", OrderErrors.QuantityLeft(most, "unit(s) of this line", "can be shipped"));
            }
            v.MaxLength("carrier", r.Carrier, 100);
            v.MaxLength("trackingNumber", r.TrackingNumber, 100);
            v.MaxLength("trackingUrl", r.TrackingUrl, 500);
            if (r.TrackingUrl is { } url && !CarrierTracking.IsWebAddress(url))
                v.Add("trackingUrl", "orders.invalid_url", "trackingUrl must be an absolute http or https URL.");
            if (r.LabelCost is { } cost && (cost.Currency != order.StoreCurrency || cost.Minor < 0))
                v.Add("labelCost", "orders.wrong_currency", $"labelCost is a non-negative amount in the store currency, {order.StoreCurrency}.");
            v.ThrowIfInvalid();
            var now = work.Now();
            foreach (var x in r.Lines) order.Lines.Single(l => l.Id == x.LineId).Fulfilled += x.Quantity;
            order.FulfilmentStatus = order.Lines.All(l => l.Fulfilled + l.RefundedQuantity >= l.Quantity)
                ? FulfilmentStatus.Fulfilled : FulfilmentStatus.PartiallyFulfilled;
            var trackingUrl = r.TrackingUrl ?? CarrierTracking.UrlFor(r.Carrier, r.TrackingNumber);
            var lines = r.Lines.GroupBy(x => x.LineId).Select(g => new FulfilmentLineView(g.Key, g.Sum(x => x.Quantity))).ToList();
            var fulfilment = new Fulfilment
            {
                Id = Guid.CreateVersion7(now), OrderId = id, LocationId = r.LocationId, Lines = OrderJson.Write(lines), Carrier = r.Carrier,
                TrackingNumber = r.TrackingNumber, TrackingUrl = trackingUrl, LabelCost = r.LabelCost?.Minor,
                LabelCurrency = r.LabelCost?.Currency, CreatedAt = now, Actor = work.Actor,
            };
            work.Db.Add(fulfilment);
            work.Log(id, "fulfilled", $"Shipped {lines.Sum(l => l.Quantity)} unit(s)" + (r.Carrier is { } c ? $" with {c}" : "")
                + (r.TrackingNumber is { } t ? $", tracking {t}" : "") + ".");
            outbox.Enqueue(OrderEvents.Fulfilled, new OrderFulfilledEvent(id, order.Name, fulfilment.Id, r.LocationId, lines, r.Carrier,
                r.TrackingNumber, trackingUrl, r.LabelCost, order.FulfilmentStatus, now));
            await work.Db.SaveChangesAsync(ct);
            return fulfilment.Id;
        }, ct);
        return (await reader.GetAsync(id, ct))!.Fulfilments.Single(f => f.Id == fulfilmentId);
    }

    internal static async Task<Ok<OrderView>> Delivered(Guid id, Guid fulfilmentId, OrderWork work, OrderReader reader, CancellationToken ct)
    {
        var orderId = new OrderId(id);
        await work.RunAsync(async ct =>
        {
            var order = await work.LockAsync(orderId, ct);
            var fulfilment = await work.Db.Set<Fulfilment>().FirstOrDefaultAsync(f => f.Id == fulfilmentId && f.OrderId == orderId, ct)
                ?? throw OrderErrors.Throw(Kernel.Results.Error.NotFound("orders.fulfilment_not_found", "The order has no fulfilment with this id."));
            if (fulfilment.DeliveredAt is not null)
                throw OrderErrors.Throw(Kernel.Results.Error.Conflict("orders.invalid_transition", "The shipment is already delivered."));
            fulfilment.DeliveredAt = work.Now();
            var pending = await work.Db.Set<Fulfilment>().AnyAsync(f => f.OrderId == orderId && f.DeliveredAt == null && f.Id != fulfilmentId, ct);
            if (!pending && order.FulfilmentStatus == FulfilmentStatus.Fulfilled) order.FulfilmentStatus = FulfilmentStatus.Delivered;
            work.Log(orderId, "delivered", "Shipment delivered.");
            await work.Db.SaveChangesAsync(ct);
            return true;
        }, ct);
        return TypedResults.Ok((await reader.GetAsync(orderId, ct))!);
    }
}
