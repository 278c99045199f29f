using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Runner.Analytics.Events;
using Runner.Analytics.Expenses;
using Runner.Analytics.Ledger;
using Runner.Analytics.Funnels;
using Runner.Analytics.Live;
using Runner.Analytics.Reports;
using Runner.Payments.Contracts;
using Runner.Kernel;

namespace Runner.Analytics;

/// <summary>Analytics: storefront events (funnels), the profit ledger and its reports, the live stream.</summary>
public static class AnalyticsModule
{
    public static IServiceCollection AddAnalytics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModel<AnalyticsModel>();
        services.AddModel<LiveModel>();
        services.AddExpenses();
        services.Configure<AnalyticsOptions>(configuration.GetSection("Runner:Analytics"));
        services.AddHostedService<EventRetention>();
        services.AddModel<LedgerModel>();
        foreach (var type in OrderLedger.Types) services.AddOutboxHandler<OrderLedger>(type);
        services.AddOutboxHandler<FeeLedger>(PaymentEvents.Fee);
        services.AddScoped<ProfitReport>();
        services.AddLiveStream(configuration);
        services.AddFunnels();
        return services;
    }

    public static IEndpointRouteBuilder MapAnalytics(this IEndpointRouteBuilder endpoints)
    {
        EventIngestion.Map(endpoints);
        ExpenseEndpoints.Map(endpoints);
        ProfitEndpoints.Map(endpoints);
        endpoints.MapLiveStream();
        endpoints.MapFunnels();
        return endpoints;
    }
}
