using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Host.Composition;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Kernel;

/// <summary>
/// On SQLite the host copies the write-ahead log into the database in the background, so no commit does it while
/// holding the write lock; the host's connections keep SQLite's automatic checkpoint only as a net for a long log.
/// </summary>
public class SqliteCheckpointTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [SkippableFact]
    public async Task TheHostsConnections_LeaveTheLogToTheBackgroundCheckpoint_WithTheAutomaticOneAsANet()
    {
        Skip.If(app.Database.IsPostgres, "SQLite only.");
        var pages = await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA wal_autocheckpoint";
            return Convert.ToInt32(await command.ExecuteScalarAsync());
        });
        Assert.Equal(SqliteCheckpointer.AutomaticPages, pages);
    }

    [SkippableFact]
    public async Task WritesOfTheHost_AreCopiedIntoTheDatabase_InTheBackground()
    {
        Skip.If(app.Database.IsPostgres, "SQLite only.");
        var checkpointer = app.Services.GetRequiredService<SqliteCheckpointer>();
        var before = checkpointer.Checkpointed;
        await app.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS checkpoint_probe (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
            for (var i = 0; i < 20; i++)
                await db.Database.ExecuteSqlRawAsync("INSERT INTO checkpoint_probe (body) VALUES ({0})", new string('x', 3000));
            return 0;
        });

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (checkpointer.Checkpointed <= before && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(checkpointer.Checkpointed > before, "the background checkpoint copied nothing within 20 s");
        var rows = await app.WithDbAsync(db => db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM checkpoint_probe").SingleAsync());
        Assert.True(rows >= 20);
    }

    [Theory]
    [InlineData(0, 0, 40, 40, 40)]     // a fresh log, all copied
    [InlineData(40, 40, 70, 70, 30)]   // the log grew by 30 pages since
    [InlineData(70, 50, 70, 70, 20)]   // a reader had held 20 of them back
    [InlineData(70, 70, 12, 12, 12)]   // a writer restarted the log from its beginning
    [InlineData(70, 70, 70, 70, 0)]    // nothing new
    public void ACheckpoint_CountsOnlyThePagesItCopied(int lastLog, int lastCopied, int log, int copied, int fresh) =>
        Assert.Equal(fresh, SqliteCheckpointer.Fresh(lastLog, lastCopied, log, copied));
}
