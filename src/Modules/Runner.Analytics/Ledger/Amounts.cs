namespace Runner.Analytics.Ledger;

/// <summary>
/// What the profit ledger adds up, in minor units of the store currency (<see cref="Orders"/> and <see cref="Units"/>
/// are counts). A posting carries the change an event makes; a bucket holds the sum of its postings.
/// <list type="bullet">
/// <item><see cref="GrossSales"/>: lines at their selling price before discounts, tax taken out where prices include it.</item>
/// <item><see cref="Refunds"/>: the sales part of money given back (returns and refunds, cancellations), on the day it was given back.</item>
/// <item><see cref="Shipping"/>: shipping charged, less what was refunded of it; <see cref="Taxes"/> likewise (shown, not revenue).</item>
/// <item><see cref="Cogs"/>: each line's unit cost as snapshotted when the order was placed, times the units kept (units put back on the shelves come off).</item>
/// <item><see cref="PaymentFees"/>: the gateway's fee of each transaction; <see cref="ShippingCosts"/>: label costs, or the rate's estimate until a label is known.</item>
/// </list>
/// </summary>
internal readonly record struct Amounts(long GrossSales = 0, long Discounts = 0, long Refunds = 0, long Shipping = 0, long Taxes = 0,
    long Cogs = 0, long PaymentFees = 0, long ShippingCosts = 0, long Orders = 0, long Units = 0)
{
    public long NetSales => GrossSales - Discounts - Refunds;

    /// <summary>Net sales and shipping charged, less cost of goods, fees and shipping costs (expenses are not in buckets).</summary>
    public long Profit => NetSales + Shipping - Cogs - PaymentFees - ShippingCosts;

    public bool IsZero => this == default;

    public static Amounts operator +(Amounts a, Amounts b) => new(
        checked(a.GrossSales + b.GrossSales), checked(a.Discounts + b.Discounts), checked(a.Refunds + b.Refunds),
        checked(a.Shipping + b.Shipping), checked(a.Taxes + b.Taxes), checked(a.Cogs + b.Cogs), checked(a.PaymentFees + b.PaymentFees),
        checked(a.ShippingCosts + b.ShippingCosts), a.Orders + b.Orders, a.Units + b.Units);

    public static Amounts operator -(Amounts a) => new(-a.GrossSales, -a.Discounts, -a.Refunds, -a.Shipping, -a.Taxes, -a.Cogs,
        -a.PaymentFees, -a.ShippingCosts, -a.Orders, -a.Units);

    public static Amounts operator -(Amounts a, Amounts b) => a + -b;
}
