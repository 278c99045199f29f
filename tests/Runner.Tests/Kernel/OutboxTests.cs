using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Data;
using Runner.Kernel.Outbox;

namespace Runner.Tests.Kernel;

/// <summary>The outbox against the real database (SQLite, or PostgreSQL with RUNNER_TEST_POSTGRES), driven by hand.</summary>
public class OutboxTests(OutboxApp app) : IClassFixture<OutboxApp>, IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private DateTimeOffset Now => app.Time.GetUtcNow();

    [Fact]
    public async Task Enqueue_IsSavedWithItsUnitOfWork_AndNotWhenTheTransactionRollsBack()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue(OutboxApp.One, new TestPayload("rolled back"));
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue(OutboxApp.One, new TestPayload("never saved"));
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync()));

        var id = await app.EnqueueAsync(OutboxApp.One, new TestPayload("saved"));

        var message = Assert.Single(await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().ToListAsync()));
        Assert.Equal(id, message.Id);
        Assert.Equal(OutboxApp.One, message.Type);
        Assert.Contains("\"label\":\"saved\"", message.Payload);
        Assert.Equal("system:system", message.Actor);
        Assert.Equal(Now, message.OccurredAt);
        Assert.Equal(Now, message.AvailableAt);
        Assert.Equal(0, message.Attempts);
        Assert.Null(message.ProcessedAt);
        Assert.Equal(1, await app.Dispatcher.RunOnceAsync(None));
        Assert.Equal(["saved"], app.Deliveries.All.Select(d => d.Label));
    }

    [SkippableFact]
    public async Task OnSqlite_AHandlerRuns_OnlyOnceTheCommitThatEnqueuedItsMessageIsOnDisk()
    {
        Skip.If(app.Database.IsPostgres, "Group commit is SQLite's; PostgreSQL commits on its own.");
        var durability = SqliteDurability.For(await app.WithDbAsync(db => Task.FromResult(db.Database.GetDbConnection().DataSource)));
        app.Deliveries.Probe = () => durability.Flushes;
        try
        {
            // A checkout's completion leaves the flush of its commits to the end of its request.
            var request = DeferredDurability.Begin();
            var id = await app.EnqueueAsync(OutboxApp.Mail, new TestPayload("confirmation"));
            var owed = durability.Flushes; // the enqueuing commit is in the log, not yet flushed
            Task<int> pass;
            using (ExecutionContext.SuppressFlow()) pass = Task.Run(() => app.Dispatcher.RunOnceAsync(None)); // the hosted dispatcher's context
            Assert.Equal(1, await pass);
            var deliveries = app.Deliveries.Of(id);
            Assert.NotEmpty(deliveries);
            Assert.All(deliveries, d => Assert.True(d.Probed > owed,
                $"{d.Handler} ran at {d.Probed} flushes, none after the enqueuing commit ({owed})"));
            await request.DisposeAsync();
        }
        finally
        {
            app.Deliveries.Probe = null;
        }
    }

    [SkippableFact]
    public async Task OnSqlite_APassWithNothingToLease_CommitsNothing_AndWaitsForNoFlush()
    {
        Skip.If(app.Database.IsPostgres, "Group commit is SQLite's; PostgreSQL commits on its own.");
        var durability = SqliteDurability.For(await app.WithDbAsync(db => Task.FromResult(db.Database.GetDbConnection().DataSource)));
        var before = durability.Flushes;
        Assert.Equal(0, await app.Dispatcher.RunOnceAsync(None));
        Assert.Equal(before, durability.Flushes);
    }

    [Fact]
    public async Task RunOnce_DeliversToEachHandlerOnce_AndMarksTheMessageProcessed()
    {
        var id = await app.EnqueueAsync(OutboxApp.Two, new TestPayload("hello"));

        Assert.Equal(1, await app.Dispatcher.RunOnceAsync(None));
        Assert.Equal(0, await app.Dispatcher.RunOnceAsync(None));

        var deliveries = app.Deliveries.Of(id).OrderBy(d => d.Handler).ToList();
        Assert.Equal([nameof(FirstHandler), nameof(SecondHandler)], deliveries.Select(d => d.Handler));
        Assert.All(deliveries, d => Assert.Equal(("hello", 1), (d.Label, d.Attempt)));
        var message = await app.MessageAsync(id);
        Assert.Equal(Now, message.ProcessedAt);
        Assert.Equal(1, message.Attempts);
        Assert.Null(message.LockedUntil);
        Assert.Null(message.LastError);
        Assert.Null(message.DeadAt);
        Assert.Equal([typeof(FirstHandler).FullName!, typeof(SecondHandler).FullName!], await app.HandledByAsync(id));
        Assert.Equal(2, (await app.EffectsAsync()).Count);
    }

    [Fact]
    public async Task SeveralMessagesOfOneHandler_AreHandledInOneTransaction()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await app.EnqueueAsync(OutboxApp.Two, new TestPayload($"m{i}")));
            app.Time.Advance(TimeSpan.FromMilliseconds(1)); // ids in the order of enqueueing
        }

        Assert.Equal(3, await app.Dispatcher.RunOnceAsync(None));

        foreach (var handler in new[] { nameof(FirstHandler), nameof(SecondHandler) })
        {
            var mine = app.Deliveries.All.Where(d => d.Handler == handler).ToList();
            Assert.Equal(ids, mine.Select(d => d.MessageId)); // in the order they were enqueued
            Assert.NotNull(Assert.Single(mine.Select(d => d.Transaction).Distinct()));
        }
        Assert.NotEqual(app.Deliveries.All[0].Transaction, app.Deliveries.All[^1].Transaction); // a transaction per handler
        foreach (var id in ids)
        {
            Assert.Equal(Now, (await app.MessageAsync(id)).ProcessedAt);
            Assert.Equal(2, (await app.HandledByAsync(id)).Count);
        }
        Assert.Equal(6, (await app.EffectsAsync()).Count);
    }

    [Fact]
    public async Task ABufferedHandler_FlushesOncePerChunk_InItsTransaction_AndOncePerMessageHandledAlone()
    {
        for (var i = 0; i < 3; i++)
        {
            await app.EnqueueAsync(OutboxApp.Sum, new TestPayload($"m{i}"));
            app.Time.Advance(TimeSpan.FromMilliseconds(1));
        }
        Assert.Equal(3, await app.Dispatcher.RunOnceAsync(None));
        Assert.Equal(["flush:3"], (await app.EffectsAsync()).Where(e => e.MessageId == "flush").Select(e => e.Handler));

        await app.ResetAsync();
        await app.EnqueueAsync(OutboxApp.Sum, new TestPayload("alone"));
        Assert.Equal(1, await app.Dispatcher.RunOnceAsync(None));
        Assert.Equal(["flush:1"], (await app.EffectsAsync()).Where(e => e.MessageId == "flush").Select(e => e.Handler));
    }

    [Fact]
    public async Task ABufferedHandlersFailedChunk_WritesNothingOfWhatItGathered_AndEachMessageAloneFlushesItsOwn()
    {
        await app.EnqueueAsync(OutboxApp.Sum, new TestPayload("first"));
        app.Time.Advance(TimeSpan.FromMilliseconds(1));
        await app.EnqueueAsync(OutboxApp.Sum, new TestPayload("failing", FailAttempts: 1));
        app.Time.Advance(TimeSpan.FromMilliseconds(1));
        await app.EnqueueAsync(OutboxApp.Sum, new TestPayload("last"));

        Assert.Equal(3, await app.Dispatcher.RunOnceAsync(None));

        // The chunk (first, failing) rolled back before its flush; then first and last were handled alone.
        Assert.Equal(["flush:1", "flush:1"], (await app.EffectsAsync()).Where(e => e.MessageId == "flush").Select(e => e.Handler));
    }

    [Fact]
    public async Task AFailingMessage_RollsItsChunkBack_ThenTheOthersAreHandledOnce_AndItAloneIsRetried()
    {
        var first = await app.EnqueueAsync(OutboxApp.One, new TestPayload("first"));
        app.Time.Advance(TimeSpan.FromMilliseconds(1)); // ids in the order of enqueueing
        var failing = await app.EnqueueAsync(OutboxApp.One, new TestPayload("failing", FailAttempts: 1));
        app.Time.Advance(TimeSpan.FromMilliseconds(1));
        var last = await app.EnqueueAsync(OutboxApp.One, new TestPayload("last"));

        Assert.Equal(3, await app.Dispatcher.RunOnceAsync(None));

        Assert.Equal(Now, (await app.MessageAsync(first)).ProcessedAt);
        Assert.Equal(Now, (await app.MessageAsync(last)).ProcessedAt);
        var failed = await app.MessageAsync(failing);
        Assert.Null(failed.ProcessedAt);
        Assert.Contains("refuses failing on attempt 1", failed.LastError);
        Assert.Empty(await app.HandledByAsync(failing));
        // The chunk's writes were rolled back with it; each message then ran alone.
        Assert.Equal([first.ToString(), last.ToString()], (await app.EffectsAsync()).Select(e => e.MessageId).Order());
        // The chunk stopped at the failure (first and failing ran in it); then each ran alone.
        Assert.Equal([2, 2, 1], new[] { first, failing, last }.Select(id => app.Deliveries.Of(id).Count));

        app.Time.Advance(OutboxDispatcher.Backoff(1));
        Assert.Equal(1, await app.Dispatcher.RunOnceAsync(None));
        Assert.Equal(Now, (await app.MessageAsync(failing)).ProcessedAt);
        Assert.Equal(3, (await app.EffectsAsync()).Count);
    }

    [Fact]
    public async Task FailingHandler_IsRetriedWithBackoff_ThenSetAsideAsDeadAfterMaxAttempts()
    {
        var id = await app.EnqueueAsync(OutboxApp.One, new TestPayload("doomed", FailAttempts: 99));
        var started = Now;

        Assert.Equal(1, await app.Dispatcher.RunOnceAsync(None));
        var first = await app.MessageAsync(id);
        Assert.Equal(1, first.Attempts);
        Assert.Equal(started + TimeSpan.FromSeconds(2), first.AvailableAt);
        Assert.Contains("InvalidOperationException: FirstHandler refuses doomed on attempt 1.", first.LastError);
        Assert.Null(first.LockedUntil);
        Assert.Null(first.ProcessedAt);
        Assert.Null(first.DeadAt);

        app.Time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Equal(0, await app.Dispatcher.RunOnceAsync(None));
        app.Time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(1, await app.Dispatcher.RunOnceAsync(None));
        var second = await app.MessageAsync(id);
        Assert.Equal(2, second.Attempts);
        Assert.Equal(Now + TimeSpan.FromSeconds(4), second.AvailableAt);
        Assert.Contains("attempt 2", second.LastError);

        app.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(1, await app.Dispatcher.RunOnceAsync(None));
        var dead = await app.MessageAsync(id);
        Assert.Equal(OutboxApp.MaxAttempts, dead.Attempts);
        Assert.Equal(Now, dead.DeadAt);
        Assert.Null(dead.ProcessedAt);
        Assert.Contains("attempt 3", dead.LastError);

        app.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await app.Dispatcher.RunOnceAsync(None));
        Assert.Equal([1, 2, 3], app.Deliveries.Of(id).Select(d => d.Attempt));
        Assert.Empty(await app.HandledByAsync(id));
        Assert.Empty(await app.EffectsAsync()); // each failed attempt's writes rolled back with it
    }

    [Fact]
    public void Backoff_DoublesFromTwoSeconds_AndIsCappedAtOneHour()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), OutboxDispatcher.Backoff(1));
        Assert.Equal(TimeSpan.FromSeconds(4), OutboxDispatcher.Backoff(2));
        Assert.Equal(TimeSpan.FromSeconds(1024), OutboxDispatcher.Backoff(10));
        Assert.Equal(TimeSpan.FromHours(1), OutboxDispatcher.Backoff(12));
        Assert.Equal(TimeSpan.FromHours(1), OutboxDispatcher.Backoff(1000));
    }

    [Fact]
    public async Task Retry_RunsOnlyTheHandlerThatFailed_NotTheOneThatSucceeded()
    {
        var id = await app.EnqueueAsync(OutboxApp.Two, new TestPayload("half", FailAttempts: 1, FailIn: nameof(SecondHandler)));

        Assert.Equal(1, await app.Dispatcher.RunOnceAsync(None));
        Assert.Equal([typeof(FirstHandler).FullName!], await app.HandledByAsync(id));
        Assert.NotNull((await app.MessageAsync(id)).LastError);

        app.Time.Advance(OutboxDispatcher.Backoff(1));
        Assert.Equal(1, await app.Dispatcher.RunOnceAsync(None));

        Assert.Equal([(nameof(FirstHandler), 1), (nameof(SecondHandler), 1), (nameof(SecondHandler), 2)],
            app.Deliveries.Of(id).Select(d => (d.Handler, d.Attempt)).OrderBy(d => d.Handler).ThenBy(d => d.Attempt));
        var message = await app.MessageAsync(id);
        Assert.Equal(Now, message.ProcessedAt);
        Assert.Null(message.LastError);
        Assert.Equal(2, (await app.HandledByAsync(id)).Count);
        Assert.Equal([nameof(FirstHandler), nameof(SecondHandler)], (await app.EffectsAsync()).Select(e => e.Handler).Order());
    }

    /// <summary>
    /// "test.mail" goes to a side effect and a transactional handler: whichever fails runs again on the retry, and the
    /// one that succeeded is recorded (the side effect only because the other failed) so the retry skips it.
    /// </summary>
    [Theory]
    [InlineData(typeof(SecondHandler), typeof(MailHandler))]
    [InlineData(typeof(MailHandler), typeof(SecondHandler))]
    public async Task WhenOneHandlerFails_TheOtherIsRecorded_AndOnlyTheFailedOneRunsAgain(Type failingHandler, Type succeedingHandler)
    {
        var (failing, succeeding) = (failingHandler.Name, succeedingHandler.Name);
        var id = await app.EnqueueAsync(OutboxApp.Mail, new TestPayload("mail", FailAttempts: 1, FailIn: failing));

        Assert.Equal(1, await app.Dispatcher.RunOnceAsync(None));
        Assert.Equal([succeedingHandler.FullName!], await app.HandledByAsync(id));

        app.Time.Advance(OutboxDispatcher.Backoff(1));
        Assert.Equal(1, await app.Dispatcher.RunOnceAsync(None));

        Assert.Equal([(failing, 1), (failing, 2), (succeeding, 1)],
            app.Deliveries.Of(id).Select(d => (d.Handler, d.Attempt)).OrderBy(d => d.Handler == failing ? 0 : 1).ThenBy(d => d.Attempt));
        Assert.Equal(Now, (await app.MessageAsync(id)).ProcessedAt);
    }

    [Fact]
    public async Task Redelivery_OfAHandledMessage_DoesNotRunItsHandlersAgain()
    {
        var id = await app.EnqueueAsync(OutboxApp.Two, new TestPayload("once"));
        Assert.Equal(1, await app.Dispatcher.RunOnceAsync(None));

        // As if the process died after the handlers committed but before the message was marked processed.
        await app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.ProcessedAt, (DateTimeOffset?)null)
            .SetProperty(m => m.LockedBy, (string?)null)
            .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)));
        app.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, await app.NewDispatcher().RunOnceAsync(None));

        Assert.Equal(2, app.Deliveries.Of(id).Count);
        var message = await app.MessageAsync(id);
        Assert.Equal(Now, message.ProcessedAt);
        Assert.Equal(2, message.Attempts);
        Assert.Equal(2, (await app.EffectsAsync()).Count);
    }

    [Fact]
    public async Task DelayedMessage_WaitsUntilItsTime_WhateverTheOffsetItWasGivenIn()
    {
        var due = (Now + TimeSpan.FromMinutes(10)).ToOffset(TimeSpan.FromHours(2));
        Guid id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
            scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue(OutboxApp.One, new TestPayload("later"), due);
            id = db.ChangeTracker.Entries<OutboxMessage>().Single().Entity.Id;
            await db.SaveChangesAsync();
        }
        Assert.Equal(due, (await app.MessageAsync(id)).AvailableAt);

        app.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(10));
        Assert.Equal(0, await app.Dispatcher.RunOnceAsync(None));
        app.Time.Advance(TimeSpan.FromTicks(10));
        Assert.Equal(1, await app.Dispatcher.RunOnceAsync(None));
        Assert.Equal(["later"], app.Deliveries.All.Select(d => d.Label));
    }
}
