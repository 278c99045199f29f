using Microsoft.Data.Sqlite;
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

/// <summary>A host that stops cleanly leaves the database file whole: the log is copied into it and emptied.</summary>
public class SqliteCleanStopTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [SkippableFact]
    public async Task AtStop_TheLogIsCopiedIntoTheDatabase_AndEmptied()
    {
        Skip.If(app.Database.IsPostgres, "SQLite only.");
        await app.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS stop_probe (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
            for (var i = 0; i < 10; i++) await db.Database.ExecuteSqlRawAsync("INSERT INTO stop_probe (body) VALUES ({0})", new string('y', 3000));
            return 0;
        });
        var file = new SqliteConnectionStringBuilder(app.Database.ConnectionString).DataSource;
        Assert.True(new FileInfo(file + "-wal").Length > 0);

        await app.Services.GetRequiredService<SqliteCheckpointer>().StopAsync(CancellationToken.None);

        Assert.Equal(0, new FileInfo(file + "-wal").Length);
        // The file alone, copied without its log, holds every row.
        var alone = Path.Combine(Path.GetTempPath(), $"runner-stop-{Guid.NewGuid():N}.db");
        File.Copy(file, alone);
        try
        {
            await using var copy = new SqliteConnection($"Data Source={alone};Pooling=False");
            await copy.OpenAsync();
            await using var count = copy.CreateCommand();
            count.CommandText = "SELECT count(*) FROM stop_probe";
            Assert.Equal(10L, await count.ExecuteScalarAsync());
        }
        finally
        {
            foreach (var f in new[] { alone, alone + "-wal", alone + "-shm" }) File.Delete(f);
        }
    }
}
