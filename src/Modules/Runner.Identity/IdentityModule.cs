using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Runner.Identity.Accounts;
using Runner.Identity.ApiKeys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Runner.Identity.Audit;
using Runner.Identity.DataProtection;
using Runner.Identity.OpenIdConnect;
using Runner.Identity.Passkeys;
using Runner.Identity.Security;
using Runner.Identity.Sessions;
using Runner.Identity.Staff;
using Runner.Identity.Authentication;
using Runner.Identity.Contracts;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Outbox;

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
        services.Configure<IdentityLimits>(configuration.GetSection("Runner:Identity:Limits"));
        services.Configure<CustomerAccountOptions>(configuration.GetSection("Runner:Identity"));
        services.AddScoped<Attempts>();
        services.AddScoped<SessionTokens>();
        services.AddScoped<EmailVerification>();
        services.AddHostedService<IdentityHousekeeping>();
        services.Configure<StaffOptions>(configuration.GetSection("Runner:Identity"));
        services.AddScoped<StaffDirectory>();
        services.AddScoped<SecretBox>();
        services.AddScoped<SignedTokens>();
        services.Configure<OidcOptions>(configuration.GetSection("Runner:Identity:OpenIdConnect"));
        services.AddSingleton<OidcClient>();
        services.AddHttpClient(OidcClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.Configure<DashboardPasskeyOptions>(configuration.GetSection("Runner:Identity"));
        services.AddScoped<RelyingParties>();
        services.AddScoped<PasskeyCeremonies>();
        services.AddSingleton<IRunnerInterceptor, AuditChanges>();
        // The key ring lives in the database: every host process reads every cookie and antiforgery token.
        services.AddDataProtection().SetApplicationName("Runner");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new DatabaseKeyRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        services.AddOutboxHandler<VerificationEmail>(AccountEvents.Registered);
        services.AddOutboxHandler<RegistrationRepeatedEmail>(AccountEvents.RegistrationRepeated);
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, SecretKeyHandler>(AuthSchemes.SecretKey, null)
            .AddScheme<AuthenticationSchemeOptions, PublishableKeyHandler>(AuthSchemes.PublishableKey, null)
            .AddSessionCookies();
        services.AddAuthorization();
        StorefrontCorsPolicyProvider.Add(services);
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        return services;
    }

    /// <summary>
    /// The framework preloads the Data Protection key ring in a hosted service, which runs before the start-up has
    /// prepared the database (a first start logged a missing table); the ring loads on first use instead, once the
    /// database is ready. Called last, after everything that registers Data Protection.
    /// </summary>
    public static IServiceCollection LoadKeyRingOnFirstUse(this IServiceCollection services)
    {
        foreach (var preload in services.Where(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService)
                     && d.ImplementationType?.Name == "DataProtectionHostedService").ToList())
            services.Remove(preload);
        return services;
    }

    /// <summary>Records the admin API's changes in the audit log (see <see cref="AuditRecorder"/>).</summary>
    public static IApplicationBuilder UseAuditLog(this IApplicationBuilder app) => AuditRecorder.Use(app);

    public static IEndpointRouteBuilder MapIdentity(this IEndpointRouteBuilder endpoints)
    {
        ApiKeyEndpoints.Map(endpoints);
        RegisterCustomer.Map(endpoints);
        SignInEndpoints.Map(endpoints);
        EmailCodes.Map(endpoints);
        OidcEndpoints.Map(endpoints);
        PasswordReset.Map(endpoints);
        DeleteAccount.Map(endpoints);
        ChangeEmail.Map(endpoints);
        StaffEndpoints.Map(endpoints);
        RoleEndpoints.Map(endpoints);
        StaffAuth.Map(endpoints);
        CustomerPasskeys.Map(endpoints);
        StaffPasskeys.Map(endpoints);
        AuditEndpoints.Map(endpoints);
        SecuritySettings.Map(endpoints);
        return endpoints;
    }
}
