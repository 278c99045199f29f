using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel;
using Runner.Orders.Contracts;

namespace Runner.Analytics.Funnels;

/// <summary>The funnel's part of the analytics module: its tables, its two outbox handlers and its report.</summary>
internal static class FunnelServices
{
    public static IServiceCollection AddFunnels(this IServiceCollection services)
    {
        services.AddModel<FunnelModel>();
        services.AddOutboxHandler<CountStorefrontEvents>(FunnelFacts.EventsReceived);
        services.AddOutboxHandler<CountPlacedOrder>(OrderEvents.Placed);
        return services;
    }

    public static IEndpointRouteBuilder MapFunnels(this IEndpointRouteBuilder endpoints)
    {
        FunnelEndpoint.Map(endpoints);
        return endpoints;
    }
}
