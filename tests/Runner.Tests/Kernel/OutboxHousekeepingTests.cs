using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Data;
using Runner.Kernel.Outbox;

namespace Runner.Tests.Kernel;

/// <summary>Retention of processed messages, and the wake-up that follows a commit.</summary>
public class OutboxHousekeepingTests(OutboxApp app) : IClassFixture<OutboxApp>, IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private DateTimeOffset Now => app.Time.GetUtcNow();

    [Fact]
    public async Task Cleanup_DeletesMessagesProcessedBeyondRetention_WithTheirHandledRecords_KeepingTheRest()
    {
        var old = await app.EnqueueAsync(OutboxApp.Two, new TestPayload("old"));
        Assert.Equal(1, await app.Dispatcher.RunOnceAsync(None));
        app.Time.Advance(TimeSpan.FromDays(4));
        var recent = await app.EnqueueAsync(OutboxApp.Two, new TestPayload("recent"));
        Assert.Equal(1, await app.Dispatcher.RunOnceAsync(None));
        var dead = await app.EnqueueAsync(OutboxApp.One, new TestPayload("dead"));
        await app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Id == dead)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.DeadAt, Now).SetProperty(m => m.Attempts, OutboxApp.MaxAttempts)));
        var pending = await app.EnqueueAsync(OutboxApp.One, new TestPayload("pending"));
        app.Time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromSeconds(1));

        Assert.Equal(1, await app.NewDispatcher().CleanupAsync(None));

        var left = await app.WithDbAsync(db => db.Set<OutboxMessage>().Select(m => m.Id).ToListAsync());
        Assert.Equal(new[] { recent, dead, pending }.Order(), left.Order());
        Assert.Empty(await app.HandledByAsync(old));
        Assert.Equal(2, (await app.HandledByAsync(recent)).Count);
    }

    [Fact]
    public async Task Cleanup_RunsAtMostOnceAnHour()
    {
        var dispatcher = app.NewDispatcher();
        Assert.Equal(0, await dispatcher.CleanupAsync(None));
        var id = await app.EnqueueAsync(OutboxApp.One, new TestPayload("stale"));
        await app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, Now - TimeSpan.FromDays(30))));

        app.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, await dispatcher.CleanupAsync(None));
        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await dispatcher.CleanupAsync(None));
    }

    [Fact]
    public async Task CommitSignal_WakesTheDispatcher_OnlyOnceACommitHasAddedMessages()
    {
        await app.EnqueueAsync(OutboxApp.One, new TestPayload("plain save"));
        Assert.True(await Signalled());
        Assert.False(await Signalled());

        await app.WithDbAsync(async db =>
        {
            var message = await db.Set<OutboxMessage>().FirstAsync();
            message.LastError = "changed, not added";
            return await db.SaveChangesAsync();
        });
        Assert.False(await Signalled());

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue(OutboxApp.One, new TestPayload("committed"));
            await db.SaveChangesAsync();
            Assert.False(await Signalled()); // the row is not visible to the dispatcher yet
            await tx.CommitAsync();
            Assert.True(await Signalled());
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue(OutboxApp.One, new TestPayload("rolled back"));
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        Assert.False(await Signalled());
    }

    private Task<bool> Signalled() => app.Signal.WaitAsync(TimeSpan.Zero, None);
}

/// <summary>The host's own background dispatcher, polling only every ten minutes: deliveries must come from the wake-up.</summary>
public class OutboxWorkerTests(OutboxWorkerTests.WorkerApp app) : IClassFixture<OutboxWorkerTests.WorkerApp>
{
    public sealed class WorkerApp : OutboxApp
    {
        protected override bool BackgroundWork => true;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Runner:Outbox:PollInterval", "00:10:00");
        }
    }

    [Fact]
    public async Task HostedDispatcher_DeliversAMessageCommittedInATransaction_WithoutWaitingForThePoll()
    {
        Guid id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue(OutboxApp.One, new TestPayload("in a transaction"));
            id = db.ChangeTracker.Entries<OutboxMessage>().Single().Entity.Id;
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }

        var delivery = await app.Deliveries.WaitForAsync(id, TimeSpan.FromSeconds(20));

        Assert.Equal("in a transaction", delivery.Label);
    }
}
