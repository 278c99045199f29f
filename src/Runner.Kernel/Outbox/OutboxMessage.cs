namespace Runner.Kernel.Outbox;

/// <summary>
/// A side effect waiting to leave the system, written in the same transaction as the change that caused it
/// (table <c>kernel_outbox</c>). Any host process may lease it; it is handled at least once, and each handler
/// records what it handled so a retry does not repeat it.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public required string Type { get; set; }
    public required string Payload { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset AvailableAt { get; set; }
    public int Attempts { get; set; }
    public string? LockedBy { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public DateTimeOffset? DeadAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>That handler <see cref="Handler"/> has handled message <see cref="MessageId"/> (table <c>kernel_outbox_handled</c>).</summary>
public sealed class OutboxHandled
{
    public Guid MessageId { get; set; }
    public required string Handler { get; set; }
    public DateTimeOffset HandledAt { get; set; }
}

/// <summary>A message as a handler sees it.</summary>
public sealed record OutboxEnvelope(Guid Id, string Type, string Payload, string Actor, DateTimeOffset OccurredAt, int Attempt)
{
    public T Read<T>() => System.Text.Json.JsonSerializer.Deserialize<T>(Payload, OutboxJson.Options)
        ?? throw new InvalidOperationException($"Outbox message {Id} has an empty payload.");
}

/// <summary>
/// Handles one type of outbox message. Handlers must be idempotent: the dispatcher records each handled message
/// in the handler's transaction, but an effect outside the database (an email) may repeat if the process dies
/// between the effect and the commit.
/// </summary>
public interface IOutboxHandler
{
    Task HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken);
}

/// <summary>
/// A handler whose effect is outside the database (an email, a call to another system) and that writes nothing to it:
/// the dispatcher runs it with no transaction open (on SQLite a transaction holds the one write lock while it runs).
/// Its message is marked processed with the rest of its batch; when another handler of the message fails, this one is
/// recorded as handled so the retry skips it. As with any handler, the effect may repeat if the process dies between
/// the effect and that record.
/// </summary>
public interface IOutboxSideEffectHandler : IOutboxHandler;

/// <summary>
/// A handler that adds to sums (counters, totals) and gathers what it adds over every message of its transaction, then
/// writes it once: the dispatcher calls <see cref="FlushAsync"/> after the handler's last message, before the commit
/// (after each message when it handles them one by one). Under load a chunk of orders adds to the same buckets (the
/// same hour, the store's total), so a chunk writes each bucket once instead of once per order, while holding the
/// write lock. The handler must not read the sums it has not flushed yet.
/// </summary>
public interface IOutboxBufferedHandler : IOutboxHandler
{
    Task FlushAsync(CancellationToken cancellationToken);
}

/// <summary>Registers a handler for one message type (see <c>AddOutboxHandler</c>).</summary>
public sealed record OutboxHandlerRegistration(string MessageType, Type HandlerType);

internal static class OutboxJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new Ids.TypedIdJsonConverterFactory() },
    };
}
