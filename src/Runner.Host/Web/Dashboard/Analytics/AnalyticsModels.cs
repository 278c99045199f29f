using Runner.Kernel;

namespace Runner.Host.Web.Dashboard.Analytics;

// The analytics answers in full, as the analytics pages and the dashboard's home read them.

/// <summary>The figures of a profit report, of its previous period or of one row of its series.</summary>
public class ProfitFiguresView
{
    public Money GrossSales { get; init; }
    public Money Discounts { get; init; }
    public Money Refunds { get; init; }
    public Money NetSales { get; init; }
    public Money Shipping { get; init; }
    public Money Taxes { get; init; }
    public Money Cogs { get; init; }
    public Money PaymentFees { get; init; }
    public Money ShippingCosts { get; init; }
    public Money Expenses { get; init; }
    public Money NetProfit { get; init; }
    public decimal Margin { get; init; }
    public long Orders { get; init; }
    public long Units { get; init; }
}

public sealed class ProfitPeriodView : ProfitFiguresView
{
    public string From { get; init; } = "";
    public string To { get; init; } = "";
}

/// <summary>A local period (an hour, day, week or month) or a group (a product, collection, channel or cohort).</summary>
public sealed class ProfitSeriesView : ProfitFiguresView
{
    public string Key { get; init; } = "";
    public string Label { get; init; } = "";
}

/// <summary><c>GET /admin/analytics/profit</c>.</summary>
public sealed class ProfitReportView : ProfitFiguresView
{
    public string From { get; init; } = "";
    public string To { get; init; } = "";
    public string TimeZone { get; init; } = "";
    public string GroupBy { get; init; } = "";
    public IReadOnlyDictionary<string, Money> ExpensesByCategory { get; init; } = new Dictionary<string, Money>();
    public ProfitPeriodView Previous { get; init; } = new();
    public IReadOnlyList<ProfitSeriesView> Series { get; init; } = [];
}

/// <summary>Step conversions, each over the step before; null where a row does not count the step.</summary>
public sealed record FunnelConversionView(decimal? ProductView, decimal? AddToCart, decimal? Checkout, decimal? Purchase, decimal? Overall);

public sealed record FunnelTotalsView(long Sessions, long ProductViews, long AddsToCart, long CheckoutsStarted, long Purchases,
    long AbandonedCheckouts, FunnelConversionView Conversion);

/// <summary>A period, source or device (sessions and steps), or a product or collection (views, units added, units ordered).</summary>
public sealed record FunnelRowView(string Key, string? Label, long? Sessions, long ProductViews, long AddsToCart, long? CheckoutsStarted,
    long Purchases, long? AbandonedCheckouts, long? CollectionViews, FunnelConversionView Conversion);

public sealed record TopProductView(Guid ProductId, string? Title, long Count);

public sealed record TopProductsView(IReadOnlyList<TopProductView> ByViews, IReadOnlyList<TopProductView> ByAdds, IReadOnlyList<TopProductView> ByPurchases);

/// <summary><c>GET /admin/analytics/funnel</c>.</summary>
public sealed record FunnelReportView(string From, string To, string TimeZone, string GroupBy, FunnelTotalsView Totals, FunnelTotalsView Previous,
    IReadOnlyList<FunnelRowView> Series, TopProductsView TopProducts);

/// <summary>An expense: <see cref="Amount"/> as paid, <see cref="StoreAmount"/> in the store's currency.</summary>
public sealed record ExpenseView(Guid Id, DateOnly Date, string Category, Money Amount, Money StoreAmount, decimal ExchangeRate, string? Note,
    string Recurrence, DateOnly? EndDate, DateTimeOffset CreatedAt, string CreatedBy);

public sealed record ExpenseImportView(int Imported, IReadOnlyList<ExpenseView> Expenses);
