using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Kernel.Actors;
using Runner.Kernel.Data;

namespace Runner.Kernel.Outbox;

public sealed class OutboxOptions
{
    public bool Enabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);
    public int BatchSize { get; set; } = 50;
    public int MaxAttempts { get; set; } = 10;
    public int RetentionDays { get; set; } = 7;
}

/// <summary>
/// Delivers outbox messages to their handlers. Several host processes may run it against one database: each leases
/// a batch with one conditional UPDATE (<c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL; SQLite serialises writers), so
/// no two processes hold the same message, and a lease left by a dead process expires. A failed message is retried
/// with exponential back-off and set aside as dead after <see cref="OutboxOptions.MaxAttempts"/>.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEnumerable<OutboxHandlerRegistration> registrations,
    OutboxSignal signal,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly ILookup<string, Type> _handlers = registrations.ToLookup(r => r.MessageType, r => r.HandlerType);
    private DateTimeOffset _lastCleanup = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled) return;
        using var _ = ActorScope.Use(Actor.System);
        while (!stoppingToken.IsCancellationRequested)
        {
            int count;
            try
            {
                count = await RunOnceAsync(stoppingToken);
                await CleanupAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                logger.LogWarning(e, "Outbox pass failed; retrying after the poll interval.");
                count = 0;
            }
            if (count == 0)
            {
                try { await signal.WaitAsync(o.PollInterval, stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    /// <summary>
    /// Leases and handles one batch; returns how many messages it took. Once the lease has run out (slow handlers),
    /// the messages not yet started are handed back untried: another process may already have taken them over.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var leasedUntil = now + options.Value.LeaseDuration;
        var batch = await LeaseAsync(now, leasedUntil, ct);
        for (var i = 0; i < batch.Count; i++)
        {
            var message = batch[i];
            if (clock.GetUtcNow() >= leasedUntil)
            {
                await ReleaseAsync(batch.Skip(i).Select(m => m.Id).ToList(), ct);
                break;
            }
            if (message.Attempt > options.Value.MaxAttempts) await AbandonAsync(message, ct);
            else await ProcessAsync(message, ct);
        }
        return batch.Count;
    }

    /// <summary>Hands back messages this pass leased but never started, unless someone took them over meanwhile.</summary>
    private async Task ReleaseAsync(List<Guid> ids, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        await db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id) && m.LockedBy == _owner && m.ProcessedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.Attempts, m => m.Attempts - 1), ct);
    }

    private async Task<List<OutboxEnvelope>> LeaseAsync(DateTimeOffset now, DateTimeOffset leasedUntil, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        var provider = db.Provider();
        var o = options.Value;
        var skipLocked = provider == DatabaseProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        await using var command = await Sql.CommandAsync(db, $"""
            UPDATE kernel_outbox SET locked_by = @owner, locked_until = @until, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM kernel_outbox
                WHERE processed_at IS NULL AND dead_at IS NULL AND available_at <= @now
                  AND (locked_until IS NULL OR locked_until < @now)
                ORDER BY available_at, id
                LIMIT @limit {skipLocked})
            RETURNING id, type, payload, actor, occurred_at, attempts
            """, ct);
        command.With("owner", _owner).With("until", Sql.Time(provider, leasedUntil))
            .With("now", Sql.Time(provider, now)).With("limit", o.BatchSize);
        var leased = new List<OutboxEnvelope>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                leased.Add(new OutboxEnvelope(Sql.ReadId(reader, 0), reader.GetString(1), reader.GetString(2),
                    reader.GetString(3), Sql.ReadTime(reader, 4), reader.GetInt32(5)));
            }
        }
        leased.Sort((a, b) => a.Id.CompareTo(b.Id));
        return leased;
    }

    private async Task ProcessAsync(OutboxEnvelope message, CancellationToken ct)
    {
        Exception? failure = null;
        foreach (var handlerType in _handlers[message.Type])
        {
            try
            {
                await HandleOnceAsync(message, handlerType, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failure = e;
                logger.LogWarning(e, "Outbox handler {Handler} failed on {Type} {Id} (attempt {Attempt}).",
                    handlerType.Name, message.Type, message.Id, message.Attempt);
            }
        }
        await FinishAsync(message, failure, ct);
    }

    private async Task HandleOnceAsync(OutboxEnvelope message, Type handlerType, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        var name = handlerType.FullName ?? handlerType.Name;
        if (await db.Set<OutboxHandled>().AnyAsync(h => h.MessageId == message.Id && h.Handler == name, ct)) return;
        var handler = (IOutboxHandler)scope.ServiceProvider.GetRequiredService(handlerType);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await handler.HandleAsync(message, ct);
        db.Add(new OutboxHandled { MessageId = message.Id, Handler = name, HandledAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Every allowed attempt ended without reaching <see cref="FinishAsync"/> (its handler hung past the lease, or took
    /// its process down): set it aside as dead rather than let it take down host after host.
    /// </summary>
    private Task AbandonAsync(OutboxEnvelope message, CancellationToken ct) =>
        FinishAsync(message, new TimeoutException(
            $"None of {message.Attempt - 1} attempts finished within its lease (the handler hung or its process stopped)."), ct);

    private async Task FinishAsync(OutboxEnvelope message, Exception? failure, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        var now = clock.GetUtcNow();
        var query = db.Set<OutboxMessage>().Where(m => m.Id == message.Id && m.LockedBy == _owner);
        if (failure is null)
        {
            await query.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ProcessedAt, now).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.LastError, (string?)null), ct);
            return;
        }
        var error = Truncate($"{failure.GetType().Name}: {failure.Message}", 2000);
        if (message.Attempt >= options.Value.MaxAttempts)
        {
            logger.LogError("Outbox message {Type} {Id} is dead after {Attempts} attempts.", message.Type, message.Id, message.Attempt);
            await query.ExecuteUpdateAsync(s => s.SetProperty(m => m.DeadAt, now)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null).SetProperty(m => m.LastError, error), ct);
            return;
        }
        var retryAt = now + Backoff(message.Attempt);
        await query.ExecuteUpdateAsync(s => s.SetProperty(m => m.AvailableAt, retryAt)
            .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null).SetProperty(m => m.LastError, error), ct);
    }

    /// <summary>2 s, 4 s, 8 s … capped at one hour.</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(3600, Math.Pow(2, Math.Clamp(attempt, 1, 12))));

    /// <summary>
    /// At most once an hour, deletes messages processed more than <see cref="OutboxOptions.RetentionDays"/> ago with
    /// their handled records; returns how many messages it deleted. Dead messages stay for a person to look at.
    /// </summary>
    internal async Task<int> CleanupAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now - _lastCleanup < TimeSpan.FromHours(1)) return 0;
        _lastCleanup = now;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        var cutoff = now.AddDays(-options.Value.RetentionDays);
        var old = db.Set<OutboxMessage>().Where(m => m.ProcessedAt != null && m.ProcessedAt < cutoff).Select(m => m.Id);
        await db.Set<OutboxHandled>().Where(h => old.Contains(h.MessageId)).ExecuteDeleteAsync(ct);
        return await db.Set<OutboxMessage>().Where(m => m.ProcessedAt != null && m.ProcessedAt < cutoff).ExecuteDeleteAsync(ct);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
