using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Runner.Kernel.Data;

/// <summary>The SQL type of a key column of a <see cref="SumUpsert"/> table.</summary>
public enum SumKey { Integer, BigInt, Text }

/// <summary>
/// Adds rows of counters to a table of sums (<c>INSERT … ON CONFLICT (keys) DO UPDATE SET n = n + excluded.n</c>) in one
/// statement whose only parameter is the rows as a JSON array of arrays: SQLite reads them with <c>json_each</c>,
/// PostgreSQL with <c>jsonb_array_elements</c>, in the order given (so concurrent writers lock rows in one order).
/// <para>
/// One parameter instead of one per value: SQLite looks each named parameter up in a list of the statement's names,
/// once when it compiles the statement and once when it binds it, so a statement of a few hundred parameters (an
/// order's funnel or profit rows) spent more CPU finding them than adding the rows. And the SQL is the same whatever
/// the number of rows, so it is compiled once per connection (the statement cache keeps it).
/// </para>
/// Each row holds the key values (a <see cref="string"/>, <see cref="int"/> or <see cref="long"/>, in the order of the
/// keys) then the sums; a key of two rows must differ (PostgreSQL refuses to update one row twice in a statement).
/// </summary>
public sealed class SumUpsert
{
    private readonly int _keys;
    private readonly int _width;
    private readonly string _sqlite;
    private readonly string _postgres;

    public SumUpsert(string table, IReadOnlyList<(string Column, SumKey Type)> keys, IReadOnlyList<string> sums)
    {
        _keys = keys.Count;
        _width = keys.Count + sums.Count;
        var columns = string.Join(", ", keys.Select(k => k.Column).Concat(sums));
        var conflict = $" ON CONFLICT ({string.Join(", ", keys.Select(k => k.Column))}) DO UPDATE SET "
            + string.Join(", ", sums.Select(s => $"{s} = {table}.{s} + excluded.{s}"));
        // SQLite: "WHERE true" tells the parser that ON CONFLICT belongs to the INSERT, not to a join.
        _sqlite = $"INSERT INTO {table} ({columns}) SELECT "
            + string.Join(", ", Enumerable.Range(0, _width).Select(i => $"value ->> {i}"))
            + " FROM json_each({0}) WHERE true" + conflict;
        _postgres = $"INSERT INTO {table} ({columns}) SELECT "
            + string.Join(", ", Enumerable.Range(0, _width).Select(i => i < _keys
                ? keys[i].Type switch { SumKey.Integer => $"(r.v ->> {i})::integer", SumKey.BigInt => $"(r.v ->> {i})::bigint", _ => $"r.v ->> {i}" }
                : $"(r.v ->> {i})::bigint"))
            + " FROM jsonb_array_elements(CAST({0} AS jsonb)) WITH ORDINALITY AS r(v, i) ORDER BY r.i" + conflict;
    }

    /// <summary>The statement for a provider.</summary>
    public string SqlFor(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? _postgres : _sqlite;

    /// <summary>Adds the rows in the caller's transaction (nothing when there are none); the number of rows written.</summary>
    public Task<int> AddAsync(DbContext db, IReadOnlyCollection<(object[] Keys, long[] Sums)> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return Task.FromResult(0);
        return db.Database.ExecuteSqlRawAsync(SqlFor(db.Provider()), [Json(rows)], ct);
    }

    /// <summary>The rows as <c>[[key, …, sum, …], …]</c>.</summary>
    public string Json(IReadOnlyCollection<(object[] Keys, long[] Sums)> rows)
    {
        var buffer = new ArrayBufferWriter<byte>(rows.Count * _width * 8 + 16);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var (keys, sums) in rows)
            {
                if (keys.Length != _keys || keys.Length + sums.Length != _width)
                    throw new ArgumentException($"A row has {keys.Length} keys and {sums.Length} sums; the table takes {_keys} and {_width - _keys}.");
                json.WriteStartArray();
                foreach (var key in keys)
                {
                    switch (key)
                    {
                        case string s: json.WriteStringValue(s); break;
                        case int i: json.WriteNumberValue(i); break;
                        case long l: json.WriteNumberValue(l); break;
                        default: throw new ArgumentException($"A key of type {key?.GetType().Name ?? "null"} is not a string, int or long.");
                    }
                }
                foreach (var sum in sums) json.WriteNumberValue(sum);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
