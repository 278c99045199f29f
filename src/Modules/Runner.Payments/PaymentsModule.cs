using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel;
using Runner.Kernel.Caching;
using Runner.Payments.Contracts;
using Runner.Payments.Fraud;
using Runner.Payments.Gateways;
using Runner.Payments.Payments;
using Runner.Payments.Settings;
using Runner.Payments.Tokens;
using Runner.Payments.Webhooks;

namespace Runner.Payments;

/// <summary>Payments through pluggable gateways (the sandbox built in), card tokens, the manual method, fraud screening and gateway webhooks.</summary>
public static class PaymentsModule
{
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModel<PaymentsModel>();
        services.Configure<AuthorizationSweeperOptions>(configuration.GetSection("Runner:Payments:Sweeper"));
        services.Configure<PaymentReconcilerOptions>(configuration.GetSection("Runner:Payments:Reconciler"));
        services.AddScoped<PaymentSettingsReader>();
        services.AddSnapshotCache<PaymentSettings>(typeof(PaymentSettings));
        services.AddSingleton<CardFingerprints>();
        services.AddScoped<CreatePaymentToken>();
        services.AddScoped<IPaymentGateway, SandboxGateway>();
        services.AddSingleton<AuthorizePayment>();
        services.AddSingleton<MoveMoney>();
        services.AddSingleton<ChangeState>();
        services.AddScoped<IPayments, PaymentService>();
        services.AddSingleton<IFraudScreen, FraudScreen>();
        services.AddScoped<ReceiveWebhook>();
        services.AddSingleton<AuthorizationSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<AuthorizationSweeper>());
        services.AddSingleton<PaymentReconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<PaymentReconciler>());
        return services;
    }

    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder endpoints)
    {
        var store = endpoints.MapGroup("/store").WithTags("Payments");
        CreatePaymentToken.Map(store);
        PaymentEndpoints.MapStore(store);
        PaymentEndpoints.MapAdmin(endpoints.MapGroup("/admin/payments").WithTags("Payments"));
        PaymentSettingsEndpoints.Map(endpoints);
        ReceiveWebhook.Map(endpoints);
        return endpoints;
    }
}
