using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Runner.Analytics.Events;
using Runner.Analytics.Funnels;
using Runner.Analytics.Live;
using Runner.Kernel;

namespace Runner.Analytics;

/// <summary>Analytics: storefront events (funnels), and later the profit ledger and the live stream.</summary>
public static class AnalyticsModule
{
    public static IServiceCollection AddAnalytics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModel<AnalyticsModel>();
        services.AddModel<LiveModel>();
        services.Configure<AnalyticsOptions>(configuration.GetSection("Runner:Analytics"));
        services.AddHostedService<EventRetention>();
        services.AddFunnels();
        return services;
    }

    public static IEndpointRouteBuilder MapAnalytics(this IEndpointRouteBuilder endpoints)
    {
        EventIngestion.Map(endpoints);
        endpoints.MapFunnels();
        return endpoints;
    }
}
