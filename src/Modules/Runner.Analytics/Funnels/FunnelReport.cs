namespace Runner.Analytics.Funnels;

/// <summary>
/// Step conversions, each the step over the one before (<c>overall</c>: purchases over sessions), 4 decimals, 0 when the
/// step before is 0. Null where a row does not count the step (a product row has no sessions or checkouts).
/// </summary>
public sealed record FunnelConversion(decimal? ProductView, decimal? AddToCart, decimal? Checkout, decimal? Purchase, decimal? Overall);

/// <summary>
/// The funnel of a period: sessions, the sessions that reached each step (<see cref="Purchases"/> also counts orders
/// with no known session), and the checkouts started that did not end in a purchase.
/// </summary>
public sealed record FunnelTotals(long Sessions, long ProductViews, long AddsToCart, long CheckoutsStarted, long Purchases,
    long AbandonedCheckouts, FunnelConversion Conversion);

/// <summary>
/// One row of a report's series: a local period (<see cref="Key"/> as <c>StoreCalendar</c> names it), a traffic source,
/// a device, or a product or collection (<see cref="Label"/> its title). Product and collection rows count events and
/// units rather than sessions: <see cref="ProductViews"/> the views of the product (of the collection's products),
/// <see cref="AddsToCart"/> the units added to carts, <see cref="Purchases"/> the units ordered; their session fields
/// are null. <see cref="CollectionViews"/> (views of a collection's page) is set on collection rows only.
/// </summary>
public sealed record FunnelRow(string Key, string? Label, long? Sessions, long ProductViews, long AddsToCart, long? CheckoutsStarted,
    long Purchases, long? AbandonedCheckouts, long? CollectionViews, FunnelConversion Conversion);

/// <summary>A product among the most viewed, added or purchased (<see cref="Count"/> views, units added or units ordered).</summary>
public sealed record TopProduct(Guid ProductId, string? Title, long Count);

public sealed record TopProducts(IReadOnlyList<TopProduct> ByViews, IReadOnlyList<TopProduct> ByAdds, IReadOnlyList<TopProduct> ByPurchases);

/// <summary>
/// <c>GET /admin/analytics/funnel</c>: the range (local dates, both inclusive, in <see cref="TimeZone"/>), its totals and
/// those of the period of equal length just before, the series grouped as asked, and the top 10 products.
/// </summary>
public sealed record FunnelReport(DateOnly From, DateOnly To, string TimeZone, string GroupBy, FunnelTotals Totals, FunnelTotals Previous,
    IReadOnlyList<FunnelRow> Series, TopProducts TopProducts);

/// <summary>Turns summed counters (in the order of <see cref="FunnelTally.Columns"/>) into report rows.</summary>
internal static class FunnelShape
{
    public static long Of(long[] c, FunnelCounter counter) => c[(int)counter];

    public static FunnelTotals Totals(long[] c)
    {
        var (sessions, views, adds, checkouts, purchases) = (Of(c, FunnelCounter.Sessions), Of(c, FunnelCounter.ProductViews),
            Of(c, FunnelCounter.AddsToCart), Of(c, FunnelCounter.CheckoutsStarted), Of(c, FunnelCounter.Purchases));
        return new FunnelTotals(sessions, views, adds, checkouts, purchases,
            Math.Max(0, checkouts - Of(c, FunnelCounter.CheckoutPurchases)),
            new FunnelConversion(Ratio(views, sessions), Ratio(adds, views), Ratio(checkouts, adds), Ratio(purchases, checkouts), Ratio(purchases, sessions)));
    }

    /// <summary>A row of sessions and steps (a period, a source, a device).</summary>
    public static FunnelRow SessionRow(string key, string? label, long[] c)
    {
        var t = Totals(c);
        return new FunnelRow(key, label, t.Sessions, t.ProductViews, t.AddsToCart, t.CheckoutsStarted, t.Purchases, t.AbandonedCheckouts, null, t.Conversion);
    }

    /// <summary>A row of what happened to a product, or to a collection's products (with views of its page).</summary>
    public static FunnelRow ItemRow(string key, string? label, long[] c, bool collection)
    {
        var (views, adds, units) = (Of(c, FunnelCounter.Views), Of(c, FunnelCounter.Adds), Of(c, FunnelCounter.PurchasedUnits));
        return new FunnelRow(key, label, null, views, adds, null, units, null, collection ? Of(c, FunnelCounter.CollectionViews) : null,
            new FunnelConversion(null, Ratio(adds, views), null, Ratio(units, adds), Ratio(units, views)));
    }

    public static decimal Ratio(long part, long whole) =>
        whole == 0 ? 0m : decimal.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);
}
