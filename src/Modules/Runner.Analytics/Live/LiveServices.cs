using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Data;

namespace Runner.Analytics.Live;

/// <summary>The live stream's part of the analytics module: the broadcaster, its wake-up after commits, retention, the endpoint.</summary>
internal static class LiveServices
{
    public static IServiceCollection AddLiveStream(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LiveOptions>(configuration.GetSection("Runner:Analytics:Live"));
        services.AddSingleton<LiveBroadcaster>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveBroadcaster>());
        services.AddSingleton<IRunnerInterceptor, LiveCommitWake>();
        services.AddHostedService<LiveRetention>();
        return services;
    }

    public static IEndpointRouteBuilder MapLiveStream(this IEndpointRouteBuilder endpoints)
    {
        LiveStream.Map(endpoints);
        return endpoints;
    }
}
