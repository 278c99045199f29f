using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Runner.Kernel.Data;

/// <summary>
/// Group commit for SQLite. Runner's connections commit with <c>synchronous=NORMAL</c> (in WAL mode SQLite then writes
/// the commit to the log without waiting for the disk), and every writer waits here, after its commit and after
/// handing the write gate on, until one <c>fsync</c> of the log that began after its commit has finished. So nothing
/// is acknowledged before it is on disk, as with <c>synchronous=FULL</c>, but writers that commit while an fsync is
/// running share the next one instead of each holding the one write lock through an fsync of its own (0.3 ms here,
/// against a few tens of microseconds of work for a cart's update).
/// <para>
/// An fsync flushes the file, whichever descriptor wrote it, so the log is opened for each flush (a log deleted and
/// made anew after a checkpoint is never missed; SQLite keeps no lock on the log file, which a closed descriptor could
/// drop). Without a log file the last connection checkpointed (and synced) everything into the database and removed
/// it: there is nothing to flush. Runner always runs SQLite in WAL mode.
/// </para>
/// </summary>
public sealed class SqliteDurability
{
    private static readonly ConcurrentDictionary<string, SqliteDurability> Files = new(StringComparer.Ordinal);
    private static readonly Meter Meter = new("Runner.Database");
    private static readonly Counter<long> FlushCount = Meter.CreateCounter<long>("runner.sqlite.group_commit.flushes", null,
        "fsyncs of the SQLite write-ahead log made for waiting writers");
    private static readonly Counter<long> WaiterCount = Meter.CreateCounter<long>("runner.sqlite.group_commit.waiters", null,
        "Commits that waited for an fsync of the SQLite write-ahead log");

    /// <summary>How long the flushing thread waits for more work before it ends (the next waiter starts another).</summary>
    private static readonly TimeSpan IdleExit = TimeSpan.FromSeconds(2);

    private readonly Func<CancellationToken, Task> _flush;
    private readonly object _lock = new();
    private TaskCompletionSource? _next;
    private bool _running;
    private long _flushes;

    /// <param name="flush">Makes everything written to the database so far durable (tests pass their own).</param>
    public SqliteDurability(Func<CancellationToken, Task> flush) => _flush = flush;

    /// <summary>The group commit of one database file (<paramref name="databasePath"/>, as SQLite names it).</summary>
    public static SqliteDurability For(string databasePath) =>
        Files.GetOrAdd(databasePath, path => new SqliteDurability(_ =>
        {
            FlushFile(path);
            return Task.CompletedTask;
        }));

    /// <summary>How many flushes this file has had.</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

    /// <summary>Completes once a flush that began after this call has finished (or fails with that flush's error).</summary>
    public Task WaitAsync()
    {
        WaiterCount.Add(1);
        lock (_lock)
        {
            var batch = _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_running)
            {
                Monitor.Pulse(_lock);
            }
            else
            {
                _running = true;
                new Thread(FlushLoop) { IsBackground = true, Name = "Runner SQLite flush" }.Start();
            }
            return batch.Task;
        }
    }

    /// <summary>
    /// Flushes batch after batch on a thread of its own: the writers that arrive during a flush wait for the next one.
    /// The fsync blocks for as long as the disk takes; on a thread-pool thread it also held up whatever that thread
    /// had queued, among it the next writer's turn at the write gate, which waited idle behind the disk.
    /// </summary>
    private void FlushLoop()
    {
        while (true)
        {
            TaskCompletionSource batch;
            lock (_lock)
            {
                while (_next is null)
                {
                    if (!Monitor.Wait(_lock, IdleExit) && _next is null)
                    {
                        _running = false;
                        return;
                    }
                }
                batch = _next;
                _next = null;
            }
            try
            {
                _flush(CancellationToken.None).GetAwaiter().GetResult();
                Interlocked.Increment(ref _flushes);
                FlushCount.Add(1);
                batch.SetResult();
            }
            catch (Exception e)
            {
                batch.SetException(e);
            }
        }
    }

    private static void FlushFile(string databasePath)
    {
        if (databasePath is "" or ":memory:") return; // an in-memory database has nothing to flush
        try
        {
            Flush(databasePath + "-wal");
        }
        catch (FileNotFoundException)
        {
            // No log: a checkpoint copied every commit into the database file and synced it before removing the log.
            // The database file itself is never opened here: closing a descriptor of it would drop the POSIX locks
            // SQLite holds on it in this process.
        }
    }

    private static void Flush(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
        stream.Flush(flushToDisk: true);
    }
}
