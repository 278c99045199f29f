using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Runner.Kernel;
using Runner.Kernel.Caching;
using Runner.Kernel.Data;
using Runner.Pricing.Contracts;
using Runner.Pricing.Currencies;
using Runner.Pricing.Taxes;

namespace Runner.Pricing;

/// <summary>Taxes (zones, rates per category, the calculator) and the store's exchange rates.</summary>
public static class PricingModule
{
    public static IServiceCollection AddPricing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModel<PricingModel>();
        services.TryAddScoped<ITaxCalculator, TaxCalculator>();
        services.TryAddScoped<IExchangeRates, ExchangeRates>();
        services.AddScoped<ITaxZones, TaxZones>();
        services.AddSnapshotCache<TaxZone[]>(typeof(TaxZone), typeof(TaxRate));
        return services;
    }

    public static IEndpointRouteBuilder MapPricing(this IEndpointRouteBuilder endpoints)
    {
        TaxZoneEndpoints.Map(endpoints);
        return endpoints;
    }
}
