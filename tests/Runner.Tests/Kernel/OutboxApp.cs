using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Outbox;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Kernel;

/// <summary>
/// The real host with no background work, a clock moved by hand and test handlers: "test.one" goes to
/// <see cref="FirstHandler"/>, "test.two" to <see cref="FirstHandler"/> and <see cref="SecondHandler"/>. Tests drive
/// <see cref="OutboxDispatcher.RunOnceAsync"/> themselves. A second host over the same database shares the clock
/// and the delivery log, as two processes share a database and a wall clock.
/// </summary>
public class OutboxApp : RunnerApp
{
    public const string One = "test.one";
    public const string Two = "test.two";
    public const string Mail = "test.mail";
    public const string Notice = "test.notice";
    public const string Sum = "test.sum";
    public const int MaxAttempts = 3;

    private readonly OutboxApp? _primary;

    public OutboxApp() { }

    private OutboxApp(OutboxApp primary)
    {
        _primary = primary;
        Time = primary.Time;
        Deliveries = primary.Deliveries;
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    public DeliveryLog Deliveries { get; } = new();

    protected override FakeTimeProvider? Clock => Time;
    protected override bool BackgroundWork => false;

    protected override Task<TestDatabase> CreateDatabaseAsync() =>
        _primary is null ? base.CreateDatabaseAsync() : Task.FromResult(_primary.Database.Share());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Runner:Outbox:MaxAttempts", MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Runner:Outbox:BatchSize", "10");
        builder.ConfigureTestServices(s => s
            .AddSingleton(Deliveries)
            .AddOutboxHandler<FirstHandler>(One)
            .AddOutboxHandler<FirstHandler>(Two)
            .AddOutboxHandler<SecondHandler>(Two)
            .AddOutboxHandler<MailHandler>(Mail)
            .AddOutboxHandler<SecondHandler>(Mail)
            .AddOutboxHandler<MailHandler>(Notice)
            .AddOutboxHandler<SumHandler>(Sum));
    }

    /// <summary>This host's own dispatcher (the one the hosted service would run).</summary>
    public OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();

    /// <summary>Another dispatcher in this process, with its own lease owner.</summary>
    public OutboxDispatcher NewDispatcher() => ActivatorUtilities.CreateInstance<OutboxDispatcher>(Services);

    public OutboxSignal Signal => Services.GetRequiredService<OutboxSignal>();

    /// <summary>A second host process over this host's database.</summary>
    public async Task<OutboxApp> StartSecondHostAsync()
    {
        var second = new OutboxApp(this);
        await second.InitializeAsync();
        return second;
    }

    /// <summary>Empties the outbox, the effects table, the delivery log and the wake-up signal before a test.</summary>
    public async Task ResetAsync()
    {
        await WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync(
                "CREATE TABLE IF NOT EXISTS test_outbox_effects (message_id varchar(64) NOT NULL, handler varchar(100) NOT NULL)");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM test_outbox_effects");
            await db.Set<OutboxHandled>().ExecuteDeleteAsync();
            return await db.Set<OutboxMessage>().ExecuteDeleteAsync();
        });
        Deliveries.Clear();
        while (await Signal.WaitAsync(TimeSpan.Zero, CancellationToken.None)) { }
    }

    /// <summary>Enqueues one message in its own unit of work and returns its id.</summary>
    public async Task<Guid> EnqueueAsync(string type, TestPayload payload)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue(type, payload);
        var id = db.ChangeTracker.Entries<OutboxMessage>().Single().Entity.Id;
        await db.SaveChangesAsync();
        return id;
    }

    public Task<OutboxMessage> MessageAsync(Guid id) =>
        WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == id));

    public Task<List<string>> HandledByAsync(Guid id) =>
        WithDbAsync(db => db.Set<OutboxHandled>().Where(h => h.MessageId == id).OrderBy(h => h.Handler).Select(h => h.Handler).ToListAsync());

    /// <summary>The rows handlers wrote in their own transactions, as (message id, handler) pairs.</summary>
    public Task<List<(string MessageId, string Handler)>> EffectsAsync() => WithDbAsync(async db =>
    {
        await using var command = await Sql.CommandAsync(db, "SELECT message_id, handler FROM test_outbox_effects", CancellationToken.None);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    });
}

/// <summary>
/// A test message: handlers named by <see cref="FailIn"/> (all when null) fail while the attempt is at most
/// <see cref="FailAttempts"/>; a handler "takes" <see cref="TakesSeconds"/> of the host's fake clock.
/// </summary>
public sealed record TestPayload(string Label, int FailAttempts = 0, string? FailIn = null, int TakesSeconds = 0);

public sealed record Delivery(Guid MessageId, string Handler, int Attempt, string Label)
{
    /// <summary>What <see cref="DeliveryLog.Probe"/> read when the handler ran, if a test set one.</summary>
    public long? Probed { get; init; }

    /// <summary>The transaction a transactional handler ran in.</summary>
    public Guid? Transaction { get; init; }
}

/// <summary>Every handler invocation, in memory and shared by hosts: an effect outside the database, like an email.</summary>
public sealed class DeliveryLog
{
    private readonly ConcurrentQueue<Delivery> _all = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Read at every delivery, for a test to see what held when a handler ran.</summary>
    public Func<long>? Probe { get; set; }

    public void Record(Delivery delivery)
    {
        _all.Enqueue(delivery with { Probed = Probe?.Invoke() });
        Interlocked.Exchange(ref _changed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public IReadOnlyList<Delivery> All => [.. _all];
    public IReadOnlyList<Delivery> Of(Guid messageId) => [.. _all.Where(d => d.MessageId == messageId)];
    public void Clear() => _all.Clear();

    /// <summary>Waits (at most <paramref name="timeout"/>) until a delivery of <paramref name="messageId"/> is recorded.</summary>
    public async Task<Delivery> WaitForAsync(Guid messageId, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            if (_all.FirstOrDefault(d => d.MessageId == messageId) is { } found) return found;
            try { await changed.WaitAsync(cts.Token); }
            catch (OperationCanceledException) { throw new TimeoutException($"Message {messageId} was not delivered within {timeout}."); }
        }
    }
}

/// <summary>Records the delivery in memory and, inside the dispatcher's transaction, in <c>test_outbox_effects</c>; then fails if told to.</summary>
public abstract class TestHandler(DeliveryLog log, RunnerDbContext db, TimeProvider clock) : IOutboxHandler
{
    protected RunnerDbContext Db => db;

    public virtual async Task HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        var payload = message.Read<TestPayload>();
        var name = GetType().Name;
        log.Record(new Delivery(message.Id, name, message.Attempt, payload.Label)
        {
            Transaction = db.Database.CurrentTransaction?.TransactionId,
        });
        await using (var insert = await Sql.CommandAsync(db,
            "INSERT INTO test_outbox_effects (message_id, handler) VALUES (@id, @handler)", cancellationToken))
        {
            await insert.With("id", message.Id.ToString()).With("handler", name).ExecuteNonQueryAsync(cancellationToken);
        }
        if (payload.TakesSeconds > 0) ((FakeTimeProvider)clock).Advance(TimeSpan.FromSeconds(payload.TakesSeconds));
        if ((payload.FailIn is null || payload.FailIn == name) && message.Attempt <= payload.FailAttempts)
            throw new InvalidOperationException($"{name} refuses {payload.Label} on attempt {message.Attempt}.");
    }
}

public sealed class FirstHandler(DeliveryLog log, RunnerDbContext db, TimeProvider clock) : TestHandler(log, db, clock);

public sealed class SecondHandler(DeliveryLog log, RunnerDbContext db, TimeProvider clock) : TestHandler(log, db, clock);

/// <summary>
/// A buffered handler (<see cref="IOutboxBufferedHandler"/>): each message is a delivery like any other and adds to a
/// count kept in memory; the flush writes the count as one row of <c>test_outbox_effects</c>, named <c>flush:n</c>.
/// </summary>
public sealed class SumHandler(DeliveryLog log, RunnerDbContext db, TimeProvider clock) : TestHandler(log, db, clock), IOutboxBufferedHandler
{
    private int _count;

    public override async Task HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        await base.HandleAsync(message, cancellationToken);
        _count++;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await using var insert = await Sql.CommandAsync(Db,
            "INSERT INTO test_outbox_effects (message_id, handler) VALUES ('flush', @handler)", cancellationToken);
        await insert.With("handler", $"flush:{_count}").ExecuteNonQueryAsync(cancellationToken);
        _count = 0;
    }
}

/// <summary>A side effect outside the database (like an email): recorded in the delivery log only; fails if told to.</summary>
public sealed class MailHandler(DeliveryLog log) : IOutboxSideEffectHandler
{
    public Task HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        var payload = message.Read<TestPayload>();
        log.Record(new Delivery(message.Id, nameof(MailHandler), message.Attempt, payload.Label));
        if (payload.FailIn == nameof(MailHandler) && message.Attempt <= payload.FailAttempts)
            throw new InvalidOperationException($"{nameof(MailHandler)} refuses {payload.Label} on attempt {message.Attempt}.");
        return Task.CompletedTask;
    }
}
