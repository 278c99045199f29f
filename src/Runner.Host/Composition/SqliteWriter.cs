using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Runner.Host.Composition;

/// <summary>
/// The one SQLite connection per database file on which every transaction of the host runs, one after another under
/// the write gate (<see cref="Runner.Kernel.Data.SqliteWriteGate"/>). SQLite drops a connection's whole page cache
/// whenever it sees that another connection has committed since its last read, so with a connection per request every
/// write transaction began by reading its B-tree pages again from the log and the file, while holding the write lock
/// that every other writer waits for. The host's writes are serialised anyway: on one connection they find the pages
/// the transaction before them left in its cache, and the statements it compiled (<see cref="SqliteStatementCache"/>).
/// Reads outside transactions stay on each context's own connection. Opened on first use, closed with the host.
/// </summary>
internal sealed class SqliteWriter(bool groupCommit) : IDisposable
{
    /// <summary>The writer of each database by connection string; null for an in-memory one.</summary>
    private readonly Dictionary<string, DbConnection?> _open = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>
    /// The writer for the database of <paramref name="connectionString"/>, opened with <paramref name="create"/> (a
    /// connection set up as EF Core sets up its own) the first time; null for an in-memory database, which a second
    /// connection would not share.
    /// </summary>
    public DbConnection? For(string? connectionString, Func<DbConnection> create)
    {
        if (string.IsNullOrEmpty(connectionString)) return null;
        lock (_open)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_open.TryGetValue(connectionString, out var open)) return open;
            DbConnection? connection = null;
            if (IsFile(connectionString))
            {
                connection = create();
                connection.Open();
                SqliteConnectionSetup.Apply(connection, groupCommit);
            }
            _open[connectionString] = connection;
            return connection;
        }
    }

    private static bool IsFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.Mode != SqliteOpenMode.Memory && builder.DataSource is not ("" or ":memory:");
    }

    public void Dispose()
    {
        lock (_open)
        {
            _disposed = true;
            foreach (var connection in _open.Values) connection?.Dispose();
            _open.Clear();
        }
    }
}
