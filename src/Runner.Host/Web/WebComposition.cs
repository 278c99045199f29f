using Runner.Host.Web.Api;
using Runner.Kernel.Http;

namespace Runner.Host.Web;

/// <summary>
/// The two faces the host serves besides the API: the reference storefront at <c>/</c> and the dashboard at
/// <c>/dashboard</c>, Blazor pages rendered on the server (no circuit, no sticky sessions: any process serves any
/// request) that call the API of the process serving them (<see cref="ApiClient"/>).
/// </summary>
public static class WebComposition
{
    public static IServiceCollection AddRunnerWeb(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddHttpContextAccessor();
        services.AddSingleton<InternalCalls>();
        services.AddSingleton<SelfAddress>();
        services.AddSingleton<StorefrontKey>();
        services.AddHttpClient<StoreApi>();
        services.AddHttpClient<AdminApi>();
        services.AddScoped<Storefront.ShopperCart>();
        services.AddScoped<Dashboard.StaffSession>();
        return services;
    }

    /// <summary>First in the pipeline: the pages' own calls take on their visitor.</summary>
    public static WebApplication UseInternalCalls(this WebApplication app)
    {
        var calls = app.Services.GetRequiredService<InternalCalls>();
        app.Use((http, next) => calls.InvokeAsync(http, next));
        return app;
    }

    public static WebApplication MapRunnerWeb(this WebApplication app)
    {
        app.MapStaticAssets().AllowPublic();
        app.MapRazorComponents<App>().AllowPublic();
        return app;
    }
}
