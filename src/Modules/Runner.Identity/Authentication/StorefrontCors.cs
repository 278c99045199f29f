using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Runner.Identity.Contracts;
using Runner.Identity.Sessions;
using Runner.Store.Channels;
using Runner.Store.Contracts;

namespace Runner.Identity.Authentication;

/// <summary>
/// CORS for the store API: a browser on a web origin listed on a live channel (<c>allowedOrigins</c>, see
/// <c>PATCH /admin/channels/{id}</c>) may call <c>/store/...</c>, with credentials; any other origin gets no CORS headers,
/// so the browser keeps the answer from it. The admin API is never open to other origins: the dashboard is served by
/// Runner itself, and apps call it from servers.
/// </summary>
internal sealed class StorefrontCorsPolicyProvider : ICorsPolicyProvider
{
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
    private static readonly string[] RequestHeaders =
        ["Content-Type", "Authorization", AuthSchemes.PublishableKeyHeader, "Idempotency-Key", "If-Match", "If-None-Match", "Accept-Language",
         SessionCookies.AntiforgeryHeader];
    private static readonly string[] ResponseHeaders = ["Location", "ETag", "Retry-After", "WWW-Authenticate"];

    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        if (!context.Request.Path.StartsWithSegments("/store")) return null;
        var origin = context.Request.Headers.Origin.ToString();
        if (WebOrigins.Normalize(origin) is not { } normalized) return null;
        var web = await context.RequestServices.GetRequiredService<IStoreQueries>().ListStorefrontWebAsync(context.RequestAborted);
        if (!web.Any(w => w.Origins.Contains(normalized))) return null;
        return new CorsPolicyBuilder().WithOrigins(origin).WithMethods(Methods).WithHeaders(RequestHeaders).WithExposedHeaders(ResponseHeaders)
            .AllowCredentials().SetPreflightMaxAge(TimeSpan.FromMinutes(10)).Build();
    }

    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddCors();
        services.Replace(ServiceDescriptor.Transient<ICorsPolicyProvider, StorefrontCorsPolicyProvider>());
        return services;
    }
}
