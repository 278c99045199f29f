using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Data;
using Runner.Kernel.Outbox;

namespace Runner.Tests.Kernel;

/// <summary>
/// Leases between dispatchers and host processes over one database: taking over a dead process's lease, respecting a
/// live one, giving up on a message no attempt ever finished, and two hosts racing for the same messages.
/// </summary>
public class OutboxLeaseTests(OutboxApp app) : IClassFixture<OutboxApp>, IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private DateTimeOffset Now => app.Time.GetUtcNow();

    [Fact]
    public async Task ExpiredLease_OfADeadProcess_IsTakenOver_ButALiveLeaseIsLeftAlone()
    {
        var orphan = await app.EnqueueAsync(OutboxApp.One, new TestPayload("orphan"));
        var busy = await app.EnqueueAsync(OutboxApp.One, new TestPayload("busy"));
        await Lease(orphan, "dead-host:1", Now - TimeSpan.FromSeconds(1));
        await Lease(busy, "live-host:2", Now + TimeSpan.FromSeconds(30));

        Assert.Equal(1, await app.Dispatcher.RunOnceAsync(None));
        var taken = await app.MessageAsync(orphan);
        Assert.Equal(Now, taken.ProcessedAt);
        Assert.NotEqual("dead-host:1", taken.LockedBy);
        Assert.Equal(2, taken.Attempts);
        Assert.Equal(["orphan"], app.Deliveries.All.Select(d => d.Label));
        Assert.Equal("live-host:2", (await app.MessageAsync(busy)).LockedBy);

        app.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await app.Dispatcher.RunOnceAsync(None));
        Assert.Equal(["orphan", "busy"], app.Deliveries.All.Select(d => d.Label));
        Assert.NotNull((await app.MessageAsync(busy)).ProcessedAt);
    }

    [Fact]
    public async Task MessageWhoseAttemptsNeverFinished_IsSetAsideAsDead_NotDeliveredForever()
    {
        // Each of MaxAttempts leases ended with its process gone (a handler that hangs or crashes the host).
        var poison = await app.EnqueueAsync(OutboxApp.One, new TestPayload("poison"));
        await Lease(poison, "dead-host:3", Now - TimeSpan.FromSeconds(1), attempts: OutboxApp.MaxAttempts);

        Assert.Equal(1, await app.Dispatcher.RunOnceAsync(None));

        Assert.Empty(app.Deliveries.All);
        var message = await app.MessageAsync(poison);
        Assert.Equal(Now, message.DeadAt);
        Assert.Null(message.ProcessedAt);
        Assert.Contains("lease", message.LastError);
        app.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await app.Dispatcher.RunOnceAsync(None));
    }

    private Task<int> Lease(Guid id, string owner, DateTimeOffset until, int attempts = 1) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.LockedBy, owner).SetProperty(m => m.LockedUntil, until).SetProperty(m => m.Attempts, attempts)));

    [Fact]
    public async Task BatchOutlastingItsLease_HandsBackTheMessagesItHasNotStarted_Untried()
    {
        var slow = await app.EnqueueAsync(OutboxApp.One, new TestPayload("slow", TakesSeconds: 61));
        app.Time.Advance(TimeSpan.FromMilliseconds(1));
        var next = await app.EnqueueAsync(OutboxApp.One, new TestPayload("next"));

        Assert.Equal(2, await app.Dispatcher.RunOnceAsync(None)); // leases both for 60 s; the first handler takes 61 s

        Assert.Equal(["slow"], app.Deliveries.All.Select(d => d.Label));
        Assert.NotNull((await app.MessageAsync(slow)).ProcessedAt);
        var handedBack = await app.MessageAsync(next);
        Assert.Equal((null, null, 0), (handedBack.ProcessedAt, handedBack.LockedUntil, handedBack.Attempts));
        Assert.Equal(1, await app.NewDispatcher().RunOnceAsync(None));
        Assert.Equal([("slow", 1), ("next", 1)], app.Deliveries.All.Select(d => (d.Label, d.Attempt)));
    }

    [Fact]
    public async Task TwoHostsRacing_OverOneDatabase_DeliverEveryMessageExactlyOnce()
    {
        const int count = 200;
        await app.WithDbAsync(async db =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
            for (var i = 0; i < count; i++) outbox.Enqueue(OutboxApp.One, new TestPayload($"m{i}"));
            return await context.SaveChangesAsync();
        });
        await using var second = await app.StartSecondHostAsync();
        OutboxDispatcher[] racers = [app.Dispatcher, app.NewDispatcher(), second.Dispatcher, second.NewDispatcher()];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var taken = await Task.WhenAll(racers.Select(d => Task.Run(async () =>
        {
            var total = 0;
            for (int n; (n = await d.RunOnceAsync(timeout.Token)) > 0;) total += n;
            return total;
        })));

        Assert.Equal(count, taken.Sum());
        var deliveries = app.Deliveries.All;
        Assert.Equal(count, deliveries.Count);
        Assert.Equal(count, deliveries.Select(d => d.MessageId).Distinct().Count());
        Assert.All(deliveries, d => Assert.Equal(1, d.Attempt));
        var pending = await app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.ProcessedAt == null || m.LastError != null));
        Assert.Equal(0, pending);
        Assert.Equal(count, await app.WithDbAsync(db => db.Set<OutboxHandled>().CountAsync()));
        Assert.Equal(count, (await app.EffectsAsync()).Select(e => e.MessageId).Distinct().Count());
    }
}
