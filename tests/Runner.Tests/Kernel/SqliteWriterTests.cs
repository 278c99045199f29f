using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Data;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Kernel;

/// <summary>
/// On SQLite every transaction of the host, and every write outside one, runs on one shared writer connection, taken
/// in turn through the write gate; reads outside transactions stay on each context's own connection. However a
/// transaction ends, the next writer gets the writer free, and a late release by a finished transaction never lets go
/// of the gate another transaction holds.
/// </summary>
public class SqliteWriterTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private const string Touch = "UPDATE store_settings SET name = name";

    private async Task<(AsyncServiceScope Scope, RunnerDbContext Db)> ContextAsync()
    {
        var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        // The context's own connection, opened by a read.
        await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").ToListAsync();
        return (scope, db);
    }

    [SkippableFact]
    public async Task TransactionsOfTwoContexts_RunOnOneWriter_AndReadsOutsideThemStayOnEachContextsOwn()
    {
        Skip.If(app.Database.IsPostgres, "SQLite only.");
        var (firstScope, first) = await ContextAsync();
        var (secondScope, second) = await ContextAsync();
        await using (firstScope)
        await using (secondScope)
        {
            var firstOwn = first.Database.GetDbConnection();
            var secondOwn = second.Database.GetDbConnection();
            Assert.NotSame(firstOwn, secondOwn);

            System.Data.Common.DbConnection writer;
            await using (var tx = await first.Database.BeginTransactionAsync())
            {
                writer = first.Database.GetDbConnection();
                Assert.NotSame(firstOwn, writer);
                await first.Database.ExecuteSqlRawAsync(Touch);
                await tx.CommitAsync();
                // Once committed, the context is back on its own connection, before the transaction is disposed.
                Assert.Same(firstOwn, first.Database.GetDbConnection());
            }
            await using (var tx = await second.Database.BeginTransactionAsync())
            {
                Assert.Same(writer, second.Database.GetDbConnection());
                await tx.RollbackAsync();
            }
            Assert.Same(secondOwn, second.Database.GetDbConnection());
        }
    }

    [SkippableFact]
    public async Task AWriteOutsideATransaction_RunsOnTheWriter_AReadOnTheContextsOwnConnection()
    {
        Skip.If(app.Database.IsPostgres, "SQLite only.");
        var (scope, db) = await ContextAsync();
        await using (scope)
        {
            var own = (SqliteConnection)db.Database.GetDbConnection();
            SqliteConnection writer;
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                writer = (SqliteConnection)db.Database.GetDbConnection();
                await tx.CommitAsync();
            }
            var (ownBefore, writerBefore) = (Changes(own), Changes(writer));
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync(Touch));
            Assert.Equal(ownBefore, Changes(own));
            Assert.Equal(writerBefore + 1, Changes(writer));
            Assert.Same(own, db.Database.GetDbConnection());
        }
    }

    [SkippableFact]
    public async Task AFinishedTransactionDisposedLate_DoesNotLetGoOfTheGateTheNextTransactionHolds()
    {
        Skip.If(app.Database.IsPostgres, "SQLite only.");
        var (firstScope, first) = await ContextAsync();
        var (secondScope, second) = await ContextAsync();
        var (thirdScope, third) = await ContextAsync();
        await using (firstScope)
        await using (secondScope)
        await using (thirdScope)
        {
            var finished = await first.Database.BeginTransactionAsync();
            await first.Database.ExecuteSqlRawAsync(Touch);
            await finished.CommitAsync();

            await using var holding = await second.Database.BeginTransactionAsync();
            await second.Database.ExecuteSqlRawAsync(Touch);
            // The first transaction is disposed only now, while the second holds the gate and the writer.
            await finished.DisposeAsync();

            var waiting = third.Database.ExecuteSqlRawAsync(Touch);
            await Task.Delay(300);
            Assert.False(waiting.IsCompleted, "A third writer got in while the second transaction was still open.");
            await holding.CommitAsync();
            Assert.Equal(1, await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }

    [SkippableFact]
    public async Task ACommitThatFails_KeepsTheWriterUntilItsTransactionIsRolledBack_ThenTheNextOneBeginsOnIt()
    {
        Skip.If(app.Database.IsPostgres, "SQLite only.");
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
            CREATE TABLE IF NOT EXISTS writer_probe_parent (id INTEGER PRIMARY KEY);
            CREATE TABLE IF NOT EXISTS writer_probe_child (id INTEGER PRIMARY KEY,
                parent INTEGER NOT NULL REFERENCES writer_probe_parent (id) DEFERRABLE INITIALLY DEFERRED);
            """));
        var (scope, db) = await ContextAsync();
        await using (scope)
        {
            SqliteConnection writer;
            await using (var first = await db.Database.BeginTransactionAsync()) writer = (SqliteConnection)db.Database.GetDbConnection();
            // Foreign keys are checked (a pragma SQLite takes only outside a transaction), as they were after.
            var checkedBefore = ForeignKeys(writer);
            SQLitePCL.raw.sqlite3_exec(writer.Handle, "PRAGMA foreign_keys = ON");
            var failing = await db.Database.BeginTransactionAsync();
            Assert.Same(writer, db.Database.GetDbConnection());
            // A child without its parent: refused only at COMMIT (a deferred foreign key).
            await db.Database.ExecuteSqlRawAsync("INSERT INTO writer_probe_child (id, parent) VALUES (1, 42)");
            await Assert.ThrowsAsync<SqliteException>(() => failing.CommitAsync());
            Assert.Same(writer, db.Database.GetDbConnection());
            await failing.DisposeAsync();
            Assert.NotSame(writer, db.Database.GetDbConnection());
            SQLitePCL.raw.sqlite3_exec(writer.Handle, $"PRAGMA foreign_keys = {(checkedBefore ? "ON" : "OFF")}");
        }
        Assert.Equal(0, await app.WithDbAsync(async next =>
        {
            await using var tx = await next.Database.BeginTransactionAsync();
            var children = await next.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM writer_probe_child").SingleAsync();
            await next.Database.ExecuteSqlRawAsync(Touch);
            await tx.CommitAsync();
            return children;
        }));
    }

    private static bool ForeignKeys(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_keys";
        return Convert.ToInt64(command.ExecuteScalar()) == 1;
    }

    private static int Changes(SqliteConnection connection) => SQLitePCL.raw.sqlite3_total_changes(connection.Handle);
}
