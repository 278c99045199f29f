namespace Runner.Payments.Fraud;

/// <summary>One screened checkout attempt (table <c>payments_fraud_attempts</c>): what velocity counts, across processes.</summary>
internal sealed class FraudAttempt
{
    public Guid Id { get; set; }
    public string? Fingerprint { get; set; }
    public required string Email { get; set; }
    public string? Ip { get; set; }
    public int Score { get; set; }
    public DateTimeOffset At { get; set; }
}
