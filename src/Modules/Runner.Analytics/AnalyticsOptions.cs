namespace Runner.Analytics;

/// <summary>Settings of <c>Runner:Analytics</c>.</summary>
public sealed class AnalyticsOptions
{
    /// <summary>Days the raw storefront events are kept (the aggregates outlive them).</summary>
    public int RawEventRetentionDays { get; set; } = 90;
    /// <summary>Events in one batch at most.</summary>
    public int MaxBatchEvents { get; set; } = 100;
    /// <summary>Bytes of one batch at most.</summary>
    public int MaxBatchBytes { get; set; } = 256 * 1024;
}
