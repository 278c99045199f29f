using Runner.Analytics.Reports;

namespace Runner.Analytics.Funnels;

/// <summary>The funnel report's series as CSV: one line per row, the same fields as the JSON, conversions as ratios.</summary>
internal static class FunnelCsv
{
    public static ReportCsv Of(FunnelReport report)
    {
        var csv = new ReportCsv("key", "label", "sessions", "productViews", "addsToCart", "checkoutsStarted", "purchases", "abandonedCheckouts",
            "collectionViews", "productViewConversion", "addToCartConversion", "checkoutConversion", "purchaseConversion", "overallConversion");
        foreach (var r in report.Series)
        {
            var c = r.Conversion;
            csv.Row(r.Key, r.Label, r.Sessions, r.ProductViews, r.AddsToCart, r.CheckoutsStarted, r.Purchases, r.AbandonedCheckouts, r.CollectionViews,
                c.ProductView, c.AddToCart, c.Checkout, c.Purchase, c.Overall);
        }
        return csv;
    }
}
