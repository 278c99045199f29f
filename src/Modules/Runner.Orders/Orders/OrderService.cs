using Runner.Orders.Contracts;

namespace Runner.Orders.Orders;

internal sealed class OrderService(PlaceOrder place, OrderReader reader) : IOrders
{
    public Task<PlacedOrder> PlaceAsync(PlaceOrderRequest request, CancellationToken ct = default) => place.RunAsync(request, ct);

    public Task<OrderView?> GetAsync(OrderId id, CancellationToken ct = default) => reader.GetAsync(id, ct);
}
