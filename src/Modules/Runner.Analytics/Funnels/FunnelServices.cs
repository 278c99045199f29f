using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel;
using Runner.Orders.Contracts;

namespace Runner.Analytics.Funnels;

/// <summary>The funnel's part of the analytics module: its tables and its two outbox handlers.</summary>
internal static class FunnelServices
{
    public static IServiceCollection AddFunnels(this IServiceCollection services)
    {
        services.AddModel<FunnelModel>();
        services.AddOutboxHandler<CountStorefrontEvents>(FunnelFacts.EventsReceived);
        services.AddOutboxHandler<CountPlacedOrder>(OrderEvents.Placed);
        return services;
    }
}
