using Runner.Analytics.Events;
using Runner.Analytics.Reports;

namespace Runner.Analytics.Funnels;

/// <summary>
/// One session's part of an accepted batch: its first event's time, source (UTM fields, the referrer's host when it is
/// not the page's own) and device, and the steps its events reached.
/// </summary>
internal sealed record FunnelVisit(string Id, DateTimeOffset FirstAt, string? UtmSource, string? UtmMedium, string? ReferrerHost,
    string Device, FunnelSteps Steps);

/// <summary>
/// What happened to a product (a view, units added to a cart: by <see cref="ProductId"/>, or by <see cref="VariantId"/>
/// when the event named only the variant) or a collection (a view of its page), <see cref="Count"/> times in one quarter-hour.
/// </summary>
internal sealed record FunnelItem(string Type, long Quarter, Guid? ProductId, Guid? VariantId, Guid? CollectionId, long Count);

/// <summary>The payload of <see cref="FunnelFacts.EventsReceived"/>: the facts of a batch the funnel counts, never its URLs.</summary>
internal sealed record FunnelBatch(Guid ChannelId, Guid? CustomerId, IReadOnlyList<FunnelVisit> Visits, IReadOnlyList<FunnelItem> Items);

/// <summary>Turns an accepted batch of storefront events into the compact message the funnel's counters are kept from.</summary>
internal static class FunnelFacts
{
    /// <summary>Outbox message type: a batch of storefront events was accepted.</summary>
    public const string EventsReceived = "analytics.events_received";

    /// <summary>The step an event type marks, if any (a checkout step implies the checkout started).</summary>
    public static FunnelSteps StepOf(string type) => type switch
    {
        EventTypes.ProductView => FunnelSteps.ProductView,
        EventTypes.AddToCart => FunnelSteps.AddToCart,
        EventTypes.CheckoutStarted or EventTypes.CheckoutStep => FunnelSteps.CheckoutStarted,
        EventTypes.Purchase => FunnelSteps.Purchase,
        _ => FunnelSteps.None,
    };

    /// <summary>The facts of <paramref name="rows"/>: one accepted batch (not empty), all of one channel and customer.</summary>
    public static FunnelBatch Of(IReadOnlyList<StoreEvent> rows)
    {
        var visits = rows.GroupBy(e => e.SessionId, StringComparer.Ordinal).Select(session =>
        {
            var first = session.MinBy(e => e.OccurredAt)!;
            var steps = session.Aggregate(FunnelSteps.None, (s, e) => s | StepOf(e.Type));
            return new FunnelVisit(session.Key, first.OccurredAt, first.UtmSource, first.UtmMedium, ReferrerHost(first), first.Device, steps);
        }).ToList();
        var items = rows.Where(e => e.Type is EventTypes.ProductView or EventTypes.AddToCart or EventTypes.CollectionView)
            .GroupBy(e => (e.Type, Quarter: StoreCalendar.QuarterOf(e.OccurredAt), Product: e.Type == EventTypes.CollectionView ? null : e.ProductId,
                Variant: e.Type == EventTypes.AddToCart && e.ProductId is null ? e.VariantId : null,
                Collection: e.Type == EventTypes.CollectionView ? e.CollectionId : null))
            .Select(g => new FunnelItem(g.Key.Type, g.Key.Quarter, g.Key.Product, g.Key.Variant, g.Key.Collection,
                g.Key.Type == EventTypes.AddToCart ? g.Sum(e => (long)(e.Quantity ?? 1)) : g.Count()))
            .ToList();
        return new FunnelBatch(rows[0].ChannelId, rows[0].CustomerId, visits, items);
    }

    /// <summary>The referrer's host, unless the referrer is the page's own site (a click from one page of the store to another).</summary>
    private static string? ReferrerHost(StoreEvent e)
    {
        var referrer = TrafficSource.HostOf(e.Referrer);
        return referrer is not null && referrer == TrafficSource.HostOf(e.Url) ? null : referrer;
    }
}
