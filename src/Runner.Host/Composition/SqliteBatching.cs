using Microsoft.EntityFrameworkCore.Update;

namespace Runner.Host.Composition;

/// <summary>
/// Sends a SaveChanges' inserts, updates and deletes to SQLite in batches of up to <see cref="MaxBatchSize"/>
/// statements per command, as EF Core does for PostgreSQL, instead of one command per row. SQLite runs in the process
/// and gains nothing from fewer round trips, but every command costs EF Core its own preparation, interceptors and
/// result handling, and a checkout's order (the order, its lines, its timeline, its payment, its outbox message) is
/// written while the database's one write lock is held. Each statement still reports its own outcome: updates and
/// deletes guarded by a concurrency token return a row (<c>RETURNING 1</c>) that EF Core counts per statement.
/// </summary>
internal sealed class SqliteBatching(ModificationCommandBatchFactoryDependencies dependencies) : IModificationCommandBatchFactory
{
    public const int MaxBatchSize = 32;

    public ModificationCommandBatch Create() => new Batch(dependencies);

    private sealed class Batch(ModificationCommandBatchFactoryDependencies dependencies)
        : AffectedCountModificationCommandBatch(dependencies, SqliteBatching.MaxBatchSize);
}
