using System.Text.Json.Serialization;
using Runner.Kernel;

namespace Runner.Analytics.Reports;

/// <summary>
/// The figures of a profit report, a period or a group, in the store currency. <c>netSales</c> = gross sales − discounts −
/// refunds; <c>netProfit</c> = net sales + shipping − cost of goods − payment fees − shipping costs − expenses;
/// <c>margin</c> = net profit / net sales (4 decimals; 0 without net sales). Taxes are shown, never revenue.
/// </summary>
public class ProfitFiguresResponse
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
    /// <summary>Orders placed (for a product or collection: orders with it).</summary>
    public long Orders { get; init; }
    /// <summary>Units sold, less units that came back.</summary>
    public long Units { get; init; }

    internal static T Of<T>(ProfitFigures f, string currency) where T : ProfitFiguresResponse, new()
    {
        var s = f.Sums;
        Money M(long minor) => new(minor, currency);
        return new T
        {
            GrossSales = M(s.GrossSales), Discounts = M(s.Discounts), Refunds = M(s.Refunds), NetSales = M(s.NetSales), Shipping = M(s.Shipping),
            Taxes = M(s.Taxes), Cogs = M(s.Cogs), PaymentFees = M(s.PaymentFees), ShippingCosts = M(s.ShippingCosts), Expenses = M(f.Expenses),
            NetProfit = M(f.NetProfit), Margin = f.Margin, Orders = s.Orders, Units = s.Units,
        };
    }
}

/// <summary>One entry of a series: a local period (<c>key</c> as in <see cref="Period"/>) or a group (a product id…).</summary>
public sealed class ProfitSeriesItem : ProfitFiguresResponse
{
    [JsonPropertyOrder(-2)] public string Key { get; set; } = "";
    /// <summary>A readable name: the product or collection title, the sales channel's name; the key otherwise.</summary>
    [JsonPropertyOrder(-1)] public string Label { get; set; } = "";
}

/// <summary>The period just before the report's, of the same length, for comparison.</summary>
public sealed class ProfitPeriodResponse : ProfitFiguresResponse
{
    [JsonPropertyOrder(-2)] public string From { get; set; } = "";
    [JsonPropertyOrder(-1)] public string To { get; set; } = "";
}

/// <summary>
/// <c>GET /admin/analytics/profit</c>: the figures of the range (local dates, both inclusive), the previous period's,
/// and the series of the grouping. Groups by product or collection carry their sales, discounts, refunds, cost of goods
/// and units (their profit is their gross profit); shipping, fees and expenses belong to orders and to the store.
/// </summary>
public sealed class ProfitReportResponse : ProfitFiguresResponse
{
    [JsonPropertyOrder(-6)] public string From { get; set; } = "";
    [JsonPropertyOrder(-5)] public string To { get; set; } = "";
    [JsonPropertyOrder(-4)] public string TimeZone { get; set; } = "";
    [JsonPropertyOrder(-3)] public string Currency { get; set; } = "";
    [JsonPropertyOrder(-2)] public string GroupBy { get; set; } = "";
    /// <summary>The expenses of the range by category (<c>ad_spend</c>, <c>rent</c>…), spread per day as <c>expenses</c> is.</summary>
    public IReadOnlyDictionary<string, Money> ExpensesByCategory { get; set; } = new Dictionary<string, Money>();
    public ProfitPeriodResponse Previous { get; set; } = new();
    public IReadOnlyList<ProfitSeriesItem> Series { get; set; } = [];
}
