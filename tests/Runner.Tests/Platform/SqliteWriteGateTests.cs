using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Data;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Platform;

/// <summary>
/// On SQLite every writer of the process waits its turn for the write lock asynchronously; whatever way a transaction
/// ends (commit, rollback, an exception before either), the next writer gets in at once.
/// </summary>
public class SqliteWriteGateTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Theory]
    [InlineData("INSERT INTO t VALUES (1)", true)]
    [InlineData("  update t SET a = 1", true)]
    [InlineData("DELETE FROM t", true)]
    [InlineData("-- a tag\nUPDATE t SET a = 1", true)]
    [InlineData("SELECT * FROM t WHERE updated_at > @since", false)]
    [InlineData("PRAGMA journal_mode=WAL", false)]
    public void AWriteIsToldFromARead(string sql, bool write) => Assert.Equal(write, SqliteWriteGate.IsWrite(sql));

    [Theory]
    [InlineData("INSERT INTO \"orders_lines\" (\"id\", \"sku\") VALUES (@p0, @p1)", "orders_lines")]
    [InlineData("INSERT INTO kernel_idempotency_keys (scope, key) VALUES (@p0, @p1) ON CONFLICT (scope, key) DO NOTHING", "kernel_idempotency_keys")]
    [InlineData("INSERT INTO t(a) VALUES (1)", "t")]
    [InlineData("UPDATE \"checkout_carts\" AS \"c\" SET \"status\" = @p WHERE \"c\".\"id\" = @id", "checkout_carts")]
    [InlineData("-- a tag\nDELETE FROM \"kernel_outbox\" AS \"k\" WHERE \"k\".\"processed_at\" < @cutoff", "kernel_outbox")]
    [InlineData("UPDATE", "unknown")]
    public void AWriteIsNamedByItsTable(string sql, string table) => Assert.Equal(table, SqliteWriteGate.TableOf(sql));

    private async Task<TimeSpan> TimedWriteAsync()
    {
        var clock = Stopwatch.StartNew();
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE store_settings SET name = name"));
        return clock.Elapsed;
    }

    [Fact]
    public async Task ATransactionDisposedWithoutCommit_OrAbandonedByAnException_LetsTheNextWriterIn()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE store_settings SET name = name");
        }
        Assert.True(await TimedWriteAsync() < TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE store_settings SET name = name");
            throw new InvalidOperationException("the work failed");
        });
        Assert.True(await TimedWriteAsync() < TimeSpan.FromSeconds(5));
    }

    [SkippableFact]
    public async Task TheGatesTimes_AreCounted_HeldByItsHolders_AndHandedOnToAWriterThatWaited()
    {
        Skip.If(app.Database.IsPostgres, "The write gate is SQLite's.");
        var totals = new System.Collections.Concurrent.ConcurrentDictionary<string, double>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Runner.Database" && instrument.Name.StartsWith("runner.sqlite.write_gate.", StringComparison.Ordinal))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => totals.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        listener.Start();

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        Task<TimeSpan> waiting;
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE store_settings SET name = name");
            waiting = TimedWriteAsync();
            await Task.Delay(100);
            Assert.False(waiting.IsCompleted);
            await tx.CommitAsync();
        }
        await waiting;
        listener.Dispose();
        Assert.True(totals.GetValueOrDefault("runner.sqlite.write_gate.busy") >= 100, "the transaction held the gate for the 100 ms it waited");
        Assert.True(totals.GetValueOrDefault("runner.sqlite.write_gate.wait") >= 100, "the second writer waited for it");
        Assert.True(totals.ContainsKey("runner.sqlite.write_gate.handoff"), "the handing on to the writer that waited is counted");
    }

    [Fact]
    public async Task ManyWritersAtOnce_AllGetIn()
    {
        var writes = Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
            if (i % 2 == 0)
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                await db.Database.ExecuteSqlRawAsync("UPDATE store_settings SET name = name");
                await Task.Yield();
                await db.Database.ExecuteSqlRawAsync("UPDATE store_settings SET name = name");
                await tx.CommitAsync();
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync("UPDATE store_settings SET name = name");
            }
        }));
        await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(60));
    }
}
