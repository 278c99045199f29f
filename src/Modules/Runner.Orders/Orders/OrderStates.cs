using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Kernel.Http;
using Runner.Orders.Contracts;

namespace Runner.Orders.Orders;

/// <summary>
/// <c>POST /admin/orders/{id}/archive</c> (an open or cancelled order is closed out) and
/// <c>POST /admin/orders/{id}/release</c> (an order held for fraud review may be captured and shipped).
/// </summary>
internal static class OrderStates
{
    public static void Map(IEndpointRouteBuilder orders)
    {
        orders.MapPost("/{id:guid}/archive", Archive).RequirePermission(Permissions.OrdersWrite).WithName("ArchiveOrder")
            .WithSummary("Archive an open or cancelled order").ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        orders.MapPost("/{id:guid}/release", Release).RequirePermission(Permissions.OrdersWrite).WithName("ReleaseOrder")
            .WithSummary("Release an order held for fraud review").ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Ok<OrderView>> Archive(Guid id, OrderWork work, OrderReader reader, CancellationToken ct)
    {
        var orderId = new OrderId(id);
        await work.RunAsync(async ct =>
        {
            var order = await work.LockAsync(orderId, ct);
            if (order.Status == OrderStatus.Archived) throw OrderErrors.Throw(OrderErrors.InvalidTransition("order", order.Status, OrderStatus.Archived));
            order.Status = OrderStatus.Archived;
            work.Log(orderId, "archived", "Archived.");
            await work.Db.SaveChangesAsync(ct);
            return true;
        }, ct);
        return TypedResults.Ok((await reader.GetAsync(orderId, ct))!);
    }

    internal static async Task<Ok<OrderView>> Release(Guid id, OrderWork work, OrderReader reader, CancellationToken ct)
    {
        var orderId = new OrderId(id);
        await work.RunAsync(async ct =>
        {
            var order = await work.LockAsync(orderId, ct);
            OrderWork.EnsureOpen(order);
            if (!order.HeldForReview)
                throw OrderErrors.Throw(Kernel.Results.Error.Conflict("orders.not_held", "The order is not held for review."));
            order.HeldForReview = false;
            work.Log(orderId, "released", "Released from fraud review.");
            await work.Db.SaveChangesAsync(ct);
            return true;
        }, ct);
        return TypedResults.Ok((await reader.GetAsync(orderId, ct))!);
    }
}
