using Npgsql;

namespace Runner.Tests.Infrastructure;

/// <summary>
/// A database of its own for one test host: a temporary SQLite file, or, when <c>RUNNER_TEST_POSTGRES</c> holds a
/// connection string, a fresh PostgreSQL database created on that server and dropped afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "RUNNER_TEST_POSTGRES";

    private readonly string? _sqliteFile;
    private readonly string? _adminConnection;
    private readonly string? _databaseName;

    private TestDatabase(string provider, string connectionString, string? sqliteFile, string? adminConnection, string? databaseName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFile = sqliteFile;
        _adminConnection = adminConnection;
        _databaseName = databaseName;
    }

    public string Provider { get; }
    public string ConnectionString { get; }
    public bool IsPostgres => Provider == "postgres";

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : null;

    public static async Task<TestDatabase> CreateAsync(bool? postgres = null)
    {
        var server = PostgresServer;
        if ((postgres ?? server is not null) && server is not null)
        {
            var name = "runner_test_" + Guid.NewGuid().ToString("N")[..16];
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
            // The host pools its connections as a deployment does (the server string may turn pooling off for the
            // admin connection above): a burst of parallel requests then queues for 20 connections rather than
            // opening one each and running the shared server out of connection slots.
            var cs = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true, MaxPoolSize = 20 }.ConnectionString;
            return new TestDatabase("postgres", cs, null, server, name);
        }
        var directory = Path.Combine(Path.GetTempPath(), "runner-tests");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{Guid.NewGuid():N}.db");
        return new TestDatabase("sqlite", $"Data Source={file}", file, null, null);
    }

    /// <summary>The same database for a second host process; disposing the share leaves the database to its owner.</summary>
    public TestDatabase Share() => new(Provider, ConnectionString, null, null, null);

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                try { File.Delete(_sqliteFile + suffix); } catch (IOException) { }
            }
        }
        if (_adminConnection is not null && _databaseName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
