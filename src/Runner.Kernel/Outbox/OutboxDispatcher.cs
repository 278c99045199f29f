using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Kernel.Actors;
using Runner.Kernel.Data;
using Runner.Kernel.Hosting;

namespace Runner.Kernel.Outbox;

public sealed class OutboxOptions
{
    public bool Enabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// How many messages of a leased batch one handler may handle in one transaction (1: each in its own). Under load
    /// this saves a commit per message and handler; a chunk that fails is rolled back and its messages handled one by
    /// one, so a failing message is retried on its own.
    /// </summary>
    public int HandlerChunkSize { get; set; } = 16;
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
        if (!o.Enabled || !await scopes.WaitForStartupAsync(stoppingToken)) return;
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
    /// Leases and handles one batch; returns how many messages it took. Messages no handler takes are finished at
    /// once, all in one statement. A transactional handler with several messages in the batch first handles them in
    /// chunks, a transaction each (<see cref="OutboxOptions.HandlerChunkSize"/>); then the messages are taken in order
    /// for what is left of them (side effects, a chunk that failed), and the ones whose handlers all succeeded are
    /// finished together at the end of the batch (a failed one at once, with its retry or its death). Once the
    /// lease has run out (slow handlers), the messages not yet started are handed back untried: another process
    /// may already have taken them over.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var leasedUntil = now + options.Value.LeaseDuration;
        var batch = await LeaseAsync(now, leasedUntil, ct);
        if (batch.Count == 0) return 0;
        var maxAttempts = options.Value.MaxAttempts;
        await FinishAllAsync([.. batch.Where(m => m.Attempt <= maxAttempts && !_handlers.Contains(m.Type)).Select(m => m.Id)], ct);
        var rest = batch.Where(m => m.Attempt > maxAttempts || _handlers.Contains(m.Type)).ToList();
        var handled = await HandledAsync(rest, ct);
        var succeeded = new List<Guid>();
        try
        {
            await HandleInChunksAsync([.. rest.Where(m => m.Attempt <= maxAttempts)], handled, leasedUntil, ct);
            for (var i = 0; i < rest.Count; i++)
            {
                var message = rest[i];
                if (message.Attempt <= maxAttempts && Done(message, handled))
                {
                    succeeded.Add(message.Id);
                    continue;
                }
                if (clock.GetUtcNow() >= leasedUntil)
                {
                    var untried = rest.Skip(i).Where(m => m.Attempt > maxAttempts || !Done(m, handled)).ToList();
                    succeeded.AddRange(rest.Skip(i).Except(untried).Select(m => m.Id));
                    await ReleaseAsync([.. untried.Select(m => m.Id)], ct);
                    break;
                }
                if (message.Attempt > maxAttempts) await AbandonAsync(message, ct);
                else if (await ProcessAsync(message, handled, ct)) succeeded.Add(message.Id);
            }
        }
        finally
        {
            // Even when stopping: what was handled is recorded as processed rather than leased again.
            await FinishAllAsync(succeeded, CancellationToken.None);
        }
        return batch.Count;
    }

    /// <summary>Whether every handler of the message has handled it (in a chunk of this pass, or an earlier attempt).</summary>
    private bool Done(OutboxEnvelope message, HashSet<(Guid, string)> handled) =>
        _handlers[message.Type].All(h => handled.Contains((message.Id, NameOf(h))));

    private static string NameOf(Type handlerType) => handlerType.FullName ?? handlerType.Name;

    /// <summary>
    /// Before the messages are taken one by one: each transactional handler with several messages in the batch handles
    /// them in order, a chunk per transaction, each message recorded handled in it. What a chunk handled is added to
    /// <paramref name="handled"/>, so the one-by-one pass that follows runs only the rest (side effects, failures).
    /// </summary>
    private async Task HandleInChunksAsync(List<OutboxEnvelope> messages, HashSet<(Guid, string)> handled, DateTimeOffset leasedUntil,
        CancellationToken ct)
    {
        var size = options.Value.HandlerChunkSize;
        if (size < 2 || messages.Count < 2) return;
        var handlerTypes = messages.SelectMany(m => _handlers[m.Type]).Distinct()
            .Where(t => !typeof(IOutboxSideEffectHandler).IsAssignableFrom(t));
        foreach (var handlerType in handlerTypes)
        {
            var name = NameOf(handlerType);
            var mine = messages.Where(m => _handlers[m.Type].Contains(handlerType) && !handled.Contains((m.Id, name))).ToList();
            if (mine.Count < 2) continue;
            foreach (var chunk in mine.Chunk(size))
            {
                if (clock.GetUtcNow() >= leasedUntil) return;
                var done = await HandleChunkAsync(chunk, handlerType, name, leasedUntil, ct);
                foreach (var message in done) handled.Add((message.Id, name));
                if (done.Count > 0 && done.Count < chunk.Length) return; // the lease ran out within the chunk
            }
        }
    }

    /// <summary>
    /// One handler over several messages in one transaction, each saved and recorded handled before the next (which
    /// reads what the one before wrote); returns the messages it handled. It stops early, keeping what it did, when the
    /// lease runs out; when any message fails, nothing is kept and none is returned.
    /// </summary>
    private async Task<List<OutboxEnvelope>> HandleChunkAsync(OutboxEnvelope[] chunk, Type handlerType, string name,
        DateTimeOffset leasedUntil, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var handler = (IOutboxHandler)scope.ServiceProvider.GetRequiredService(handlerType);
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        var done = new List<OutboxEnvelope>();
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var message in chunk)
            {
                if (done.Count > 0 && clock.GetUtcNow() >= leasedUntil) break;
                await handler.HandleAsync(message, ct);
                await SaveHandledAsync(db, message.Id, name, ct);
                db.ChangeTracker.Clear();
                done.Add(message);
            }
            if (handler is IOutboxBufferedHandler buffered) await buffered.FlushAsync(ct);
            await tx.CommitAsync(ct);
            return done;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogDebug(e, "Outbox handler {Handler} failed a chunk of {Count}; its messages are handled one by one.",
                handlerType.Name, chunk.Length);
            return [];
        }
    }

    /// <summary>Marks messages this pass still holds processed, in one statement.</summary>
    private async Task FinishAllAsync(List<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        var now = clock.GetUtcNow();
        await db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id) && m.LockedBy == _owner)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, now).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.LastError, (string?)null), ct);
    }

    /// <summary>Which handlers already handled which of these messages (on an earlier attempt), read in one query.</summary>
    private async Task<HashSet<(Guid MessageId, string Handler)>> HandledAsync(List<OutboxEnvelope> messages, CancellationToken ct)
    {
        var ids = messages.Where(m => _handlers.Contains(m.Type)).Select(m => m.Id).ToList();
        if (ids.Count == 0) return [];
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        var rows = await db.Set<OutboxHandled>().AsNoTracking().Where(h => ids.Contains(h.MessageId))
            .Select(h => new { h.MessageId, h.Handler }).ToListAsync(ct);
        return [.. rows.Select(r => (r.MessageId, r.Handler))];
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
        // A transaction of its own, like every write: on SQLite it takes its turn at the write gate and its commit returns
        // once it is on disk, and with it every commit before it in the log, among them the ones that enqueued these
        // messages. A handler's effect outside the database (an email) never gets ahead of the commit that asked for it,
        // even when that commit left its flush to the end of its request (DeferredDurability).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
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
        // Nothing leased, nothing written: rolled back, an idle pass costs no commit and no flush.
        if (leased.Count > 0) await transaction.CommitAsync(ct);
        leased.Sort((a, b) => a.Id.CompareTo(b.Id));
        return leased;
    }

    /// <summary>
    /// Runs the message's handlers that have not handled it yet; true when all succeeded (it is then finished with its
    /// batch). A side-effect handler that succeeded is recorded only when another handler failed, so that the retry
    /// skips it; a message finished with its batch needs no record of who handled it.
    /// </summary>
    private async Task<bool> ProcessAsync(OutboxEnvelope message, HashSet<(Guid, string)> handled, CancellationToken ct)
    {
        Exception? failure = null;
        List<string>? unrecorded = null;
        foreach (var handlerType in _handlers[message.Type])
        {
            var name = NameOf(handlerType);
            if (handled.Contains((message.Id, name))) continue;
            try
            {
                if (await HandleOnceAsync(message, handlerType, name, ct)) (unrecorded ??= []).Add(name);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failure = e;
                logger.LogWarning(e, "Outbox handler {Handler} failed on {Type} {Id} (attempt {Attempt}).",
                    handlerType.Name, message.Type, message.Id, message.Attempt);
            }
        }
        if (failure is null) return true;
        if (unrecorded is not null) await RecordHandledAsync(message.Id, unrecorded, CancellationToken.None);
        await FinishAsync(message, failure, ct);
        return false;
    }

    /// <summary>
    /// Runs one handler in a transaction that also records it handled the message. A side-effect handler runs with no
    /// transaction and is not recorded here: true is returned, and <see cref="ProcessAsync"/> records it if needed.
    /// </summary>
    private async Task<bool> HandleOnceAsync(OutboxEnvelope message, Type handlerType, string name, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var handler = (IOutboxHandler)scope.ServiceProvider.GetRequiredService(handlerType);
        if (handler is IOutboxSideEffectHandler)
        {
            await handler.HandleAsync(message, ct);
            return true;
        }
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await handler.HandleAsync(message, ct);
        await SaveHandledAsync(db, message.Id, name, ct);
        if (handler is IOutboxBufferedHandler buffered) await buffered.FlushAsync(ct);
        await tx.CommitAsync(ct);
        return false;
    }

    private const string HandledSql = "INSERT INTO kernel_outbox_handled (handler, message_id, handled_at) VALUES ({0}, {1}, {2})";

    /// <summary>
    /// In the handler's transaction: saves what the handler left unsaved, then records that it handled the message,
    /// with one plain statement (the handlers every order runs pay no EF Core save for it).
    /// </summary>
    private async Task SaveHandledAsync(RunnerDbContext db, Guid messageId, string name, CancellationToken ct)
    {
        if (db.ChangeTracker.HasChanges()) await AddedRows.SaveAsync(db, ct);
        var provider = db.Provider();
        await db.Database.ExecuteSqlRawAsync(HandledSql, [name, Sql.Id(provider, messageId), Sql.Time(provider, clock.GetUtcNow())], ct);
    }

    /// <summary>Records side-effect handlers that handled a message its other handlers failed, so its retry skips them.</summary>
    private async Task RecordHandledAsync(Guid messageId, List<string> handlers, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        var now = clock.GetUtcNow();
        db.AddRange(handlers.Select(h => new OutboxHandled { MessageId = messageId, Handler = h, HandledAt = now }));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Every allowed attempt ended without reaching <see cref="FinishAsync"/> (its handler hung past the lease, or took
    /// its process down): set it aside as dead rather than let it take down host after host.
    /// </summary>
    private Task AbandonAsync(OutboxEnvelope message, CancellationToken ct) =>
        FinishAsync(message, new TimeoutException(
            $"None of {message.Attempt - 1} attempts finished within its lease (the handler hung or its process stopped)."), ct);

    /// <summary>Schedules the retry of a message that failed, or sets it aside as dead after its last allowed attempt.</summary>
    private async Task FinishAsync(OutboxEnvelope message, Exception failure, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        var now = clock.GetUtcNow();
        var query = db.Set<OutboxMessage>().Where(m => m.Id == message.Id && m.LockedBy == _owner);
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
