using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Kernel;

/// <summary>
/// SQLite group commit: Runner's connections commit with synchronous=NORMAL and every commit waits for an fsync of the
/// log that began after it, shared with the commits that arrived meanwhile.
/// </summary>
public class GroupCommitTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    [Fact]
    public async Task EveryWaiter_IsReleasedByAFlushThatBeganAfterItArrived_AndWaitersShareFlushes()
    {
        var arrivals = new long[200];
        var flushStarts = new List<long>();
        var flushEnds = new List<long>();
        long clock = 0;
        var durability = new SqliteDurability(async _ =>
        {
            lock (flushStarts) flushStarts.Add(Interlocked.Increment(ref clock));
            await Task.Delay(5);
            lock (flushStarts) flushEnds.Add(Interlocked.Increment(ref clock));
        });

        var released = await Task.WhenAll(Enumerable.Range(0, arrivals.Length).Select(async i =>
        {
            await Task.Delay(Random.Shared.Next(0, 20));
            arrivals[i] = Interlocked.Increment(ref clock);
            await durability.WaitAsync();
            return Interlocked.Increment(ref clock);
        }));

        Assert.True(durability.Flushes < arrivals.Length, $"{durability.Flushes} flushes for {arrivals.Length} waiters: none shared");
        for (var i = 0; i < arrivals.Length; i++)
        {
            // Some flush started after this waiter arrived and ended before it was released.
            var covered = flushStarts.Zip(flushEnds).Any(f => f.First > arrivals[i] && f.Second < released[i]);
            Assert.True(covered, $"waiter {i} was released without a flush that began after it arrived");
        }
    }

    [Fact]
    public async Task AFailedFlush_FailsItsWaiters_AndTheNextFlushRuns()
    {
        var fail = true;
        var durability = new SqliteDurability(_ => fail ? throw new IOException("disk gone") : Task.CompletedTask);
        await Assert.ThrowsAsync<IOException>(() => durability.WaitAsync());
        fail = false;
        await durability.WaitAsync();
        Assert.Equal(1, durability.Flushes);
    }

    [Fact]
    public async Task TheFlushRunsOnAThreadOfItsOwn_NotOnThePool_AndAnotherStartsAfterItEndedIdle()
    {
        var threads = new List<(Thread Thread, bool Pool, string? Name)>();
        var durability = new SqliteDurability(_ =>
        {
            lock (threads) threads.Add((Thread.CurrentThread, Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name));
            Thread.Sleep(2); // a disk: the thread blocks, and blocks no pool thread's queued work
            return Task.CompletedTask;
        });
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(durability.WaitAsync)));
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // the flushing thread ends after 2 s without work
        await durability.WaitAsync();
        Assert.All(threads, t => Assert.False(t.Pool));
        Assert.All(threads, t => Assert.Equal("Runner SQLite flush", t.Name));
        Assert.Equal(durability.Flushes, threads.Count);
        Assert.False(threads[0].Thread.IsAlive); // the first thread ended while idle; the last waiter started another
        Assert.NotSame(threads[0].Thread, threads[^1].Thread);
    }

    [SkippableFact]
    public async Task OnSqlite_ACommitWaitsForAFlush_OnAConnectionThatCommitsWithoutItsOwnFsync()
    {
        Skip.If(app.Database.IsPostgres, "Group commit is SQLite's; PostgreSQL commits on its own.");
        await app.WithDbAsync(async db =>
        {
            var synchronous = await db.Database.SqlQueryRaw<long>("SELECT synchronous AS \"Value\" FROM pragma_synchronous").SingleAsync();
            Assert.Equal(1, synchronous); // NORMAL
            var durability = SqliteDurability.For(db.Database.GetDbConnection().DataSource);
            var before = durability.Flushes;
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                await db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS group_commit_probe (x INTEGER)");
                await db.Database.ExecuteSqlRawAsync("INSERT INTO group_commit_probe VALUES (1)");
                await transaction.CommitAsync();
            }
            Assert.True(durability.Flushes > before, "the commit returned before any flush");
            before = durability.Flushes;
            await db.Database.ExecuteSqlRawAsync("INSERT INTO group_commit_probe VALUES (2)"); // autocommit
            Assert.True(durability.Flushes > before, "the autocommitted write returned before any flush");
            return 0;
        });
    }

    [Fact]
    public async Task InADeferredScope_CommitsOweOneFlush_WhichABarrierOrTheScopesEndWaitsFor()
    {
        var durability = new SqliteDurability(_ => Task.CompletedTask);
        Assert.False(DeferredDurability.Defer(durability)); // outside a scope a commit waits for itself

        var scope = DeferredDurability.Begin();
        Assert.True(DeferredDurability.Defer(durability));
        Assert.True(await Task.Run(() => DeferredDurability.Defer(durability))); // the scope flows into awaited work
        Assert.Equal(0, durability.Flushes);
        await DeferredDurability.BarrierAsync();
        Assert.Equal(1, durability.Flushes);
        await DeferredDurability.BarrierAsync(); // nothing owed since
        Assert.Equal(1, durability.Flushes);

        Assert.True(DeferredDurability.Defer(durability));
        await scope.DisposeAsync();
        Assert.Equal(2, durability.Flushes);
        Assert.False(DeferredDurability.Defer(durability)); // the scope is over: commits wait for themselves again
    }

    [Fact]
    public async Task WorkLeftRunningByAnEndedScope_WaitsForItsOwnFlush()
    {
        var durability = new SqliteDurability(_ => Task.CompletedTask);
        var release = new TaskCompletionSource();
        Task<bool> lingering;
        await using (DeferredDurability.Begin())
        {
            lingering = Task.Run(async () =>
            {
                await release.Task;
                return DeferredDurability.Defer(durability);
            });
        }
        release.SetResult();
        Assert.False(await lingering);
    }

    [SkippableFact]
    public async Task OnSqlite_ACommitInADeferredScope_ReturnsBeforeAnyFlush_AndTheScopesEndFlushes()
    {
        Skip.If(app.Database.IsPostgres, "Group commit is SQLite's; PostgreSQL commits on its own.");
        await app.WithDbAsync(async db =>
        {
            var durability = SqliteDurability.For(db.Database.GetDbConnection().DataSource);
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS deferred_probe (x INTEGER)");
            long before;
            await using (DeferredDurability.Begin())
            {
                before = durability.Flushes;
                await db.Database.ExecuteSqlRawAsync("INSERT INTO deferred_probe VALUES (1)");
                await db.Database.ExecuteSqlRawAsync("INSERT INTO deferred_probe VALUES (2)");
                Assert.Equal(before, durability.Flushes); // nothing else writes to this test's database meanwhile
            }
            Assert.True(durability.Flushes > before, "the scope ended before any flush");
            return 0;
        });
    }
}
