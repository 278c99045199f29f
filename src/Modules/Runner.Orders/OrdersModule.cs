using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Runner.Customers.Contracts;
using Runner.Kernel;
using Runner.Orders.Contracts;
using Runner.Orders.Edits;
using Runner.Orders.Emails;
using Runner.Orders.Fulfilments;
using Runner.Orders.Orders;
using Runner.Orders.Payments;
using Runner.Orders.Returns;
using Runner.Orders.Storefront;
using Runner.Payments.Contracts;

namespace Runner.Orders;

/// <summary>The order lifecycle: placement, payment moves, fulfilment, returns, edits, the timeline and the emails.</summary>
public static class OrdersModule
{
    public static IServiceCollection AddOrders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModel<OrdersModel>();
        services.Configure<OrderOptions>(configuration.GetSection("Runner:Orders"));
        services.AddScoped<OrderWork>();
        services.AddScoped<OrderReader>();
        services.AddScoped<OrderNumbers>();
        services.AddScoped<OrderLinks>();
        services.AddScoped<PlaceOrder>();
        services.AddScoped<CaptureOrder>();
        services.AddScoped<RefundOrder>();
        services.AddScoped<CancelOrder>();
        services.AddScoped<FulfilOrder>();
        services.AddScoped<OrderReturns>();
        services.AddScoped<EditOrder>();
        services.AddScoped<EditLines>();
        services.AddScoped<OrderMoney>();
        services.AddScoped<BalanceCharge>();
        services.AddScoped<CollectPayment>();
        services.AddScoped<IOrders, OrderService>();
        services.Replace(ServiceDescriptor.Scoped<ICustomerOrderHistory, CustomerHistory>());
        services.AddOutboxHandler<OrderConfirmationEmail>(OrderEvents.Placed);
        services.AddOutboxHandler<ShippingConfirmationEmail>(OrderEvents.Fulfilled);
        services.AddOutboxHandler<FollowPayment>(PaymentEvents.Captured);
        services.AddOutboxHandler<FollowPayment>(PaymentEvents.Refunded);
        services.AddOutboxHandler<FollowPayment>(PaymentEvents.Voided);
        return services;
    }

    public static IEndpointRouteBuilder MapOrders(this IEndpointRouteBuilder endpoints)
    {
        var orders = endpoints.MapGroup("/admin/orders").WithTags("Orders");
        OrderQueries.Map(orders);
        CaptureOrder.Map(orders);
        CollectPayment.Map(orders);
        RefundOrder.Map(orders);
        CancelOrder.Map(orders);
        FulfilOrder.Map(orders);
        OrderReturns.Map(orders);
        EditOrder.Map(orders);
        OrderStates.Map(orders);
        StoreOrderEndpoint.Map(endpoints);
        return endpoints;
    }
}
