using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Runner.Tests.Infrastructure;

/// <summary>Scans a test database: every text value of every table, to prove that a secret (a card number) is in none.</summary>
internal static class DatabaseText
{
    /// <summary>Every text value of every table (SQLite or PostgreSQL).</summary>
    public static Task<List<string>> AllAsync(RunnerApp app) => app.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var columns = new List<(string Table, string Column)>();
        var listing = app.Database.IsPostgres
            ? "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'jsonb', 'json')"
            : "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'";
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = listing;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        var values = new List<string>();
        foreach (var (table, column) in columns)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT CAST(\"{column}\" AS TEXT) FROM \"{table}\" WHERE \"{column}\" IS NOT NULL";
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        }
        return values;
    });
}
