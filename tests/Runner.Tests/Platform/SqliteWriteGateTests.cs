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
        // A table no other test writes, so that the measurements of tests running beside it (the meter is the
        // process's) are told apart by the table they name.
        const string probe = "gate_probe";
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("CREATE TABLE gate_probe (a INTEGER); INSERT INTO gate_probe VALUES (1)"));
        var measured = new System.Collections.Concurrent.ConcurrentBag<(string Name, double Ms, string? Table, string? Section)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Runner.Database" && instrument.Name.StartsWith("runner.sqlite.write_gate.", StringComparison.Ordinal))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            string? table = null, section = null;
            foreach (var t in tags)
            {
                if (t.Key == "table") table = t.Value as string;
                else if (t.Key == "section") section = t.Value as string;
            }
            measured.Add((instrument.Name, value, table, section));
        });
        listener.Start();

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        Task waiting;
        var second = Stopwatch.StartNew();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE gate_probe SET a = a + 1");
            second.Restart();
            waiting = app.WithDbAsync(other => other.Database.ExecuteSqlRawAsync("UPDATE gate_probe SET a = a + 10"));
            await Task.Delay(100);
            Assert.False(waiting.IsCompleted);
            await tx.CommitAsync();
        }
        await waiting;
        var waited = second.Elapsed.TotalMilliseconds;
        listener.Dispose();

        var ours = measured.Where(m => m.Table == probe).ToList();
        var held = Assert.Single(ours, m => m is { Name: "runner.sqlite.write_gate.hold", Section: "transaction" });
        Assert.True(held.Ms >= 100, $"the transaction held the gate for the 100 ms the other writer waited ({held.Ms:0.0} ms)");
        Assert.Single(ours, m => m is { Name: "runner.sqlite.write_gate.hold", Section: "statement" });
        Assert.True(ours.Where(m => m.Name == "runner.sqlite.write_gate.busy").Sum(m => m.Ms) >= held.Ms,
            "the busy time counts every hold of the table's writers");
        Assert.True(waited >= 100, $"the second writer waited for the transaction ({waited:0.0} ms)");
        Assert.Contains(measured, m => m.Name == "runner.sqlite.write_gate.wait" && m.Ms >= 100 && m.Ms <= waited + 1);
        Assert.Contains(measured, m => m.Name == "runner.sqlite.write_gate.handoff");
        Assert.Equal(12, await app.WithDbAsync(d => d.Database.SqlQueryRaw<int>("SELECT a AS \"Value\" FROM gate_probe").SingleAsync()));
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
