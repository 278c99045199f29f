using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;

namespace Runner.Host.Startup;

/// <summary>
/// Tells whether the database lacks a migration of this build, in two plain queries. EF's own check
/// (GetPendingMigrationsAsync) first builds a model of the history table through the conventions, which on a start
/// that uses the compiled model is the only thing that would still load and compile them.
/// </summary>
internal static class MigrationHistory
{
    private const string Table = "__EFMigrationsHistory";

    public static async Task<bool> AnyPendingAsync(RunnerDbContext db, DatabaseProvider provider, CancellationToken ct)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var exists = await Sql.CommandAsync(db, provider == DatabaseProvider.Sqlite
            ? $"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{Table}'"
            : $"SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = '{Table}'", ct))
        {
            if (await exists.ExecuteScalarAsync(ct) is null) return true;
        }
        // The migration id is the table's first column, whatever the naming convention calls it.
        await using (var history = await Sql.CommandAsync(db, $"SELECT * FROM \"{Table}\"", ct))
        await using (var reader = await history.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));
        }
        return db.Database.GetMigrations().Any(m => !applied.Contains(m));
    }
}
