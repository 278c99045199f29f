#pragma warning disable EF1001 // SqliteRelationalConnection is EF Core's own SQLite connection, extended here by one rule.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace Runner.Host.Composition;

/// <summary>
/// A pooled context's SQLite connection, opened once and kept open for as long as the context lives in the pool: EF
/// Core closes it after every statement outside a transaction and again whenever the context goes back to the pool,
/// and each close finalizes the statements SQLite had compiled on it (Microsoft.Data.Sqlite disposes its commands) and
/// each open registers EF Core's fourteen SQL functions and its collation again. Kept open, the statements compiled
/// for one request serve the next (<see cref="SqliteStatementCache"/>). In WAL mode a connection that is not in a
/// statement or a transaction holds no lock and no snapshot; a transaction left open is still rolled back when its
/// context goes back to the pool, and the connection is closed when the pool lets the context go.
/// </summary>
internal sealed class SqliteOpenConnection(RelationalConnectionDependencies dependencies, IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger) : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    protected override void CloseDbConnection() { }

    protected override Task CloseDbConnectionAsync() => Task.CompletedTask;
}
