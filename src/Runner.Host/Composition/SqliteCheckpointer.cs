using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Hosting;

namespace Runner.Host.Composition;

/// <summary>
/// Copies SQLite's write-ahead log into the database file in the background, on a connection of its own. Left to
/// itself SQLite does it in the commit that grows the log past 1,000 pages, inside that commit's statement, so one
/// writer in every few dozen held the process's write gate (<see cref="SqliteWriteGate"/>) through a copy of a
/// thousand pages and an fsync of the database file while every other writer queued behind it. A passive checkpoint
/// takes no writer's lock: writers go on appending to the log while it copies what readers no longer need.
/// <para>
/// The host's connections keep an automatic checkpoint as a net, at <see cref="AutomaticPages"/> pages (about 40 MB
/// of log), reached only when this service is not running (a tool that opens the database without the host) or falls
/// behind; the log is restarted from its beginning by the first writer after a checkpoint that copied all of it.
/// </para>
/// </summary>
internal sealed class SqliteCheckpointer(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, ILogger<SqliteCheckpointer> logger)
    : BackgroundService
{
    /// <summary>The host's connections' automatic checkpoint, in pages (<c>PRAGMA wal_autocheckpoint</c>).</summary>
    public const int AutomaticPages = 10_000;

    /// <summary>How long the service waits after a checkpoint that left nothing behind.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private static readonly Meter Meter = new("Runner.Database");
    private static readonly Counter<long> Frames = Meter.CreateCounter<long>("runner.sqlite.checkpoint.frames", null,
        "Pages of the SQLite write-ahead log copied into the database file by the background checkpoint");

    private long _checkpointed;
    private int _lastLog, _lastCopied;

    /// <summary>How many pages of the log this service has copied into the database file.</summary>
    public long Checkpointed => Interlocked.Read(ref _checkpointed);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var database = options.Value;
        if (database.Kind != DatabaseProvider.Sqlite || !IsFile(RunnerComposition.SqliteConnectionString(database))) return;
        if (!await scopes.WaitForStartupAsync(stoppingToken)) return;
        await using var connection = Open(database);
        while (!stoppingToken.IsCancellationRequested)
        {
            var behind = false;
            try
            {
                behind = RunOnce(connection).Behind;
            }
            catch (SqliteException e)
            {
                logger.LogWarning(e, "A background checkpoint of the SQLite log failed; trying again.");
            }
            try { await Task.Delay(behind ? Interval / 5 : Interval, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
        // A clean stop (the server has drained its requests) leaves the database file whole: what the log still holds
        // is copied into it and the log emptied, so a copy of the file alone is the whole store.
        try
        {
            Checkpoint(connection, SQLitePCL.raw.SQLITE_CHECKPOINT_TRUNCATE);
        }
        catch (SqliteException e)
        {
            logger.LogWarning(e, "The SQLite log was not emptied at stop.");
        }
    }

    /// <summary>
    /// One passive checkpoint: copies every page of the log no reader still needs. Log and Copied are the pages in the
    /// log and those copied so far; Behind is true when pages were left (a reader's snapshot still needed them).
    /// </summary>
    public (int Log, int Copied, bool Behind) RunOnce(SqliteConnection connection)
    {
        var (log, copied) = Checkpoint(connection, SQLitePCL.raw.SQLITE_CHECKPOINT_PASSIVE);
        var fresh = Fresh(_lastLog, _lastCopied, log, copied);
        (_lastLog, _lastCopied) = (log, copied);
        if (fresh > 0)
        {
            Interlocked.Add(ref _checkpointed, fresh);
            Frames.Add(fresh);
        }
        return (log, copied, log > copied);
    }

    /// <summary>
    /// A checkpoint of <paramref name="mode"/>: the pages in the log and those copied so far. SQLITE_BUSY (another
    /// checkpoint running, or at stop a reader or writer that outlasted the busy timeout) is not an error: the next
    /// one goes on; anything else throws.
    /// </summary>
    private static (int Log, int Copied) Checkpoint(SqliteConnection connection, int mode)
    {
        var rc = SQLitePCL.raw.sqlite3_wal_checkpoint_v2(connection.Handle, "main", mode, out var log, out var copied);
        if (rc != SQLitePCL.raw.SQLITE_OK && rc != SQLitePCL.raw.SQLITE_BUSY) SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        return (log, copied);
    }

    /// <summary>
    /// The pages a checkpoint copied, from the counts SQLite gives before and after it: both are of the log since it
    /// last restarted from its beginning, so smaller counts mean it restarted.
    /// </summary>
    public static int Fresh(int lastLog, int lastCopied, int log, int copied) =>
        log < lastLog || copied < lastCopied ? copied : copied - lastCopied;

    /// <summary>A connection of the checkpoint's own, outside the pool.</summary>
    public static SqliteConnection Open(DatabaseOptions database)
    {
        var builder = new SqliteConnectionStringBuilder(RunnerComposition.SqliteConnectionString(database)) { Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        // Only the checkpoint at stop waits for other connections (a passive one never does).
        SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, 2_000);
        // A connection opens the log with its first read; until then a checkpoint on it has no log to copy.
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT count(*) FROM sqlite_master";
        read.ExecuteScalar();
        return connection;
    }

    private static bool IsFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.Mode != SqliteOpenMode.Memory && builder.DataSource is not ("" or ":memory:");
    }
}
