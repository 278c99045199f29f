using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Runner.Host.Composition;

/// <summary>
/// Lets SQLite itself wait for the write lock (its busy handler backs off in a few milliseconds) instead of failing
/// at once and leaving Microsoft.Data.Sqlite to retry after a fixed 150 ms sleep, which made every collision between
/// two writers cost a sixth of a second. With group commit (<paramref name="groupCommit"/>, the write gate's own
/// setting) also sets <c>synchronous=NORMAL</c>: in WAL mode a commit is then written to
/// the log without an fsync of its own, and the write gate makes every writer wait for a shared one before its commit
/// returns (group commit, <see cref="Runner.Kernel.Data.SqliteDurability"/>), so commits stay as durable as with FULL.
/// Temporary data stays in memory; the log's automatic checkpoint waits for a much longer log (see
/// <see cref="SqliteCheckpointer"/>). The database file is not read through a memory map: a growing file (every order
/// grows it) makes each connection unmap and map it again, which cost a checkout more than the reads it saved.
/// </summary>
internal sealed class SqliteConnectionSetup(bool groupCommit) : DbConnectionInterceptor
{
    public const int Milliseconds = 10_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle }) return;
        SQLitePCL.raw.sqlite3_busy_timeout(handle, Milliseconds);
        if (groupCommit) SQLitePCL.raw.sqlite3_exec(handle, "PRAGMA synchronous=NORMAL;");
        // Statement journals (the undo of one statement or savepoint inside a transaction) stay in memory instead of
        // spilling to a temporary file opened and written for the statement.
        SQLitePCL.raw.sqlite3_exec(handle, "PRAGMA temp_store=MEMORY;");
        // The log is copied into the database by the host's background checkpoint (SqliteCheckpointer), not inside a
        // commit holding the write lock; the automatic one stays as a net.
        SQLitePCL.raw.sqlite3_exec(handle, $"PRAGMA wal_autocheckpoint={SqliteCheckpointer.AutomaticPages};");
    }
}
