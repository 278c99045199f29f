namespace Runner.Identity.Security;

/// <summary>
/// Attempts counted per fixed window (table <c>identity_attempts</c>): sign-ins per IP, failed sign-ins per email,
/// registrations per IP. In the database, so the limits hold across host processes.
/// </summary>
internal sealed class AttemptCounter
{
    public required string Scope { get; set; }
    public required string Subject { get; set; }
    public DateTimeOffset WindowStart { get; set; }
    public int Count { get; set; }
}
