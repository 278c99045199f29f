#pragma warning disable EF1001 // SqliteRelationalConnection is EF Core's own SQLite connection, extended here by two rules.
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;
using Runner.Kernel.Data;

namespace Runner.Host.Composition;

/// <summary>
/// A pooled context's SQLite connection, opened once and kept open for as long as the context lives in the pool: EF
/// Core closes it after every statement outside a transaction and again whenever the context goes back to the pool,
/// and each close finalizes the statements SQLite had compiled on it (Microsoft.Data.Sqlite disposes its commands) and
/// each open registers EF Core's fourteen SQL functions and its collation again. Kept open, the statements compiled
/// for one request serve the next (<see cref="SqliteStatementCache"/>). In WAL mode a connection that is not in a
/// statement or a transaction holds no lock and no snapshot; a transaction left open is still rolled back when its
/// context goes back to the pool, and the connection is closed when the pool lets the context go.
/// <para>
/// A transaction runs on the host's shared writer connection instead (<see cref="SqliteWriter"/>): the context takes
/// the write gate first, then uses the writer until the gate is let go at the transaction's end, when it goes back to
/// its own connection before the next writer may take the shared one.
/// </para>
/// </summary>
internal sealed class SqliteOpenConnection(RelationalConnectionDependencies dependencies, IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger) : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    private readonly SqliteWriter? _writers = dependencies.ContextOptions.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider
        ?.GetService(typeof(SqliteWriter)) as SqliteWriter;

    /// <summary>The shared writer while this context's transaction holds the gate; null otherwise.</summary>
    private DbConnection? _writer;

    public override DbConnection DbConnection => _writer ?? base.DbConnection;

    /// <summary>The context's own connection; its writes outside transactions run on the writer as well.</summary>
    protected override DbConnection CreateDbConnection()
    {
        var connection = base.CreateDbConnection();
        if (_writers is not null && connection is SqliteConnection sqlite)
            SqliteStatementCache.WriteThrough(sqlite, () => _writers.For(ConnectionString, base.CreateDbConnection) as SqliteConnection);
        return connection;
    }

    protected override void CloseDbConnection() { }

    protected override Task CloseDbConnectionAsync() => Task.CompletedTask;

    public override IDbContextTransaction BeginTransaction(IsolationLevel isolationLevel)
    {
        var lease = Writer() is { } writer ? Enter(writer, SqliteWriteGate.EnterAsync(writer, Leave, default).AsTask().GetAwaiter().GetResult()) : null;
        try
        {
            return base.BeginTransaction(isolationLevel);
        }
        catch
        {
            Abandon(lease);
            throw;
        }
    }

    public override async Task<IDbContextTransaction> BeginTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken = default)
    {
        var lease = Writer() is { } writer ? Enter(writer, await SqliteWriteGate.EnterAsync(writer, Leave, cancellationToken)) : null;
        try
        {
            return await base.BeginTransactionAsync(isolationLevel, cancellationToken);
        }
        catch
        {
            Abandon(lease);
            throw;
        }
    }

    /// <summary>The writer a new transaction of this context runs on: none while one is open (EF Core refuses it).</summary>
    private DbConnection? Writer() =>
        _writers is null || _writer is not null || CurrentTransaction is not null ? null : _writers.For(ConnectionString, base.CreateDbConnection);

    private object Enter(DbConnection writer, object lease)
    {
        _writer = writer;
        return lease;
    }

    /// <summary>Run by the gate when it is let go, before the next writer gets the shared connection.</summary>
    private void Leave() => _writer = null;

    /// <summary>A transaction that failed to begin lets go of the gate it took for it (if BEGIN itself failed, it has).</summary>
    private void Abandon(object? lease)
    {
        if (lease is not null && _writer is { } writer) SqliteWriteGate.Release(writer, lease);
    }
}
