using Microsoft.EntityFrameworkCore;

namespace Runner.Kernel.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public static class DatabaseProviderExtensions
{
    public static DatabaseProvider Provider(this DbContext db) =>
        db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;
}

/// <summary>
/// A module's part of the one database model: its entity configurations. The kernel composes every registered
/// contributor into <see cref="RunnerDbContext"/>, so one transaction can span modules.
/// </summary>
public interface IModelContributor
{
    void Configure(ModelBuilder model, DatabaseProvider provider);
}
