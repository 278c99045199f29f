using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Runner.Checkout.Carts;
using Runner.Checkout.Contracts;
using Runner.Host.Composition;
using Runner.Kernel.Data;
using Runner.Store.Contracts;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Kernel;

/// <summary>
/// On SQLite a pooled context's connection stays open, the statements it compiled are kept for the next execution of
/// the same SQL, and SaveChanges sends its rows in batches; none of it may change what a statement does.
/// </summary>
public class SqliteStatementTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private const string Numbers = "SELECT value AS \"Value\" FROM json_each('[1,2,3]')";

    [SkippableFact]
    public async Task AStatementRunAgain_IsTheOneKept_AndTheConnectionOutlivesEFCoresCloses()
    {
        Skip.If(app.Database.IsPostgres, "SQLite only.");
        await app.WithDbAsync(async db =>
        {
            Assert.Equal([1, 2, 3], await db.Database.SqlQueryRaw<int>(Numbers).ToListAsync());
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            var kept = SqliteStatementCache.CountFor(connection);
            Assert.True(kept > 0);
            Assert.Equal([1, 2, 3], await db.Database.SqlQueryRaw<int>(Numbers).ToListAsync());
            Assert.Equal(kept, SqliteStatementCache.CountFor(connection));
            // What EF Core does when a statement ends and when the context goes back to the pool: the connection stays open.
            await db.Database.CloseConnectionAsync();
            Assert.Equal(ConnectionState.Open, connection.State);
            Assert.Equal(kept, SqliteStatementCache.CountFor(connection));
            return 0;
        });
    }

    [SkippableFact]
    public async Task TheSameSqlNestedInItsOwnReader_RunsOnACommandOfItsOwn()
    {
        Skip.If(app.Database.IsPostgres, "SQLite only.");
        var pairs = await app.WithDbAsync(async db =>
        {
            var seen = new List<(int, int)>();
            await foreach (var outer in db.Database.SqlQueryRaw<int>(Numbers).AsAsyncEnumerable())
                foreach (var inner in await db.Database.SqlQueryRaw<int>(Numbers).ToListAsync())
                    seen.Add((outer, inner));
            return seen;
        });
        Assert.Equal(9, pairs.Count);
        Assert.Equal([1, 1, 1, 2, 2, 2, 3, 3, 3], pairs.Select(p => p.Item1));
    }

    [SkippableFact]
    public async Task AStatementThatFailed_IsNotKept_AndRunsAgainWithOtherValues()
    {
        Skip.If(app.Database.IsPostgres, "SQLite only.");
        await app.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS stmt_probe (x INTEGER PRIMARY KEY)");
            const string insert = "INSERT INTO stmt_probe (x) VALUES ({0})";
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync(insert, 1));
            await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync(insert, 1));
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync(insert, 2));
            Assert.Equal([1, 2], await db.Database.SqlQueryRaw<int>("SELECT x AS \"Value\" FROM stmt_probe ORDER BY x").ToListAsync());
            await db.Database.ExecuteSqlRawAsync("DROP TABLE stmt_probe");
            return 0;
        });
    }

    [Fact]
    public async Task ABatchWithAStaleRow_SavesNothing_AndSaysWhichRowWasStale()
    {
        var channel = await app.WithDbAsync(db => db.Database
            .SqlQueryRaw<Guid>("SELECT id AS \"Value\" FROM store_channels WHERE is_default").SingleAsync());
        var first = NewCart(channel);
        var second = NewCart(channel);
        await app.WithDbAsync(async db =>
        {
            db.AddRange(first, second);
            return await db.SaveChangesAsync();
        });
        // Another writer changes the first cart after this one read it.
        var third = await app.WithDbAsync(async stale =>
        {
            var carts = await stale.Set<Cart>().Where(c => c.Id == first.Id || c.Id == second.Id).ToListAsync();
            await app.WithDbAsync(async other =>
            {
                var cart = await other.Set<Cart>().SingleAsync(c => c.Id == first.Id);
                cart.Note = "changed meanwhile";
                return await other.SaveChangesAsync();
            });
            foreach (var cart in carts) cart.Note = "stale change";
            var added = NewCart(channel);
            stale.Add(added);
            var error = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
            Assert.Equal(first.Id, Assert.IsType<Cart>(Assert.Single(error.Entries).Entity).Id);
            return added.Id;
        });
        await app.WithDbAsync(async db =>
        {
            Assert.False(await db.Set<Cart>().AnyAsync(c => c.Id == third));
            Assert.Equal(["changed meanwhile", null], await db.Set<Cart>().Where(c => c.Id == first.Id || c.Id == second.Id)
                .OrderBy(c => c.Id == first.Id ? 0 : 1).Select(c => c.Note).ToListAsync());
            return 0;
        });
    }

    private static Cart NewCart(Guid channel) => new()
    {
        Id = new CartId(Guid.CreateVersion7()), ChannelId = new ChannelId(channel), Status = CartStatus.Open, Currency = "USD",
        LastActivityAt = DateTimeOffset.UtcNow,
    };
}
