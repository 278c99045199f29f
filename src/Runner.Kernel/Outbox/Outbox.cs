using System.Text.Json;
using Runner.Kernel.Actors;
using Runner.Kernel.Data;

namespace Runner.Kernel.Outbox;

/// <summary>Adds messages to the outbox within the caller's unit of work; they are saved with its SaveChanges.</summary>
public interface IOutbox
{
    void Enqueue<T>(string type, T payload, DateTimeOffset? availableAt = null);
}

internal sealed class EfOutbox(RunnerDbContext db, TimeProvider clock, IActorAccessor actors) : IOutbox
{
    public void Enqueue<T>(string type, T payload, DateTimeOffset? availableAt = null)
    {
        var now = Data.Instants.Now(clock);
        db.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Type = type,
            Payload = JsonSerializer.Serialize(payload, OutboxJson.Options),
            Actor = actors.Current.ToString(),
            OccurredAt = now,
            // PostgreSQL's timestamptz takes only UTC offsets; a caller may well pass a store-local time.
            AvailableAt = (availableAt ?? now).ToUniversalTime(),
        });
    }
}

/// <summary>Wakes this process's dispatcher right after a commit that added messages, instead of at the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); } catch (SemaphoreFullException) { }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
