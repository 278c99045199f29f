using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Identity.ApiKeys;
using Runner.Kernel;
using Runner.Kernel.Actors;
using Runner.Kernel.Data;
using Runner.Kernel.Hosting;
using Runner.Host.Startup.Demo;
using Runner.Store;
using Runner.Store.Contracts;

namespace Runner.Host.Startup;

/// <summary>What the start-up did, for the console banner.</summary>
public sealed record StartupReport(DatabaseProvider Provider, string Database, BootstrapKeys Keys, bool StoreCreated, int DemoProducts);

/// <summary>
/// Brings the database to the current schema and makes the store usable before the server listens: settings,
/// the default channel, bootstrap keys and, the first time on SQLite, the demo store.
/// </summary>
public static class RunnerStartup
{
    private const long StartupLockKey = 0x52554E4E4552; // "RUNNER": one process at a time initialises a PostgreSQL database.

    /// <summary>Prepares the database and the store, then opens the <see cref="StartupGate"/> (or fails it).</summary>
    public static async Task<StartupReport> InitializeAsync(IServiceProvider services, CancellationToken ct)
    {
        var gate = services.GetRequiredService<StartupGate>();
        try
        {
            var report = await PrepareAsync(services, keys: true, ct);
            services.GetRequiredService<Web.Api.StorefrontKey>().Use(report.Keys.PublishableKey);
            gate.Open();
            return report;
        }
        catch (Exception e)
        {
            gate.Fail(e);
            throw;
        }
    }

    /// <summary>What <see cref="DemoTemplate"/> is made of: the schema, the store and the demo seed, without keys.</summary>
    internal static Task PrepareTemplateAsync(IServiceProvider services, CancellationToken ct) => PrepareAsync(services, keys: false, ct);

    private static async Task<StartupReport> PrepareAsync(IServiceProvider services, bool keys, CancellationToken ct)
    {
        using var _ = ActorScope.Use(Actor.System);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<RunnerDbContext>();
        var configuration = sp.GetRequiredService<IConfiguration>();
        var provider = db.Provider();
        // A new SQLite database that would get the demo store starts as a copy of the one the build made.
        var fromTemplate = keys && DemoTemplate.Applies(provider, configuration)
            && DemoTemplate.TryInstall(db.Database.GetConnectionString()!, DemoTemplate.PathFrom(configuration));

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                // WAL lets readers proceed while one writer commits; the setting lives in the database file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({StartupLockKey})", ct);
            }

            // Migrate takes the migrations lock (on SQLite it creates a table for it) even when there is nothing to
            // apply; reading the history first keeps a restart to two queries. Two processes that both find work to
            // do are still serialised by that lock (and on PostgreSQL by the advisory lock above).
            if (await MigrationHistory.AnyPendingAsync(db, provider, ct))
                await db.Database.MigrateAsync(ct);
            var fresh = !await StoreInitializer.ExistsAsync(db, ct);
            // The demo store is seeded once, with the store, on SQLite by default (the zero-set-up path), never by
            // default on PostgreSQL.
            var seed = fresh && (configuration.GetValue<bool?>("Runner:Seed:Demo") ?? provider == DatabaseProvider.Sqlite);
            var demo = seed ? DemoStore.Load() : null;
            var name = configuration["Runner:Store:Name"];
            var storeCreated = await StoreInitializer.EnsureAsync(db, name ?? demo?.Store.Name, ct, demo?.Store.ContactEmail);
            if (fromTemplate && name is not null) await StoreInitializer.RenameAsync(db, name, ct);
            var channel = await sp.GetRequiredService<IStoreQueries>().GetDefaultChannelAsync(ct);
            var bootstrap = keys
                ? await BootstrapKeyService.EnsureAsync(db, sp.GetRequiredService<IOptions<BootstrapOptions>>().Value, channel.Id,
                    (await sp.GetRequiredService<IStoreQueries>().GetSettingsAsync(ct)).ContactEmail, ct)
                : new BootstrapKeys(null, false, "");
            var demoProducts = demo is not null ? await DemoSeed.RunAsync(sp, demo, ct)
                : fromTemplate ? await CountProductsAsync(db, ct) : 0;

            return new StartupReport(provider, Describe(db, provider), bootstrap, storeCreated || fromTemplate, demoProducts);
        }
        finally
        {
            if (provider == DatabaseProvider.Postgres)
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({StartupLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<int> CountProductsAsync(RunnerDbContext db, CancellationToken ct)
    {
        await using var count = await Sql.CommandAsync(db, "SELECT COUNT(*) FROM catalog_products", ct);
        return Convert.ToInt32(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Describe(RunnerDbContext db, DatabaseProvider provider)
    {
        var cs = db.Database.GetConnectionString() ?? "";
        if (provider == DatabaseProvider.Sqlite)
            return "SQLite " + Path.GetFullPath(new SqliteConnectionStringBuilder(cs).DataSource);
        var pg = new Npgsql.NpgsqlConnectionStringBuilder(cs);
        return $"PostgreSQL {pg.Host}:{pg.Port}/{pg.Database}";
    }
}
