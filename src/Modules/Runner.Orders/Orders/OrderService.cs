using Runner.Orders.Contracts;
using Runner.Payments.Contracts;

namespace Runner.Orders.Orders;

internal sealed class OrderService(PlaceOrder place, OrderReader reader, Storefront.OrderLinks links) : IOrders
{
    public async Task<PlacedOrder> PlaceAsync(PlaceOrderRequest request, CancellationToken ct = default) =>
        await place.RunAsync(await place.PrepareAsync(request, null, ct), ct);

    public Task<PreparedOrder> PrepareAsync(PlaceOrderRequest request, PaymentView? payment, CancellationToken ct = default) =>
        place.PrepareAsync(request, payment, ct);

    public Task<PlacedOrder> PlaceAsync(PreparedOrder order, CancellationToken ct = default) => place.RunAsync(order, ct);

    public Task<OrderView?> GetAsync(OrderId id, CancellationToken ct = default) => reader.GetAsync(id, ct);

    public Task<string> StatusTokenAsync(OrderId id, CancellationToken ct = default) => links.TokenAsync(id, ct);
}
