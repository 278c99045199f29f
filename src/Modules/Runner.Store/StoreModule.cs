using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel;
using Runner.Kernel.Caching;
using Runner.Store.Channels;
using Runner.Store.Contracts;
using Runner.Store.Settings;

namespace Runner.Store;

/// <summary>Store settings (name, currencies, time zone, units) and sales channels.</summary>
public static class StoreModule
{
    public static IServiceCollection AddStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModel<StoreModel>();
        services.AddScoped<IStoreQueries, StoreQueries>();
        services.AddSnapshotCache<StoreSettingsView>(typeof(StoreSettings));
        services.AddSnapshotCache<ChannelView[]>(typeof(SalesChannel));
        services.AddSnapshotCache<StorefrontWeb[]>(typeof(SalesChannel));
        return services;
    }

    public static IEndpointRouteBuilder MapStore(this IEndpointRouteBuilder endpoints)
    {
        StoreSettingsEndpoints.Map(endpoints);
        CurrencySettingsEndpoints.Map(endpoints);
        ChannelEndpoints.Map(endpoints);
        return endpoints;
    }
}
