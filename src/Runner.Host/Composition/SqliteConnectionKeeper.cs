using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Runner.Host.Composition;

/// <summary>
/// Keeps a context's SQLite connection open once EF Core has opened it, for as long as the (pooled) context lives.
/// EF Core opens and closes the connection around every statement outside a transaction, and each open of a SQLite
/// connection registers EF's fourteen SQL functions and its decimal collation on it again, which a checkout paid
/// about sixty times. A connection left open is seen by EF Core as opened by the application: it is used as it is
/// and closed when the context is disposed. SQLite has no server connection to spare and, in WAL mode, a connection
/// that is not in a statement or a transaction holds no lock and no snapshot, so keeping it costs a page cache.
/// </summary>
internal sealed class SqliteConnectionKeeper : DbConnectionInterceptor
{
    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData,
        InterceptionResult result) => ValueTask.FromResult(InterceptionResult.Suppress());
}
