using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Runner.Kernel;
using Runner.Kernel.Caching;
using Runner.Kernel.Data;
using Runner.Shipping.Contracts;
using Runner.Shipping.Zones;

namespace Runner.Shipping;

/// <summary>Shipping zones and their rates; quotes for checkout.</summary>
public static class ShippingModule
{
    public static IServiceCollection AddShipping(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModel<ShippingModel>();
        services.TryAddScoped<IShippingRates, ShippingRates>();
        services.AddScoped<IShippingZones, ShippingZones>();
        services.AddSnapshotCache<ShippingZone[]>(typeof(ShippingZone), typeof(ShippingRate));
        return services;
    }

    public static IEndpointRouteBuilder MapShipping(this IEndpointRouteBuilder endpoints)
    {
        ShippingZoneEndpoints.Map(endpoints);
        return endpoints;
    }
}
