namespace Runner.Kernel.Idempotency;

/// <summary>
/// One use of an <c>Idempotency-Key</c> (table <c>kernel_idempotency_keys</c>): the hash of the request it came with
/// and, once answered, the response to replay. <see cref="LockedUntil"/> marks a request still running; a crashed one
/// may be taken over once it passes.
/// </summary>
public sealed class IdempotencyRecord
{
    public required string Scope { get; set; }
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Body { get; set; }
    public string? Location { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset LockedUntil { get; set; }
}
