namespace Runner.Identity.Audit;

/// <summary>
/// One change made through the admin API (table <c>identity_audit_log</c>): who (staff member or API key), what (the
/// endpoint and the request, secrets redacted), when, from where (IP address and user agent), how it ended (status), and
/// the fields it changed, before and after, as the saves of the request wrote them.
/// </summary>
internal sealed class AuditEntry
{
    public Guid Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ActorKind { get; set; }
    public required string ActorId { get; set; }
    public string? ActorName { get; set; }
    public string? Ip { get; set; }
    public string? UserAgent { get; set; }
    public required string Method { get; set; }
    public required string Path { get; set; }
    /// <summary>The endpoint's name (<c>RefundOrder</c>, <c>InviteStaff</c>).</summary>
    public string? Action { get; set; }
    public int Status { get; set; }
    /// <summary>The request body as JSON, with secret fields redacted; null when there was none (or not JSON).</summary>
    public string? Request { get; set; }
    /// <summary>JSON: <c>[{ table, key, state, fields: { name: { before, after } } }]</c>.</summary>
    public string? Changes { get; set; }
}
