using System.Data.Common;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Runner.Kernel.Hosting;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Platform;

/// <summary>
/// The server listens while the start-up prepares the database: until then only the health probes answer, and
/// readiness says "not yet". The test holds the database (SQLite's write lock, PostgreSQL's start-up lock) so the
/// start-up waits, looks at the host, then lets it go.
/// </summary>
public class StartupGateTests
{
    private sealed class HeldApp(TestDatabase database) : RunnerApp
    {
        protected override bool WaitForStartup => false;
        protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(database);
    }

    [Fact]
    public async Task UntilTheStartupIsDone_OnlyHealthAnswers_ThenEverything()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var holder = await HoldAsync(database);
        await using var app = new HeldApp(database.Share());
        await ((IAsyncLifetime)app).InitializeAsync();
        var gate = app.Services.GetRequiredService<StartupGate>();
        Assert.False(gate.IsOpen);

        var client = app.Store();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var notReady = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("Starting", await notReady.Content.ReadAsStringAsync());
        var starting = await client.GetAsync("/store/products");
        await starting.Problem(HttpStatusCode.ServiceUnavailable, "service.starting");
        Assert.Equal(TimeSpan.FromSeconds(1), starting.Headers.RetryAfter?.Delta);

        await holder.DisposeAsync();
        await gate.Ready.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/store/products")).StatusCode);
    }

    /// <summary>A connection that keeps the start-up waiting until it is disposed (closed, not pooled, so the lock goes with it).</summary>
    private static async Task<DbConnection> HoldAsync(TestDatabase database)
    {
        DbConnection connection = database.IsPostgres
            ? new NpgsqlConnection(database.ConnectionString + ";Pooling=false")
            : new SqliteConnection(database.ConnectionString + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = database.IsPostgres ? "SELECT pg_advisory_lock(90526339450194)" : "BEGIN EXCLUSIVE";
        await command.ExecuteNonQueryAsync();
        return connection;
    }
}
