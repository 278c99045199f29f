namespace Runner.Analytics.Ledger;

/// <summary>The dimensions the ledger keeps sums for; <see cref="Total"/> has the one key <c>""</c>.</summary>
internal enum LedgerDimension
{
    Total = 0,
    Product = 1,
    Collection = 2,
    /// <summary>Where the order came from: UTM source / medium, else the referrer's host, else <c>direct</c>.</summary>
    Channel = 3,
    /// <summary>The local month of the customer's first order, <c>yyyy-MM</c>.</summary>
    Cohort = 4,
    /// <summary>The sales channel (storefront) that took the order.</summary>
    SalesChannel = 5,
}

/// <summary>The sums of one bucket (columns shared by the quarter-hour and day tables).</summary>
internal abstract class ProfitSums
{
    public LedgerDimension Dimension { get; set; }
    public required string Key { get; set; }
    public long GrossSales { get; set; }
    public long Discounts { get; set; }
    public long Refunds { get; set; }
    public long Shipping { get; set; }
    public long Taxes { get; set; }
    public long Cogs { get; set; }
    public long PaymentFees { get; set; }
    public long ShippingCosts { get; set; }
    public long Orders { get; set; }
    public long Units { get; set; }

    public static readonly string[] Columns =
        ["gross_sales", "discounts", "refunds", "shipping", "taxes", "cogs", "payment_fees", "shipping_costs", "orders", "units"];

    public Amounts Amounts() => new(GrossSales, Discounts, Refunds, Shipping, Taxes, Cogs, PaymentFees, ShippingCosts, Orders, Units);

    public static long[] Values(Amounts a) =>
        [a.GrossSales, a.Discounts, a.Refunds, a.Shipping, a.Taxes, a.Cogs, a.PaymentFees, a.ShippingCosts, a.Orders, a.Units];
}

/// <summary>
/// Sums per UTC quarter-hour (table <c>analytics_profit_quarters</c>; <see cref="Quarter"/> counts 15-minute buckets
/// since the Unix epoch): local hours, days, weeks and months are cut from them at query time.
/// </summary>
internal sealed class ProfitQuarter : ProfitSums
{
    public long Quarter { get; set; }
}

/// <summary>
/// The same sums per UTC hour (table <c>analytics_profit_hours</c>; <see cref="Hour"/> counts hours since the Unix epoch):
/// a store whose offset is a whole number of hours reads its local hours, days, weeks and months from here, a quarter
/// of the rows.
/// </summary>
internal sealed class ProfitHour : ProfitSums
{
    public long Hour { get; set; }
}

/// <summary>
/// The same sums per UTC day (table <c>analytics_profit_days</c>; <see cref="Day"/> counts days since the Unix epoch):
/// a range by product or collection reads whole UTC days here and only its two ragged ends from the quarters.
/// </summary>
internal sealed class ProfitDay : ProfitSums
{
    public int Day { get; set; }
}

/// <summary>
/// The same sums per UTC calendar month (table <c>analytics_profit_months</c>; <see cref="Month"/> is year × 12 + month
/// − 1): a year by product reads eleven or twelve months here, the days of the partial months and the quarter-hours
/// of the ragged ends, a few rows per product instead of one per product and day.
/// </summary>
internal sealed class ProfitMonth : ProfitSums
{
    public int Month { get; set; }

    /// <summary>The UTC month of a day counted from the Unix epoch.</summary>
    public static int Of(int day)
    {
        var date = DateOnly.FromDayNumber(Epoch + day);
        return date.Year * 12 + date.Month - 1;
    }

    /// <summary>The first day (from the Unix epoch) of a month.</summary>
    public static int FirstDay(int month) => new DateOnly(month / 12, month % 12 + 1, 1).DayNumber - Epoch;

    private static readonly int Epoch = new DateOnly(1970, 1, 1).DayNumber;
}
