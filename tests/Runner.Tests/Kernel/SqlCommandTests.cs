using System.Data;
using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Kernel;

/// <summary>Raw commands give their connection back to the pool as EF Core's own queries do.</summary>
public class SqlCommandTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task ACommandThatOpenedTheConnection_ClosesItWhenDisposed() =>
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
}
