using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Runner.Kernel.Actors;
using Runner.Kernel.Data;
using Runner.Kernel.Email;
using Runner.Kernel.Http;
using Runner.Kernel.Outbox;

namespace Runner.Kernel;

public sealed class DatabaseOptions
{
    public string Provider { get; set; } = "sqlite";
    public string? ConnectionString { get; set; }
    /// <summary>The most connections one host process opens to PostgreSQL (a small server allows about 100 in all).</summary>
    public int MaxPoolSize { get; set; } = 20;
    /// <summary>
    /// Uses the compiled model of the provider's migrations assembly (the default); false builds the model from the
    /// modules at start, as the test that compares the two does.
    /// </summary>
    public bool CompiledModel { get; set; } = true;

    public DatabaseProvider Kind => Provider.ToLowerInvariant() switch
    {
        "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"Runner:Database:Provider must be 'sqlite' or 'postgres', not '{Provider}'."),
    };
}

public static class KernelServices
{
    /// <summary>Registers the kernel: clock, actor, database context, outbox, email, problem details.</summary>
    public static IServiceCollection AddRunnerKernel(this IServiceCollection services, IConfiguration configuration,
        Action<IServiceProvider, DbContextOptionsBuilder, DatabaseOptions> configureProvider)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.TryAddSingleton<IActorAccessor, HttpActorAccessor>();
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<SharedSecrets>();
        services.AddSingleton<Hosting.StartupGate>();
        services.AddSingleton<OutboxCommitSignal>();
        services.Configure<DatabaseOptions>(configuration.GetSection("Runner:Database"));
        services.Configure<OutboxOptions>(configuration.GetSection("Runner:Outbox"));
        services.Configure<EmailOptions>(configuration.GetSection("Runner:Email"));
        services.Configure<Idempotency.IdempotencyOptions>(configuration.GetSection("Runner:Idempotency"));
        services.AddScoped<Idempotency.IdempotencyStore>();
        services.Configure<Caching.CacheOptions>(configuration.GetSection("Runner:Cache"));

        services.AddDbContextPool<RunnerDbContext>((sp, options) =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            configureProvider(sp, options, db);
            options.UseRunnerModel(sp.GetServices<IModelContributor>());
            options.AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<OutboxCommitSignal>(), AfterCommit);
            options.AddInterceptors(sp.GetServices<IRunnerInterceptor>());
            // Migrate would otherwise build the model twice more (design time and snapshot) to diff them, only to log
            // this warning. MigrationTests fails on pending model changes for both providers, so the check lives there.
            options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });

        services.AddScoped<IOutbox, EfOutbox>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());

        services.AddSingleton<IEmailSender>(sp =>
        {
            var email = sp.GetRequiredService<IOptions<EmailOptions>>();
            return string.IsNullOrWhiteSpace(email.Value.Smtp.Host)
                ? new PickupDirectoryEmailSender(email, sp.GetRequiredService<TimeProvider>())
                : new SmtpEmailSender(email);
        });

        services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.Customize);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.ConfigureHttpJsonOptions(o => RunnerJson.Configure(o.SerializerOptions));
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    private static readonly AfterCommitInterceptor AfterCommit = new();

    /// <summary>Registers a model contributor (a module's tables).</summary>
    public static IServiceCollection AddModel<T>(this IServiceCollection services) where T : class, IModelContributor
    {
        services.AddSingleton<IModelContributor, T>();
        return services;
    }

    /// <summary>Registers an outbox handler for one message type.</summary>
    public static IServiceCollection AddOutboxHandler<T>(this IServiceCollection services, string messageType)
        where T : class, IOutboxHandler
    {
        services.TryAddScoped<T>();
        services.AddSingleton(new OutboxHandlerRegistration(messageType, typeof(T)));
        return services;
    }
}
