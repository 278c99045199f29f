namespace Runner.Payments.Webhooks;

/// <summary>A gateway event already handled (table <c>payments_webhook_events</c>): a replay of its id changes nothing.</summary>
internal sealed class WebhookEvent
{
    public required string Gateway { get; set; }
    public required string EventId { get; set; }
    public required string Type { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
