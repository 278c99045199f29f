using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Runner.Kernel.Data;
using Runner.Kernel.Hosting;

namespace Runner.Tests.Infrastructure;

/// <summary>
/// The real engine over HTTP, on its own database (SQLite file, or PostgreSQL when RUNNER_TEST_POSTGRES is set),
/// with fixed bootstrap keys. One instance per test class (IClassFixture); each test makes its own data.
/// </summary>
public class RunnerApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "rk_TestAdminKey0123456789abcdefghijklmnop";
    public const string PublishableKey = "pk_TestStoreKey0123456789abcdefghijklmnop";

    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The app has not been initialised.");

    /// <summary>Set by subclasses that need to move time by hand.</summary>
    protected virtual FakeTimeProvider? Clock => null;

    /// <summary>Set false by subclasses that must drive background work themselves.</summary>
    protected virtual bool BackgroundWork => true;
    /// <summary>Whether the first start makes the store's Owner (off: the tests make their own staff).</summary>
    protected virtual bool CreateOwner => false;

    /// <summary>True for a test that reads every log line, at Debug level (<see cref="Logs"/>).</summary>
    protected virtual bool CaptureLogs => false;

    /// <summary>Every log line of the host, level first, when <see cref="CaptureLogs"/>.</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>False for a test that watches the host while its start-up is still preparing the database.</summary>
    protected virtual bool WaitForStartup => true;

    /// <summary>The database this host runs on; a subclass may hand it another host's (<see cref="TestDatabase.Share"/>).</summary>
    protected virtual Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync();

    /// <summary>The address the test store tells customers it is at (links in emails).</summary>
    public const string PublicUrl = "https://shop.example";

    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "runner-tests", "mail-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _ = Server; // start the host; it listens while the start-up prepares the database, the store and the keys
        if (WaitForStartup) await Services.GetRequiredService<StartupGate>().Ready.WaitAsync(TimeSpan.FromMinutes(2));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        try { Directory.Delete(MailDirectory, true); } catch (DirectoryNotFoundException) { }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Runner:Database:Provider", Database.Provider);
        builder.UseSetting("Runner:Database:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Runner:Bootstrap:AdminKey", AdminKey);
        builder.UseSetting("Runner:Bootstrap:PublishableKey", PublishableKey);
        // The tests make their own staff; the first start's Owner has a test of its own (BootstrapOwnerTests).
        builder.UseSetting("Runner:Bootstrap:CreateOwner", CreateOwner ? "true" : "false");
        builder.UseSetting("Runner:Seed:Demo", "false");
        builder.UseSetting("Runner:Console:Banner", "false");
        builder.UseSetting("Runner:Email:PickupDirectory", MailDirectory);
        builder.UseSetting("Runner:PublicUrl", PublicUrl);
        builder.UseSetting("Runner:Outbox:Enabled", BackgroundWork ? "true" : "false");
        builder.UseSetting("Runner:Inventory:Sweeper:Enabled", BackgroundWork ? "true" : "false");
        builder.UseSetting("Logging:LogLevel:Default", CaptureLogs ? "Debug" : "Warning");
        if (CaptureLogs) builder.ConfigureServices(s => s.AddLogging(l => l.AddProvider(new CapturingLoggerProvider(Logs))));
        builder.ConfigureTestServices(services =>
        {
            if (Clock is { } clock) services.AddSingleton<TimeProvider>(clock);
            // The pages call the API of the process serving them: here the test server, in memory.
            services.AddHttpClient<Runner.Host.Web.Api.StoreApi>().ConfigurePrimaryHttpMessageHandler(InMemory);
            services.AddHttpClient<Runner.Host.Web.Api.AdminApi>().ConfigurePrimaryHttpMessageHandler(InMemory);
        });
    }

    private static HttpMessageHandler InMemory(IServiceProvider services) =>
        ((Microsoft.AspNetCore.TestHost.TestServer)services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()).CreateHandler();

    /// <summary>A client of the admin API holding the bootstrap admin key (every permission).</summary>
    public HttpClient Admin(string? key = AdminKey)
    {
        var client = CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A storefront client holding the bootstrap publishable key (default channel).</summary>
    public HttpClient Store(string? key = PublishableKey)
    {
        var client = CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Publishable-Key", key);
        return client;
    }

    /// <summary>Runs <paramref name="work"/> with a fresh scope's database context.</summary>
    public async Task<T> WithDbAsync<T>(Func<RunnerDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<RunnerDbContext>());
    }
}
