using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace Runner.Kernel.Data;

/// <summary>A generated secret kept in the database (table <c>kernel_secrets</c>), base64.</summary>
public sealed class StoredSecret
{
    public required string Name { get; set; }
    public required string Value { get; set; }
}

/// <summary>
/// Keys a module needs the same in every host process over one database (the card fingerprint key, the key that signs
/// order links) when the deployment configures none: 32 random bytes made the first time a name is asked for and
/// kept in <c>kernel_secrets</c>. The first writer wins (<c>ON CONFLICT DO NOTHING</c>), so processes racing to make
/// one all end up with the same. A secret never changes once made, so each process reads it once and keeps it. The
/// first read goes through the caller's context, inside its transaction if one is open: on SQLite a second connection
/// would wait for the write lock that transaction holds. What is read inside a caller's transaction is not kept, since
/// it may be a secret that transaction made and then rolls back: the next ask reads it again.
/// </summary>
public sealed class SharedSecrets
{
    public const int MaxNameLength = 50;

    private readonly ConcurrentDictionary<string, byte[]> _known = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The secret if this process has read it already, else null.</summary>
    public byte[]? Known(string name) => _known.GetValueOrDefault(name);

    public async ValueTask<byte[]> GetAsync(RunnerDbContext db, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > MaxNameLength) throw new ArgumentException($"A secret's name has at most {MaxNameLength} characters.", nameof(name));
        if (_known.TryGetValue(name, out var key)) return key;
        await _gate.WaitAsync(ct);
        try
        {
            if (_known.TryGetValue(name, out key)) return key;
            var stored = await ReadAsync(db, name, ct);
            if (stored is null)
            {
                // Through EF Core, so the write is seen like any other: in the caller's transaction if one is open, else
                // on SQLite it takes its turn at the write gate and returns once it is on disk.
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO kernel_secrets (name, value) VALUES ({0}, {1}) ON CONFLICT (name) DO NOTHING",
                    [name, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))], ct);
                stored = await ReadAsync(db, name, ct) ?? throw new InvalidOperationException($"The secret {name} could not be stored.");
            }
            var secret = Convert.FromBase64String(stored);
            if (db.Database.CurrentTransaction is null) _known[name] = secret;
            return secret;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<string?> ReadAsync(RunnerDbContext db, string name, CancellationToken ct)
    {
        await using var read = await Sql.CommandAsync(db, "SELECT value FROM kernel_secrets WHERE name = @name", ct);
        return await read.With("@name", name).ExecuteScalarAsync(ct) as string;
    }
}
