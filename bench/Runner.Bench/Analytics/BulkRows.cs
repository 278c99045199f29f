using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Runner.Bench.Hosting;
using Runner.Host.Composition;
using Runner.Kernel.Data;

namespace Runner.Bench.Analytics;

/// <summary>
/// The engine's services over the bench's database, without the outbox or the HTTP server: what the seeders of the
/// analytics scenarios read the store and the catalog through and write their rows with.
/// </summary>
internal sealed class EngineScope : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly AsyncServiceScope _scope;

    private EngineScope(WebApplication app)
    {
        _app = app;
        _scope = app.Services.CreateAsyncScope();
        Db = _scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        Db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
    }

    public RunnerDbContext Db { get; }

    public T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    public static EngineScope Open(BenchDatabase database)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Runner:Database:Provider"] = database.Provider, ["Runner:Database:ConnectionString"] = database.ConnectionString,
            ["Runner:Outbox:Enabled"] = "false", ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddRunner();
        return new EngineScope(builder.Build());
    }

    /// <summary>The seeded catalog's product ids, in id order.</summary>
    public async Task<List<Guid>> ProductsAsync(CancellationToken ct)
    {
        await using var command = await Sql.CommandAsync(Db, "SELECT id FROM catalog_products ORDER BY id", ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(ct)) ids.Add(Sql.ReadId(reader, 0));
        if (ids.Count == 0) throw new InvalidOperationException("The catalog has no products to sell.");
        return ids;
    }

    /// <summary>Refreshes PostgreSQL's statistics after a bulk load, as autovacuum would soon after.</summary>
    public async Task AnalyzeAsync(CancellationToken ct)
    {
        if (Db.Provider() == DatabaseProvider.Postgres) await Db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Rows written in bulk by the analytics seeders.</summary>
internal static class BulkRows
{
    public const int Batch = 20_000;

    /// <summary>
    /// Rows in bulk, in a transaction of their own: PostgreSQL's binary COPY, or on SQLite one prepared single-row INSERT
    /// run again with new values (a statement with thousands of parameters binds them in quadratic time there).
    /// </summary>
    public static async Task InsertAsync(RunnerDbContext db, string table, string[] columns, IReadOnlyCollection<object?[]> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (db.Database.GetDbConnection() is Npgsql.NpgsqlConnection pg)
            {
                await using var copy = await pg.BeginBinaryImportAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct);
                foreach (var row in rows)
                {
                    await copy.StartRowAsync(ct);
                    foreach (var value in row) await copy.WriteAsync(value, ct);
                }
                await copy.CompleteAsync(ct);
                return;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Table and column names are the seeders' constants; every value is a parameter.
            await using var insert = await Sql.CommandAsync(db,
                "INSERT INTO " + table + " (" + string.Join(", ", columns) + ") VALUES (" + string.Join(", ", columns.Select((_, i) => "@v" + i)) + ")", ct);
            for (var i = 0; i < columns.Length; i++) insert.With("v" + i, null);
            insert.Prepare();
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++) insert.Parameters[i].Value = row[i] ?? DBNull.Value;
                await insert.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Writes <paramref name="rows"/> in batches of <see cref="Batch"/>.</summary>
    public static async Task InsertAllAsync(RunnerDbContext db, string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(Batch)) await InsertAsync(db, table, columns, chunk, ct);
    }
}
