using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Runner.Identity.ApiKeys;
using Runner.Identity.Authentication;
using Runner.Identity.Contracts;
using Runner.Kernel;

namespace Runner.Identity;

/// <summary>
/// Access: secret admin keys and publishable storefront keys, and the permission policies every endpoint names.
/// (Staff and customer accounts, roles and MFA build on this.)
/// </summary>
public static class IdentityModule
{
    public static IServiceCollection AddIdentityAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModel<IdentityModel>();
        services.Configure<BootstrapOptions>(configuration.GetSection("Runner:Bootstrap"));
        services.AddSingleton<PublishableKeyCache>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, SecretKeyHandler>(AuthSchemes.SecretKey, null)
            .AddScheme<AuthenticationSchemeOptions, PublishableKeyHandler>(AuthSchemes.PublishableKey, null);
        services.AddAuthorization();
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        return services;
    }

    public static IEndpointRouteBuilder MapIdentity(this IEndpointRouteBuilder endpoints)
    {
        ApiKeyEndpoints.Map(endpoints);
        return endpoints;
    }
}
