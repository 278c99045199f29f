using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Runner.Kernel.Data;

/// <summary>
/// SQLite lets one writer at a time hold a database's write lock; the others poll for it, sleeping a thread between
/// tries (1, 2, 5, 10, 25 … 100 ms), so under load writers wait far longer than the lock is held and threads sit
/// asleep while the CPU idles. This interceptor makes every write of the process wait its turn asynchronously on one
/// gate per database file instead: a transaction from its start (Runner's transactions begin <c>IMMEDIATE</c>, taking
/// the lock at once) to its commit, rollback or failure; a write statement outside any transaction (a one-row
/// SaveChanges, an <c>ExecuteUpdate</c>) for its execution. The gate is handed to the next writer the moment it is
/// released. A transaction disposed without commit or rollback (an exception) lets go when it is disposed
/// (<see cref="GatedTransactionFactory"/>), and a closed connection holds nothing. SQLite's own lock still decides
/// between host processes. Commands created by hand on the connection (<see cref="Sql.CommandAsync"/>) are not seen by
/// this interceptor; <see cref="Sql.CommandAsync"/> refuses a write outside a transaction, so they only write within
/// one, which holds the gate.
/// <para>
/// With <c>groupCommit</c> (the host's connections commit with <c>synchronous=NORMAL</c>) a writer that committed
/// waits, once it has handed the gate on, for the log to be flushed (<see cref="SqliteDurability"/>): its commit, its
/// <c>SaveChanges</c> or its <c>ExecuteUpdate</c> returns only when what it wrote is on disk. Hand-made commands
/// write only inside transactions (see above), whose commit waits.
/// </para>
/// </summary>
public sealed class SqliteWriteGate(bool groupCommit = false) : IDbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor
{
    /// <summary>
    /// Whether writers wait for a shared flush after committing: only then may connections commit with
    /// <c>synchronous=NORMAL</c> (the host's connection setup reads this).
    /// </summary>
    public bool GroupCommit => groupCommit;

    /// <summary>How long a writer waits for the gate before giving up with an error, like SQLite's busy timeout.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, Gate> Gates = new(StringComparer.Ordinal);

    /// <summary>
    /// One database's gate, with what tells how long it stood free while writers waited for it: the time from a release
    /// to the moment the writer it woke runs (a continuation queued on the thread pool).
    /// </summary>
    private sealed class Gate
    {
        public readonly SemaphoreSlim Lock = new(1, 1);
        public long ReleasedAt;

        public void Release()
        {
            Volatile.Write(ref ReleasedAt, Stopwatch.GetTimestamp());
            Lock.Release();
        }
    }
    private static readonly ConditionalWeakTable<DbConnection, Lease> Held = [];

    /// <summary>
    /// The gate held by one connection; released once, whichever release comes first. Its hold time is recorded with
    /// what held it: a transaction or one statement, and the table of its first write.
    /// </summary>
    private sealed class Lease(Gate gate)
    {
        private readonly long _since = Stopwatch.GetTimestamp();
        private int _released;

        public bool Transaction { get; set; }
        public string? Table { get; set; }

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            var held = Stopwatch.GetElapsedTime(_since).TotalMilliseconds;
            var section = new KeyValuePair<string, object?>("section", Transaction ? "transaction" : "statement");
            var table = new KeyValuePair<string, object?>("table", Table ?? "none");
            HoldTime.Record(held, section, table);
            BusyTime.Add(held, section, table);
            gate.Release();
        }
    }

    /// <summary>How long writers wait for the gate and hold it (meter <c>Runner.Database</c>; e.g. <c>dotnet-counters</c>).</summary>
    private static readonly Meter Meter = new("Runner.Database");
    private static readonly Histogram<double> WaitTime = Meter.CreateHistogram<double>("runner.sqlite.write_gate.wait", "ms",
        "Time a writer waited for the SQLite write gate");
    private static readonly Histogram<double> HoldTime = Meter.CreateHistogram<double>("runner.sqlite.write_gate.hold", "ms",
        "Time a writer held the SQLite write gate (a transaction, or one statement outside any), by section and first table written");
    /// <summary>
    /// The gate's hold times added up: its rate (ms per second, over 1,000) is the share of the time some writer holds the
    /// write lock, the bound on how many more writes the database can take.
    /// </summary>
    private static readonly Counter<double> BusyTime = Meter.CreateCounter<double>("runner.sqlite.write_gate.busy", "ms",
        "Total time the SQLite write gate was held");
    /// <summary>
    /// The time the gate stood free between a release and the writer it woke (its continuation waiting for a thread):
    /// added to <see cref="BusyTime"/>, the share of the time the lock is taken or being handed on.
    /// </summary>
    private static readonly Counter<double> HandoffTime = Meter.CreateCounter<double>("runner.sqlite.write_gate.handoff", "ms",
        "Total time the SQLite write gate stood free while a woken writer waited to run");

    // Transactions: from BEGIN to COMMIT / ROLLBACK / failure.
    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await AcquireAsync(connection, cancellationToken);
        if (Held.TryGetValue(connection, out var lease)) lease.Transaction = true;
        return result;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        AcquireAsync(connection, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        if (Held.TryGetValue(connection, out var lease)) lease.Transaction = true;
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        Durable(ConnectionOf(eventData), Release(ConnectionOf(eventData))).GetAwaiter().GetResult();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Durable(ConnectionOf(eventData), Release(ConnectionOf(eventData)));

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(ConnectionOf(eventData));

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(ConnectionOf(eventData));
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData)
    {
        if (eventData.Action is "Start" or "Commit" or "Rollback") Release(ConnectionOf(eventData));
    }

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }

    // Write statements outside a transaction: for their execution.
    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (IsAutocommitWrite(command)) await AcquireAsync(command.Connection!, cancellationToken);
        Name(command);
        return result;
    }

    public async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        await Durable(command.Connection, ReleaseAutocommit(command));
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (IsAutocommitWrite(command)) await AcquireAsync(command.Connection!, cancellationToken);
        Name(command);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
        CancellationToken cancellationToken = default)
    {
        if (IsAutocommitWrite(command)) await AcquireAsync(command.Connection!, cancellationToken);
        Name(command);
        return result;
    }

    public async ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        await Durable(command.Connection, ReleaseAutocommit(command));
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (IsAutocommitWrite(command)) AcquireAsync(command.Connection!, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        Name(command);
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Durable(command.Connection, ReleaseAutocommit(command)).GetAwaiter().GetResult();
        return result;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (IsAutocommitWrite(command)) AcquireAsync(command.Connection!, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        Name(command);
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        if (IsAutocommitWrite(command)) AcquireAsync(command.Connection!, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        Name(command);
        return result;
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Durable(command.Connection, ReleaseAutocommit(command)).GetAwaiter().GetResult();
        return result;
    }

    /// <summary>An autocommit statement keeps the lock until its reader is done (SQLite commits when the statement is reset).</summary>
    public async ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        // Closing the reader resets the statement, which commits it; the lease is let go once that is done.
        if (!HoldsForAutocommitWrite(command)) return result;
        await eventData.DataReader.CloseAsync();
        await Durable(command.Connection, ReleaseAutocommit(command));
        return InterceptionResult.Suppress();
    }

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        if (!HoldsForAutocommitWrite(command)) return result;
        eventData.DataReader.Close();
        Durable(command.Connection, ReleaseAutocommit(command)).GetAwaiter().GetResult();
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => ReleaseAutocommit(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseAutocommit(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => ReleaseAutocommit(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseAutocommit(command);
        return Task.CompletedTask;
    }

    // Whatever happened before, a closed connection holds no lock.
    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Release(connection);
        return Task.CompletedTask;
    }

    public void ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    public Task ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Release(connection);
        return Task.CompletedTask;
    }

    private static async ValueTask AcquireAsync(DbConnection connection, CancellationToken ct)
    {
        if (Held.TryGetValue(connection, out _)) return;
        Held.AddOrUpdate(connection, new Lease(await WaitAsync(connection, ct)));
    }

    private static async ValueTask<Gate> WaitAsync(DbConnection connection, CancellationToken ct)
    {
        var gate = Gates.GetOrAdd(connection.DataSource, _ => new Gate());
        if (gate.Lock.Wait(0))
        {
            WaitTime.Record(0);
            return gate;
        }
        var waiting = Stopwatch.GetTimestamp();
        if (!await gate.Lock.WaitAsync(Timeout, ct))
            throw new TimeoutException($"Waited {Timeout.TotalSeconds:N0} s for the database's write lock; the writer holding it has not finished.");
        var now = Stopwatch.GetTimestamp();
        WaitTime.Record(Stopwatch.GetElapsedTime(waiting, now).TotalMilliseconds);
        // Woken by a release: the gate stood free from that release until now.
        var idle = Stopwatch.GetElapsedTime(Volatile.Read(ref gate.ReleasedAt), now).TotalMilliseconds;
        if (idle >= 0) HandoffTime.Add(idle);
        return gate;
    }

    /// <summary>
    /// Lets go of the gate <paramref name="connection"/> holds, if it holds it (every end of a transaction calls this);
    /// true when it did.
    /// </summary>
    internal static bool Release(DbConnection? connection)
    {
        if (connection is null || !Held.TryGetValue(connection, out var lease) || !Held.Remove(connection)) return false;
        lease.Release();
        return true;
    }

    /// <summary>
    /// After a commit that held the gate: waits, with the gate handed on, until the commit is on disk (group commit),
    /// unless the unit of work defers that wait to its end (<see cref="DeferredDurability"/>).
    /// </summary>
    private Task Durable(DbConnection? connection, bool committedWrite)
    {
        if (!groupCommit || !committedWrite || connection is null) return Task.CompletedTask;
        var durability = SqliteDurability.For(connection.DataSource);
        return DeferredDurability.Defer(durability) ? Task.CompletedTask : durability.WaitAsync();
    }

    private static DbConnection? ConnectionOf(TransactionEndEventData data) => data.Context?.Database.GetDbConnection();

    private static bool ReleaseAutocommit(DbCommand command) => command.Transaction is null && Release(command.Connection);

    /// <summary>Whether <paramref name="command"/> is a write outside a transaction whose connection holds the gate for it.</summary>
    private static bool HoldsForAutocommitWrite(DbCommand command) => IsAutocommitWrite(command) && Held.TryGetValue(command.Connection!, out _);

    private static bool IsAutocommitWrite(DbCommand command) => command.Transaction is null && command.Connection is not null && IsWrite(command.CommandText);

    /// <summary>Names the section a connection's lease is for after its first write statement.</summary>
    private static void Name(DbCommand command)
    {
        if (command.Connection is { } connection && IsWrite(command.CommandText)) Name(connection, command.CommandText);
    }

    /// <summary>
    /// Names the section <paramref name="connection"/> holds the gate for, when it has no name yet, after the table of a
    /// write statement run by hand (the commands EF Core runs are named by the interceptor).
    /// </summary>
    internal static void Name(DbConnection connection, string writeSql)
    {
        if (Held.TryGetValue(connection, out var lease) && lease.Table is null) lease.Table = TableOf(writeSql);
    }

    /// <summary>The table a write statement changes (<c>INSERT INTO t</c>, <c>UPDATE t</c>, <c>DELETE FROM t</c>), unquoted.</summary>
    internal static string TableOf(string sql)
    {
        var words = Statement(sql).ToString().Split((char[]?)null, 6, StringSplitOptions.RemoveEmptyEntries);
        var at = words.Length > 0 && words[0].Equals("UPDATE", StringComparison.OrdinalIgnoreCase) ? 1
            : Array.FindIndex(words, w => w.Equals("INTO", StringComparison.OrdinalIgnoreCase) || w.Equals("FROM", StringComparison.OrdinalIgnoreCase)) + 1;
        if (at <= 0 || at >= words.Length) return "unknown";
        var name = words[at].Trim('"', '`', '[', ']');
        var paren = name.IndexOf('(');
        return (paren > 0 ? name[..paren] : name) is { Length: > 0 and <= 64 } table ? table : "unknown";
    }

    /// <summary>The statement after any leading comments.</summary>
    private static ReadOnlySpan<char> Statement(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        while (text.StartsWith("--", StringComparison.Ordinal))
        {
            var end = text.IndexOf('\n');
            text = end < 0 ? [] : text[(end + 1)..].TrimStart();
        }
        return text;
    }

    /// <summary>Whether the statement (after any leading comments) changes data.</summary>
    internal static bool IsWrite(string sql)
    {
        var text = Statement(sql);
        return text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || text.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase);
    }
}
