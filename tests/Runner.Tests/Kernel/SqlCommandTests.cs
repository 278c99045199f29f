using System.Data;
using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Kernel;

/// <summary>
/// Raw commands give their connection back to the pool as EF Core's own queries do (PostgreSQL); on SQLite a context
/// keeps its connection open for its whole life, through EF Core's queries and raw commands alike.
/// </summary>
public class SqlCommandTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [SkippableFact]
    public async Task OnSqlite_TheConnectionStaysOpenAcrossQueriesAndCommands()
    {
        Skip.If(app.Database.IsPostgres, "PostgreSQL connections go back to the pool after each statement.");
        await app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").SingleAsync());
            Assert.Equal(ConnectionState.Open, connection.State);
            await using (var command = await Sql.CommandAsync(db, "SELECT 2", CancellationToken.None))
                Assert.Equal(2L, Convert.ToInt64(await command.ExecuteScalarAsync()));
            Assert.Equal(ConnectionState.Open, connection.State);
            // Transactions still begin, commit and roll back on it.
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                await db.Database.ExecuteSqlRawAsync("CREATE TEMP TABLE keeper_probe (x INTEGER)");
                await transaction.RollbackAsync();
            }
            Assert.Equal(ConnectionState.Open, connection.State);
            return 0;
        });
    }

    [SkippableFact]
    public async Task ACommandThatOpenedTheConnection_ClosesItWhenDisposed()
    {
        Skip.IfNot(app.Database.IsPostgres, "SQLite contexts keep their connection open (the test above).");
        await app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            Assert.Equal(ConnectionState.Closed, connection.State);
            await using (var command = await Sql.CommandAsync(db, "SELECT 1", CancellationToken.None))
            {
                Assert.Equal(ConnectionState.Open, connection.State);
                Assert.Equal(1L, Convert.ToInt64(await command.ExecuteScalarAsync()));
            }
            Assert.Equal(ConnectionState.Closed, connection.State);
            // EF Core queries still open and close it themselves afterwards.
            Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").SingleAsync());
            Assert.Equal(ConnectionState.Closed, connection.State);
            return 0;
        });
    }

    [Fact]
    public async Task ACommandInsideATransaction_LeavesTheConnectionToTheTransaction() =>
        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await using (var command = await Sql.CommandAsync(db, "SELECT 1", CancellationToken.None))
                await command.ExecuteScalarAsync();
            Assert.Equal(ConnectionState.Open, db.Database.GetDbConnection().State);
            await transaction.CommitAsync();
            return 0;
        });

    [Fact]
    public async Task AWriteByHand_IsRefusedOutsideATransaction_AndRunsInOne()
    {
        const string Write = "UPDATE kernel_secrets SET value = value WHERE name = 'no such secret'";
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(db => Sql.CommandAsync(db, Write, default)));
        Assert.Contains("transaction", refused.Message);
        Assert.Equal(0, await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await using var command = await Sql.CommandAsync(db, "-- a comment first\n" + Write, default);
            var changed = await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            return changed;
        }));
        // Reads need no transaction.
        await app.WithDbAsync(async db =>
        {
            await using var read = await Sql.CommandAsync(db, "SELECT COUNT(*) FROM kernel_secrets", default);
            return await read.ExecuteScalarAsync();
        });
    }
}
