using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Runner.Kernel.Data;

/// <summary>
/// Saves a unit of work that adds rows (an order with its lines, payment, timeline and outbox messages) and changes
/// rows (a cart and its lines) with one plain <c>INSERT</c> or <c>UPDATE</c> per row instead of EF Core's update
/// pipeline. That pipeline builds the SQL, its parameters and a dependency graph of the commands on every save; for a
/// checkout's thirteen new rows it took ~3 ms, all of it inside the order's transaction, which on SQLite holds the one
/// write lock of the database, and a cart's change with a new line 1.9 ms against 1.2 here (commit included). An update
/// sets the changed columns and checks the row's concurrency tokens: a versioned row that another save changed
/// meanwhile fails with <see cref="DbUpdateConcurrencyException"/>, as with EF Core.
/// <para>
/// What a save means is kept: the context's save interceptors run before and after (audit stamps, cache invalidation,
/// the outbox's wake-up, after-commit actions), values go through each property's type mapping and value converter as
/// EF Core would bind them, rows are inserted principals first, the whole save is one transaction (the caller's,
/// after a savepoint, or one of its own), a failure surfaces as <see cref="DbUpdateException"/> and saves nothing
/// (the caller's transaction goes on), and the entries end <c>Unchanged</c>. Anything else (a deleted row, a changed key,
/// an entity type with store-generated values, owned or complex types, inheritance or a shared table) is handed to
/// <see cref="DbContext.SaveChangesAsync(CancellationToken)"/>.
/// </para>
/// </summary>
public static class AddedRows
{
    private const string Savepoint = "runner_added_rows";

    /// <summary>Saves the context's changes; the fast path when every change is an added or changed row of a plain table.</summary>
    public static async Task<int> SaveAsync(RunnerDbContext db, CancellationToken ct)
    {
        var tracker = db.ChangeTracker;
        tracker.DetectChanges();
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            // Nothing to save is SaveChanges' too: it still runs the interceptors (after-commit actions outside a transaction).
            if (Rows(db) is not { Count: > 0 } rows)
                return await SaveChangesAsync(db, detect, ct);
            var interceptors = Interceptors(db);
            foreach (var interceptor in interceptors)
                await interceptor.SavingChangesAsync(new DbContextEventData(null!, null!, db), default, ct);
            // What the interceptors added or changed (audit stamps, versions) is saved too, by SaveChanges if need be. A
            // new row's values are read from the entity when it is written, so only the other rows are scanned again
            // (an order's save is mostly new rows: a second full scan cost as much as the first).
            foreach (var entry in tracker.Entries())
                if (entry.State != EntityState.Added) entry.DetectChanges();
            if (Rows(db) is not { } saving) return await SaveChangesAsync(db, detect, ct);
            rows = saving;

            var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            // In the caller's transaction a failure must leave it as it was, so the caller may go on (as SaveChanges
            // does): several rows are inserted after a savepoint (one statement fails whole by itself).
            var savepoint = own is null && rows.Count > 1 && db.Database.AutoSavepointsEnabled
                && db.Database.CurrentTransaction is { SupportsSavepoints: true } ? db.Database.CurrentTransaction : null;
            try
            {
                if (savepoint is not null) await savepoint.CreateSavepointAsync(Savepoint, ct);
                await WriteAsync(db, rows, ct);
                if (savepoint is not null) await savepoint.ReleaseSavepointAsync(Savepoint, ct);
                if (own is not null) await own.CommitAsync(ct);
            }
            catch (Exception e)
            {
                if (savepoint is not null) await savepoint.RollbackToSavepointAsync(Savepoint, CancellationToken.None);
                foreach (var interceptor in interceptors)
                    await interceptor.SaveChangesFailedAsync(new DbContextErrorEventData(null!, null!, db, e), CancellationToken.None);
                if (e is OperationCanceledException or DbUpdateException) throw;
                throw new DbUpdateException("An error occurred while saving the entity changes. See the inner exception for details.", e);
            }
            finally
            {
                if (own is not null) await own.DisposeAsync();
            }
            tracker.AcceptAllChanges();
            foreach (var interceptor in interceptors)
                await interceptor.SavedChangesAsync(new SaveChangesCompletedEventData(null!, null!, db, rows.Count), rows.Count, ct);
            return rows.Count;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>The rows to write, new ones principals first, then the changed ones; null when a change needs SaveChanges.</summary>
    private static List<(EntityEntry Entry, Table Table)>? Rows(RunnerDbContext db)
    {
        var rows = new List<(EntityEntry Entry, Table Table)>();
        var changed = new List<(EntityEntry Entry, Table Table)>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Unchanged) continue;
            if (Table.Of(entry.Metadata, db) is not { } table) return null;
            if (entry.State == EntityState.Added && table.Settled(entry)) rows.Add((entry, table));
            else if (entry.State == EntityState.Modified && table.Updatable(entry)) changed.Add((entry, table));
            else return null;
        }
        var ranks = new Dictionary<Table, int>();
        foreach (var (_, table) in rows)
            if (!ranks.ContainsKey(table) && (ranks[table] = table.Rank(rows)) < 0) return null;
        return [.. rows.OrderBy(r => ranks[r.Table]), .. changed];
    }

    private static async Task<int> SaveChangesAsync(RunnerDbContext db, bool detect, CancellationToken ct)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = detect;
        return await db.SaveChangesAsync(ct);
    }

    private static async Task WriteAsync(RunnerDbContext db, List<(EntityEntry Entry, Table Table)> rows, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        if (connection.CanCreateBatch)
        {
            // One round trip for every row (PostgreSQL), as EF Core batches them.
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            await using var factory = connection.CreateCommand();
            foreach (var (entry, table) in rows)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = table.Sql(entry, positional: true);
                table.Bind(entry, factory, command.Parameters, positional: true);
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(ct);
            for (var i = 0; i < rows.Count; i++) Expect(rows[i], batch.BatchCommands[i].RecordsAffected);
            return;
        }
        // SQLite runs statements in process: each statement is compiled once per connection and kept. The write gate's
        // hold time is tagged with the first table written, as for EF Core's own statements.
        foreach (var row in rows)
        {
            var sql = row.Table.Sql(row.Entry, positional: false);
            if (row == rows[0]) SqliteWriteGate.Name(connection, sql);
            await using var command = await Sql.CommandAsync(db, sql, ct);
            row.Table.Bind(row.Entry, command, command.Parameters, positional: false);
            Expect(row, await command.ExecuteNonQueryAsync(ct));
        }
    }

    /// <summary>A row's statement must have written it: a changed row that is gone, or whose version moved on, did not.</summary>
    private static void Expect((EntityEntry Entry, Table Table) row, int affected)
    {
        if (affected == 1) return;
        throw new DbUpdateConcurrencyException(
            $"The database operation was expected to affect 1 row(s), but actually affected {affected} row(s); the {row.Entry.Metadata.ShortName()} "
            + "may have been modified or deleted since it was loaded.");
    }

    private static IReadOnlyList<ISaveChangesInterceptor> Interceptors(RunnerDbContext db) =>
        InterceptorsByOptions.GetValue(db.GetService<IDbContextOptions>(), static o =>
            [.. o.FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<ISaveChangesInterceptor>() ?? []]);

    private static readonly ConditionalWeakTable<IDbContextOptions, IReadOnlyList<ISaveChangesInterceptor>> InterceptorsByOptions = [];

    /// <summary>How one entity type's rows are inserted and updated: its table, columns and their type mappings.</summary>
    private sealed class Table
    {
        private static readonly ConditionalWeakTable<IEntityType, Holder> Shapes = [];
        private sealed record Holder(Table? Table);

        private readonly IEntityType _type;
        private readonly IProperty[] _columns;
        private readonly RelationalTypeMapping[] _mappings;
        private readonly int[] _generated;
        private readonly string _name;
        private readonly string[] _names;
        private readonly int[] _keys;
        private readonly int[] _tokens;
        private readonly string _named;
        private readonly string _positional;

        private Table(IEntityType type, string name, IReadOnlyList<IColumnMapping> columns, ISqlGenerationHelper sql)
        {
            _type = type;
            _columns = [.. columns.Select(c => c.Property)];
            _mappings = [.. columns.Select(c => c.TypeMapping)];
            _generated = [.. Enumerable.Range(0, _columns.Length).Where(i => _columns[i].ValueGenerated != ValueGenerated.Never)];
            _name = name;
            _names = [.. columns.Select(c => sql.DelimitIdentifier(c.Column.Name))];
            _keys = [.. Enumerable.Range(0, _columns.Length).Where(i => _columns[i].IsPrimaryKey())];
            _tokens = [.. Enumerable.Range(0, _columns.Length).Where(i => _columns[i].IsConcurrencyToken)];
            var list = string.Join(", ", _names);
            _named = $"INSERT INTO {name} ({list}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
            _positional = $"INSERT INTO {name} ({list}) VALUES ({string.Join(", ", columns.Select((_, i) => "$" + (i + 1)))})";
        }

        /// <summary>
        /// The row's statement: the table's <c>INSERT</c> for a new row; for a changed one an <c>UPDATE</c> of its changed
        /// columns, found by its key and, where the type has them, its concurrency tokens' original values.
        /// </summary>
        public string Sql(EntityEntry entry, bool positional)
        {
            if (entry.State == EntityState.Added) return positional ? _positional : _named;
            var sql = new StringBuilder("UPDATE ").Append(_name).Append(" SET ");
            var n = 0;
            foreach (var i in Changed(entry)) sql.Append(n == 0 ? "" : ", ").Append(_names[i]).Append(" = ").Append(Parameter(n++, positional));
            sql.Append(" WHERE ");
            var where = 0;
            foreach (var i in _keys) sql.Append(where++ == 0 ? "" : " AND ").Append(_names[i]).Append(" = ").Append(Parameter(n++, positional));
            foreach (var i in _tokens)
            {
                sql.Append(where++ == 0 ? "" : " AND ").Append(_names[i]);
                if (entry.Property(_columns[i]).OriginalValue is null) sql.Append(" IS NULL");
                else sql.Append(" = ").Append(Parameter(n++, positional));
            }
            return sql.ToString();
        }

        private static string Parameter(int n, bool positional) => positional ? "$" + (n + 1) : ParameterName(n);

        /// <summary>"@p0", "@p1", …: made once, not for every value of every row.</summary>
        private static string ParameterName(int n) => n < ParameterNames.Length ? ParameterNames[n] : "@p" + n;

        private static readonly string[] ParameterNames = [.. Enumerable.Range(0, 128).Select(i => "@p" + i)];

        /// <summary>The columns of a changed row that changed, in the table's order.</summary>
        private IEnumerable<int> Changed(EntityEntry entry)
        {
            for (var i = 0; i < _columns.Length; i++)
                if (entry.Property(_columns[i]).IsModified) yield return i;
        }

        /// <summary>Whether a changed row can be written by <see cref="Sql"/>: its key is as loaded and something changed.</summary>
        public bool Updatable(EntityEntry entry) =>
            _keys.Length > 0 && !_keys.Any(i => entry.Property(_columns[i]).IsModified) && Changed(entry).Any();

        /// <summary>Whether every generated value of the row (its Guid key) was set by the client, as EF Core does on Add.</summary>
        public bool Settled(EntityEntry entry)
        {
            foreach (var i in _generated)
            {
                var property = entry.Property(_columns[i]);
                if (property.IsTemporary || property.CurrentValue is null || Equals(property.CurrentValue, Guid.Empty)) return false;
            }
            return true;
        }

        /// <summary>Binds the values of <see cref="Sql"/>'s parameters, in its order, through each column's type mapping.</summary>
        public void Bind(EntityEntry entry, DbCommand factory, DbParameterCollection parameters, bool positional)
        {
            if (entry.State != EntityState.Added)
            {
                var n = 0;
                foreach (var i in Changed(entry)) Add(i, entry.Property(_columns[i]).CurrentValue);
                foreach (var i in _keys) Add(i, entry.Property(_columns[i]).CurrentValue);
                foreach (var i in _tokens)
                    if (entry.Property(_columns[i]).OriginalValue is { } original) Add(i, original);
                return;

                void Add(int column, object? value) => parameters.Add(
                    _mappings[column].CreateParameter(factory, positional ? "" : ParameterName(n++), value, _columns[column].IsNullable));
            }
            var entity = entry.Entity;
            for (var i = 0; i < _columns.Length; i++)
            {
                var property = _columns[i];
                var value = property.IsShadowProperty() ? entry.Property(property.Name).CurrentValue
                    : property.GetGetter().GetClrValueUsingContainingEntity(entity);
                parameters.Add(_mappings[i].CreateParameter(factory, positional ? "" : ParameterName(i), value, property.IsNullable));
            }
        }

        /// <summary>How deep the type sits below the other types being inserted (principals first); -1 on a cycle.</summary>
        public int Rank(List<(EntityEntry Entry, Table Table)> rows, int depth = 0)
        {
            if (depth > 16) return -1;
            var rank = 0;
            foreach (var fk in _type.GetForeignKeys())
            {
                var principal = rows.FirstOrDefault(r => r.Table._type == fk.PrincipalEntityType).Table;
                if (principal is null) continue;
                var above = principal.Rank(rows, depth + 1);
                if (above < 0) return -1;
                rank = Math.Max(rank, above + 1);
            }
            return rank;
        }

        /// <summary>The insert shape of a plain table's entity type; null when EF Core must save it.</summary>
        public static Table? Of(IEntityType type, DbContext db) =>
            Shapes.GetValue(type, t => new Holder(Build(t, db.GetService<ISqlGenerationHelper>()))).Table;

        private static Table? Build(IEntityType type, ISqlGenerationHelper sql)
        {
            // A type referring to itself (a tree) needs its rows ordered one by one, as EF Core does.
            if (type.IsOwned() || type.BaseType is not null || type.GetDirectlyDerivedTypes().Any() || type.GetComplexProperties().Any()
                || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) || type.GetForeignKeys().Any(fk => fk.PrincipalEntityType == type))
                return null;
            var mappings = type.GetTableMappings().ToList();
            if (mappings is not [{ } mapping] || mapping.Table.EntityTypeMappings.Count() != 1) return null;
            var columns = mapping.ColumnMappings.ToList();
            if (columns.Count != type.GetProperties().Count()) return null;
            // Store-computed values are EF Core's to read back; a client-generated Guid key is set on Add.
            if (columns.Any(c => c.Property.ValueGenerated != ValueGenerated.Never && c.Property.ClrType != typeof(Guid))) return null;
            return new Table(type, sql.DelimitIdentifier(mapping.Table.Name, mapping.Table.Schema), columns, sql);
        }
    }
}
