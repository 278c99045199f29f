using Microsoft.EntityFrameworkCore;

namespace Runner.Kernel.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public static class DatabaseProviderExtensions
{
    /// <summary>
    /// Which database the context talks to. A <see cref="RunnerDbContext"/> asks EF Core once and keeps the answer (its
    /// provider never changes, pooled or not): EF Core's provider name is built from the provider assembly's name on
    /// every call, which cost a checkout ~1% of its CPU over the few dozen statements that ask.
    /// </summary>
    public static DatabaseProvider Provider(this DbContext db) => db is RunnerDbContext runner ? runner.DatabaseProvider : Of(db);

    internal static DatabaseProvider Of(DbContext db) =>
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
