using Npgsql;

namespace Runner.Bench.Hosting;

/// <summary>
/// The database of one run, made for it and removed after it: a SQLite file in a temporary folder, or a PostgreSQL
/// database of its own (created on the given server, dropped at the end).
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _adminConnectionString;
    private readonly string? _databaseName;

    private BenchDatabase(string provider, string connectionString, string workFolder, string? adminConnectionString, string? databaseName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        WorkFolder = workFolder;
        _adminConnectionString = adminConnectionString;
        _databaseName = databaseName;
    }

    public string Provider { get; }
    public string ConnectionString { get; }
    /// <summary>The temporary folder of the run: the SQLite file, and the host's working folder.</summary>
    public string WorkFolder { get; }

    public string Describe() => Provider == "sqlite"
        ? "SQLite " + new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource
        : $"PostgreSQL database {_databaseName}";

    /// <summary>An SQLite file kept by an earlier run, used as it is and left in place.</summary>
    public static BenchDatabase Existing(string file)
    {
        if (!File.Exists(file)) throw new InvalidOperationException($"{file} does not exist.");
        return new BenchDatabase("sqlite", $"Data Source={file}", Path.GetDirectoryName(file)!, null, null) { Keep = true };
    }

    /// <summary>When set, dispose leaves the database and its folder in place.</summary>
    public bool Keep { get; private init; }

    public static async Task<BenchDatabase> CreateAsync(string? postgres, bool keep, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("runner-bench-").FullName;
        if (postgres is null)
            return new BenchDatabase("sqlite", $"Data Source={Path.Combine(folder, "bench.db")}", folder, null, null) { Keep = keep };

        var name = $"runner_bench_{Environment.ProcessId}_{Random.Shared.Next(100_000):D5}";
        await using (var connection = new NpgsqlConnection(postgres))
        {
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        var cs = new NpgsqlConnectionStringBuilder(postgres) { Database = name }.ConnectionString;
        return new BenchDatabase("postgres", cs, folder, postgres, name) { Keep = keep };
    }

    public async ValueTask DisposeAsync()
    {
        if (Keep)
        {
            Console.Out.WriteLine($"Kept: {Describe()} ({ConnectionString})");
            return;
        }
        if (_adminConnectionString is not null && _databaseName is not null)
        {
            try
            {
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(_adminConnectionString);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException e)
            {
                Console.Error.WriteLine($"Could not drop {_databaseName}: {e.Message}");
            }
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(WorkFolder, recursive: true); }
        catch (IOException e) { Console.Error.WriteLine($"Could not remove {WorkFolder}: {e.Message}"); }
    }
}
