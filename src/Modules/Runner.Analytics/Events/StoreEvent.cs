namespace Runner.Analytics.Events;

/// <summary>
/// One storefront event as the browser reported it (table <c>analytics_events</c>, append-only): what happened, to which
/// anonymous visitor and session, where they came from, on which device, about which product. Kept for
/// <see cref="AnalyticsOptions.RawEventRetentionDays"/>; revenue never comes from here (orders come from the server's
/// own order events).
/// </summary>
internal sealed class StoreEvent
{
    public long Id { get; set; }
    public required string Type { get; set; }
    /// <summary>When the browser says it happened (UTC), within a window around <see cref="ReceivedAt"/>.</summary>
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public Guid ChannelId { get; set; }
    public required string VisitorId { get; set; }
    public required string SessionId { get; set; }
    /// <summary>The signed-in customer, when the batch came with their token.</summary>
    public Guid? CustomerId { get; set; }
    public string? Url { get; set; }
    public string? Referrer { get; set; }
    public string? UtmSource { get; set; }
    public string? UtmMedium { get; set; }
    public string? UtmCampaign { get; set; }
    /// <summary><c>desktop</c>, <c>mobile</c>, <c>tablet</c> or <c>other</c>.</summary>
    public required string Device { get; set; }
    public Guid? ProductId { get; set; }
    public Guid? VariantId { get; set; }
    public Guid? CollectionId { get; set; }
    public Guid? CartId { get; set; }
    public string? Query { get; set; }
    public string? Step { get; set; }
    public int? Quantity { get; set; }
}
