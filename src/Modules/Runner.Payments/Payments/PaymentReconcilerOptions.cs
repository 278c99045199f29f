namespace Runner.Payments.Payments;

/// <summary>
/// <c>Runner:Payments:Reconciler</c>. <see cref="After"/> is how old a pending operation (a capture, refund or void
/// sent to the gateway, or an authorization under way) must be before the reconciler settles it from the gateway's
/// records: it must exceed the longest a gateway call may take, so that a live request is never overtaken.
/// <see cref="EventDelay"/> is how long <c>payment.captured</c> / <c>refunded</c> / <c>voided</c> wait before their
/// handlers run (the request that moved the money records it on the order itself first).
/// </summary>
internal sealed class PaymentReconcilerOptions
{
    public bool Enabled { get; set; } = true;
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan After { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan EventDelay { get; set; } = TimeSpan.FromSeconds(30);
    public int BatchSize { get; set; } = 100;
}
