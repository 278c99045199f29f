using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Runner.Kernel.Data;

namespace Runner.Host.Composition;

/// <summary>
/// Keeps SQLite's compiled statements per connection, so a statement EF Core runs again is bound and stepped, not
/// parsed and planned again. Microsoft.Data.Sqlite compiles a command's SQL the first time that command runs and keeps
/// it with the command; EF Core makes a new command for every execution, so every statement of every request was
/// compiled anew (about 5% of the host's CPU in a checkout; 1.9% with this cache). The commands EF Core creates on a
/// SQLite connection are thin <see cref="CachedCommand"/>s: setting the SQL rents a command already compiled for that
/// text on this connection (or makes one), and disposing gives it back. A command still in use when the same SQL runs again (a
/// nested reader) gets one of its own that is not kept; one that failed is dropped. Microsoft.Data.Sqlite drops
/// compiled statements when their connection closes and compiles them again on next use, and SQLite re-compiles one
/// whose schema changed, so a kept command is never stale. Up to <see cref="Capacity"/> statements per connection.
/// </summary>
internal sealed class SqliteStatementCache : DbCommandInterceptor, ICommandSource
{
    public const int Capacity = 96;

    private static readonly ConditionalWeakTable<SqliteConnection, Statements> ByConnection = [];

    public override InterceptionResult<DbCommand> CommandCreating(CommandCorrelatedEventData eventData, InterceptionResult<DbCommand> result) =>
        eventData.Connection is SqliteConnection connection
            ? InterceptionResult<DbCommand>.SuppressWithResult(new CachedCommand(connection, ByConnection.GetValue(connection, Watch)))
            : result;

    /// <summary>The commands written by hand (<see cref="Sql.CommandAsync"/>) are kept the same way.</summary>
    public DbCommand Create(DbConnection connection) => connection is SqliteConnection sqlite
        ? new CachedCommand(sqlite, ByConnection.GetValue(sqlite, Watch))
        : connection.CreateCommand();

    /// <summary>
    /// A connection's statements live while it is open: closing it finalizes the statements of the commands made on it
    /// (Microsoft.Data.Sqlite disposes them) and hands its handle back to the pool, so the kept commands are dropped then.
    /// </summary>
    private static Statements Watch(SqliteConnection connection)
    {
        var statements = new Statements();
        connection.StateChange += (_, e) =>
        {
            if (e.CurrentState != ConnectionState.Open) statements.Clear();
        };
        return statements;
    }

    /// <summary>How many statements a connection keeps (tests).</summary>
    internal static int CountFor(SqliteConnection connection) => ByConnection.TryGetValue(connection, out var s) ? s.Count : 0;

    /// <summary>One connection's commands by SQL text; used only by the one request that holds the connection.</summary>
    internal sealed class Statements
    {
        private readonly Dictionary<string, SqliteCommand> _idle = new(StringComparer.Ordinal);
        private readonly HashSet<SqliteCommand> _rented = [];

        public int Count => _idle.Count + _rented.Count;

        /// <summary>The kept command for <paramref name="sql"/>, or a new one (kept when there is room and no other runs it).</summary>
        public SqliteCommand Rent(SqliteConnection connection, string sql)
        {
            lock (this)
            {
                if (_idle.Remove(sql, out var command))
                {
                    _rented.Add(command);
                    command.Parameters.Clear();
                    command.Transaction = null;
                    return command;
                }
                if (Count >= Capacity) Evict();
                command = connection.CreateCommand();
                command.CommandText = sql;
                if (sql.Length > 0 && Count < Capacity && !_rented.Any(c => c.CommandText == sql)) _rented.Add(command);
                return command;
            }
        }

        /// <summary>Drops every kept command; those in use are disposed when given back.</summary>
        public void Clear()
        {
            lock (this)
            {
                Evict();
                _rented.Clear();
            }
        }

        /// <summary>A full cache starts again with what runs next (statements not in use are dropped).</summary>
        private void Evict()
        {
            foreach (var idle in _idle.Values) idle.Dispose();
            _idle.Clear();
        }

        /// <summary>Gives a kept command back for the next execution of its SQL; one not kept, or that failed, is dropped.</summary>
        public void Return(SqliteCommand command, bool failed)
        {
            lock (this)
            {
                if (_rented.Remove(command) && !failed && _idle.TryAdd(command.CommandText, command)) return;
            }
            command.Dispose();
        }
    }

    /// <summary>The command EF Core sees: it forwards to the kept command for its SQL.</summary>
    internal sealed class CachedCommand(SqliteConnection connection, Statements statements) : DbCommand
    {
        private SqliteCommand? _inner;
        private bool _failed;
        private string _text = "";
        private int? _timeout;

        private SqliteCommand Inner => _inner ??= Rent(_text);

        private SqliteCommand Rent(string sql)
        {
            var inner = statements.Rent(connection, sql);
            if (_timeout is { } t) inner.CommandTimeout = t;
            return inner;
        }

        [AllowNull]
        public override string CommandText
        {
            get => _text;
            set
            {
                var text = value ?? "";
                if (_inner is not null && text == _text) return;
                var before = _inner;
                var parameters = before?.Parameters.Cast<SqliteParameter>().ToList();
                var transaction = before?.Transaction;
                Release();
                _text = text;
                _inner = Rent(text);
                if (parameters is { Count: > 0 }) _inner.Parameters.AddRange(parameters);
                if (transaction is not null) _inner.Transaction = transaction;
            }
        }

        public override int CommandTimeout
        {
            get => _inner?.CommandTimeout ?? _timeout ?? 30;
            set
            {
                _timeout = value;
                if (_inner is not null) _inner.CommandTimeout = value;
            }
        }

        public override CommandType CommandType
        {
            get => CommandType.Text;
            set
            {
                if (value != CommandType.Text) throw new ArgumentException("SQLite runs only CommandType.Text.", nameof(value));
            }
        }
        public override bool DesignTimeVisible { get; set; }
        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection
        {
            get => connection;
            set
            {
                if (value is not null && !ReferenceEquals(value, connection))
                    throw new InvalidOperationException("A cached SQLite command stays on the connection it was made for.");
            }
        }

        protected override DbParameterCollection DbParameterCollection => Inner.Parameters;
        protected override DbTransaction? DbTransaction { get => Inner.Transaction; set => Inner.Transaction = (SqliteTransaction?)value; }

        public override void Cancel() => _inner?.Cancel();
        public override void Prepare() => Inner.Prepare();
        protected override DbParameter CreateDbParameter() => new SqliteParameter();

        public override int ExecuteNonQuery() => Run(static c => c.ExecuteNonQuery());
        public override object? ExecuteScalar() => Run(static c => c.ExecuteScalar());
        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Run(c => c.ExecuteReader(behavior));

        // Microsoft.Data.Sqlite runs every statement synchronously; its async methods only wrap these.
        public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(ExecuteNonQuery());
        }

        public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(ExecuteScalar());
        }

        protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(ExecuteDbDataReader(behavior));
        }

        private T Run<T>(Func<SqliteCommand, T> execute)
        {
            try
            {
                return execute(Inner);
            }
            catch
            {
                _failed = true;
                throw;
            }
        }

        private void Release()
        {
            if (_inner is not { } inner) return;
            _inner = null;
            statements.Return(inner, _failed);
            _failed = false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) Release();
            base.Dispose(disposing);
        }
    }
}
