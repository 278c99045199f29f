using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Runner.Checkout.Carts;
using Runner.Checkout.Completion;
using Runner.Kernel;

namespace Runner.Checkout;

/// <summary>Carts, shipping and tax on the cart, and checkout (placing the order).</summary>
public static class CheckoutModule
{
    public static IServiceCollection AddCheckout(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModel<CheckoutModel>();
        services.AddScoped<CartTotals>();
        services.AddScoped<CartPricing>();
        services.AddScoped<CartStore>();
        services.AddScoped<CheckoutSteps>();
        services.AddScoped<CheckoutRun>();
        services.AddSingleton<CheckoutGate>();
        return services;
    }

    public static IEndpointRouteBuilder MapCheckout(this IEndpointRouteBuilder endpoints)
    {
        var carts = endpoints.MapGroup("/store/carts").WithTags("Checkout");
        CreateCart.Map(carts);
        GetCart.Map(carts);
        CartLines.Map(carts);
        UpdateCart.Map(carts);
        CartShipping.Map(carts);
        CompleteCart.Map(carts);
        CustomerCart.Map(endpoints);

        var admin = endpoints.MapGroup("/admin/carts").WithTags("Checkout");
        ListAbandonedCarts.Map(admin);
        return endpoints;
    }
}
