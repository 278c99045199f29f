using Runner.Analytics.Reports;
using Runner.Catalog.Contracts;
using Runner.Kernel.Data;
using Runner.Kernel.Outbox;
using Runner.Orders.Contracts;
using Runner.Store.Contracts;

namespace Runner.Analytics.Funnels;

/// <summary>
/// Handles <c>order.placed</c>, the server's own word that a purchase happened, so the funnel's purchases and units
/// never depend on a tracking script. The session the order's attribution names reaches <c>purchase</c> (created, in
/// the quarter of the order, when its events have not arrived yet); an order with no session is a session-less
/// purchase, counted in the totals and under its own source. The units of each line count for its product and the
/// product's collections. The counters of every order of a chunk are added up and written together at its end
/// (<see cref="IOutboxBufferedHandler"/>); the sessions are written order by order.
/// </summary>
internal sealed class CountPlacedOrder(RunnerDbContext db, IStoreQueries store, IProductDirectory products) : IOutboxBufferedHandler
{
    private readonly FunnelTally _tally = new();

    public Task FlushAsync(CancellationToken ct) => _tally.SaveAsync(db, ct);

    public async Task HandleAsync(OutboxEnvelope message, CancellationToken ct)
    {
        var order = message.Read<OrderPlacedEvent>();
        var quarter = StoreCalendar.QuarterOf(order.PlacedAt);
        var source = TrafficSource.Of(order.Attribution, await OwnHosts.OfAsync(store, ct));
        if (SessionOf(order.Attribution) is { } session)
        {
            var channel = order.ChannelId.Value;
            await FunnelSessions.OpenAsync(db, channel,
                [new SessionStart(session, quarter, source, FunnelDimensions.UnknownDevice, order.CustomerId?.Value)], _tally, ct);
            await FunnelSessions.ReachAsync(db, channel, FunnelSteps.Purchase, [session], _tally, ct);
        }
        else _tally.AddSession(quarter, source, FunnelDimensions.UnknownDevice, FunnelCounter.Purchases);

        var units = order.Lines.Where(l => l.ProductId is not null && l.Quantity > 0)
            .GroupBy(l => l.ProductId!.Value).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        var found = await products.FindAsync(units.Keys, ct);
        foreach (var (product, count) in units)
        {
            var collections = found.TryGetValue(product, out var p) ? p.Collections.Select(c => c.Value) : [];
            _tally.AddProduct(product.Value, collections, quarter, FunnelCounter.PurchasedUnits, count);
        }
    }

    /// <summary>The attribution's session id when it is one the storefront events could have used, else null.</summary>
    private static string? SessionOf(OrderAttribution? attribution) =>
        attribution?.SessionId?.Trim() is { Length: > 0 and <= 64 } id && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? id : null;
}
