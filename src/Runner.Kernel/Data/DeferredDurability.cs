namespace Runner.Kernel.Data;

/// <summary>
/// One unit of work (a request) whose SQLite commits do not each wait for the log's flush (group commit,
/// <see cref="SqliteDurability"/>): the write gate notes that a flush is owed and lets the commit return; the scope's
/// end, and <see cref="BarrierAsync"/> before anything that leaves the process (a call to a payment gateway), wait for
/// one flush that began after the last commit. The log is written in order, so that flush makes every earlier commit
/// durable too. Nothing is answered before its writes are on disk, as before; the commits of one request just share
/// one flush instead of each waiting for its own. (Another request could already read a commit before its flush;
/// that does not change.)
/// <para>
/// The scope flows with the async context of the code that began it. A commit made after the scope ended (work the
/// request left running) waits for its own flush, as outside any scope. On PostgreSQL nothing is deferred: each commit
/// is durable when it returns.
/// </para>
/// </summary>
public sealed class DeferredDurability : IAsyncDisposable
{
    private static readonly AsyncLocal<DeferredDurability?> Current = new();

    private readonly DeferredDurability? _outer;
    private readonly Lock _lock = new();
    private List<SqliteDurability>? _owed;
    private bool _ended;

    private DeferredDurability(DeferredDurability? outer) => _outer = outer;

    /// <summary>Begins a scope for the calling code and what it awaits; dispose it (awaiting the flush) before answering.</summary>
    public static DeferredDurability Begin() => Current.Value = new DeferredDurability(Current.Value);

    /// <summary>
    /// Waits until every commit deferred so far in the current scope is on disk; at once outside a scope or with
    /// nothing owed. Call it before an effect outside the process that later commits must not get ahead of.
    /// </summary>
    public static Task BarrierAsync() => Current.Value?.FlushAsync() ?? Task.CompletedTask;

    /// <summary>For the write gate, after a commit: true when the current scope takes the flush on (the commit need not wait).</summary>
    internal static bool Defer(SqliteDurability durability)
    {
        if (Current.Value is not { } scope) return false;
        lock (scope._lock)
        {
            if (scope._ended) return false;
            scope._owed ??= [];
            if (!scope._owed.Contains(durability)) scope._owed.Add(durability);
            return true;
        }
    }

    /// <summary>Ends the scope (later commits wait for their own flush) and waits for the flush it owes.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_lock) _ended = true;
        // Synchronously, so the caller's context sees the outer scope again.
        if (Current.Value == this) Current.Value = _outer;
        return new ValueTask(FlushAsync());
    }

    private Task FlushAsync()
    {
        List<SqliteDurability>? owed;
        lock (_lock)
        {
            owed = _owed;
            _owed = null;
        }
        return owed switch
        {
            null => Task.CompletedTask,
            [var one] => one.WaitAsync(),
            _ => Task.WhenAll(owed.Select(d => d.WaitAsync())),
        };
    }
}
