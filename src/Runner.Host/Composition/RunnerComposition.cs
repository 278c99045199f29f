using Runner.Host.Web;
using Runner.Analytics;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Runner.Catalog;
using Runner.Checkout;
using Runner.Customers;
using Runner.Host.OpenApi;
using Runner.Identity;
using Runner.Inventory;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Pricing;
using Runner.Shipping;
using Runner.Orders;
using Runner.Payments;
using Runner.Store;

namespace Runner.Host.Composition;

/// <summary>Composes the engine: the kernel, the database provider, and the modules (listed here, in one place).</summary>
public static class RunnerComposition
{
    public static WebApplicationBuilder AddRunner(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddRunnerKernel(configuration, ConfigureDatabase);
        services.AddSingleton(sp => CreatePostgresDataSource(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value));
        AddModules(services, configuration);

        services.Configure<KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestBodySize = 4 * 1024 * 1024;
            o.AddServerHeader = false;
        });
        services.AddRunnerOpenApi();
        services.AddRunnerWeb();
        // The pages' scripts and styles: from the project folders when run from a build (the static web assets manifest
        // beside the binaries says where), from wwwroot when published. Development-only by default; every run here.
        builder.WebHost.UseStaticWebAssets();
        services.AddSingleton<SqliteCheckpointer>();
        services.AddHostedService(sp => sp.GetRequiredService<SqliteCheckpointer>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        builder.AddRunnerTelemetry();
        services.LoadKeyRingOnFirstUse();
        return builder;
    }

    /// <summary>The modules of the engine. Each registers its services and contributes its tables to the one model.</summary>
    public static void AddModules(IServiceCollection services, IConfiguration configuration)
    {
        services.AddStore(configuration);
        services.AddIdentityAccess(configuration);
        services.AddCatalog(configuration);
        services.AddInventory(configuration);
        services.AddPricing(configuration);
        services.AddShipping(configuration);
        services.AddPayments(configuration);
        services.AddCheckout(configuration);
        services.AddCustomers(configuration);
        services.AddOrders(configuration);
        services.AddAnalytics(configuration);
    }

    public static void MapModules(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStore();
        endpoints.MapIdentity();
        endpoints.MapCatalog();
        endpoints.MapInventory();
        endpoints.MapPricing();
        endpoints.MapShipping();
        endpoints.MapPayments();
        endpoints.MapCheckout();
        endpoints.MapCustomers();
        endpoints.MapAnalytics();
        endpoints.MapOrders();
    }

    private static readonly SqliteWriteGate WriteGate = new(groupCommit: true);
    private static readonly SqliteConnectionSetup ConnectionSetup = new(WriteGate.GroupCommit);
    private static readonly SqliteStatementCache StatementCache = new();
    private const string SqliteMigrations = "Runner.Migrations.Sqlite";
    private const string PostgresMigrations = "Runner.Migrations.Postgres";

    private static void ConfigureDatabase(IServiceProvider services, DbContextOptionsBuilder options, DatabaseOptions database)
    {
        switch (database.Kind)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(SqliteConnectionString(database),
                    o => o.MigrationsAssembly(SqliteMigrations).CommandTimeout(30));
                options.AddInterceptors(ConnectionSetup, WriteGate, StatementCache);
#pragma warning disable EF1001 // EF Core's SQLite connection service, replaced by the one that stays open (SqliteOpenConnection).
                options.ReplaceService<Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal.ISqliteRelationalConnection, SqliteOpenConnection>();
#pragma warning restore EF1001
                options.ReplaceService<Microsoft.EntityFrameworkCore.Update.IModificationCommandBatchFactory, SqliteBatching>();
                options.ReplaceService<Microsoft.EntityFrameworkCore.Storage.IRelationalTransactionFactory, GatedTransactionFactory>();
                if (database.CompiledModel) options.UseCompiledModel(SqliteMigrations);
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>(),
                    o => o.MigrationsAssembly(PostgresMigrations));
                if (database.CompiledModel) options.UseCompiledModel(PostgresMigrations);
                break;
        }
    }

    internal static string SqliteConnectionString(DatabaseOptions database)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(database.ConnectionString) ? "Data Source=runner.db" : database.ConnectionString)
        {
            Pooling = true,
            DefaultTimeout = 30,
        };
        return builder.ToString();
    }

    /// <summary>
    /// One pooled data source per process, capped (<c>Runner:Database:MaxPoolSize</c>, default 20) so several host
    /// processes fit under a small server's max_connections (100 by default). Statements that run again are prepared on
    /// the server (Npgsql's automatic preparation, up to 64 per connection unless the connection string says otherwise),
    /// so PostgreSQL plans the checkout's few dozen statements once per connection instead of on every execution.
    /// </summary>
    private static NpgsqlDataSource CreatePostgresDataSource(DatabaseOptions database)
    {
        var cs = new NpgsqlConnectionStringBuilder(database.ConnectionString ?? "")
        {
            MaxPoolSize = database.MaxPoolSize,
        };
        if (string.IsNullOrEmpty(cs.Host))
            throw new InvalidOperationException("Runner:Database:ConnectionString must name a PostgreSQL host when the provider is postgres.");
        if (string.IsNullOrEmpty(cs.ApplicationName)) cs.ApplicationName = "runner";
        if (cs.MaxAutoPrepare == 0) cs.MaxAutoPrepare = 64;
        return new NpgsqlDataSourceBuilder(cs.ConnectionString).Build();
    }
}
