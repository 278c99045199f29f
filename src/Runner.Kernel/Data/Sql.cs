using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Runner.Kernel.Data;

/// <summary>
/// Small helpers for the few statements written in SQL by hand (leases, atomic stock moves, search), where the
/// two providers differ only in details such as how an instant is stored.
/// </summary>
public static class Sql
{
    /// <summary>An instant as the provider stores it: timestamptz on PostgreSQL, fixed-width UTC text on SQLite.</summary>
    public static object Time(DatabaseProvider provider, DateTimeOffset value) =>
        provider == DatabaseProvider.Postgres ? value.ToUniversalTime() : UtcTimestampConverter.Format(value);

    public static DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(string)
            ? UtcTimestampConverter.Parse(reader.GetString(ordinal))
            : reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>A Guid as the provider stores it: uuid on PostgreSQL, upper-case text on SQLite (as EF Core writes it).</summary>
    public static object Id(DatabaseProvider provider, Guid value) =>
        provider == DatabaseProvider.Postgres ? value : value.ToString().ToUpperInvariant();

    public static Guid ReadId(DbDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(string) ? Guid.Parse(reader.GetString(ordinal)) : reader.GetGuid(ordinal);

    /// <summary>
    /// Creates a command on the context's connection, enlisted in its current transaction. A connection this opens is
    /// closed again when the command is disposed, as EF Core closes the ones its own queries open: left open, it stayed
    /// out of the pool until the request ended, and requests that then needed a second connection (the payment work
    /// runs in a scope of its own) could wait for each other until the pool's time-out.
    /// <para>
    /// A write is refused outside a transaction: EF Core's interceptors do not see a command made by hand, so on SQLite
    /// such a write would skip the write gate and return before it is on disk (group commit waits at the end of a
    /// transaction). Write in a transaction, or through EF Core (<c>ExecuteSqlRawAsync</c>), which the gate sees.
    /// </para>
    /// </summary>
    public static async Task<DbCommand> CommandAsync(DbContext db, string sql, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null && SqliteWriteGate.IsWrite(sql))
            throw new InvalidOperationException(
                "A statement written by hand that changes data must run in a transaction (or through EF Core's ExecuteSqlRawAsync): " + sql);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        var command = ICommandSource.Of(db)?.Create(connection) ?? connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return opened ? new ConnectionClosingCommand(command, db) : command;
    }

    /// <summary>
    /// Serializes a check-then-write across the store: the transaction this runs in is the only one past this point
    /// for <paramref name="name"/> until it ends. On PostgreSQL a transaction-scoped advisory lock keyed by the name (two
    /// saves of read committed transactions would otherwise both pass a check that reads other rows); on SQLite the
    /// transaction already holds the one write lock (Runner's transactions begin <c>IMMEDIATE</c>), so nothing more is
    /// needed. Call it first in the transaction, before the reads it protects.
    /// </summary>
    public static async Task LockAsync(DbContext db, string name, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException($"The lock '{name}' is held for a transaction; begin one first.");
        if (db.Provider() != DatabaseProvider.Postgres) return;
        await using var command = await CommandAsync(db, "SELECT pg_advisory_xact_lock(@key)", ct);
        await command.With("@key", LockKey(name)).ExecuteNonQueryAsync(ct);
    }

    /// <summary>A stable 64-bit key for an advisory lock: the first 8 bytes of the name's SHA-256.</summary>
    public static long LockKey(string name) =>
        BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("runner:" + name)), 0);

    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
        return command;
    }
}
