using Runner.Kernel;

namespace Runner.Analytics.Ledger;

/// <summary>
/// What the ledger has booked for one order so far, in the order's currency (costs in the store currency), kept so that
/// a later refund, edit or cancellation books exactly its own change. Stored as JSON on <see cref="LedgerOrder"/>.
/// </summary>
internal sealed class OrderBook
{
    public List<BookLine> Lines { get; set; } = [];
    /// <summary>Shipping charged, tax taken out where prices include it.</summary>
    public long Shipping { get; set; }
    /// <summary>Every tax of the order (lines and shipping).</summary>
    public long Tax { get; set; }
    public long RefundedShipping { get; set; }
    public long RefundedTax { get; set; }
    /// <summary>Refunded above what the order's lines, shipping and tax still held (booked as refunds at order level).</summary>
    public long RefundedBeyond { get; set; }
    /// <summary>The shipping rate's cost estimate still booked (store currency); zero once a label cost replaced it.</summary>
    public long EstimatedShippingCost { get; set; }
    /// <summary>Label costs booked (store currency).</summary>
    public long LabelCosts { get; set; }
    public bool Cancelled { get; set; }

    public long RemainingSales => Lines.Sum(l => Math.Max(0, l.Remaining));
}

/// <summary>One line as booked: <see cref="Discount"/> includes its share of order-level discounts.</summary>
internal sealed class BookLine
{
    public Guid LineId { get; set; }
    public Guid? ProductId { get; set; }
    public List<Guid> Collections { get; set; } = [];
    public long Quantity { get; set; }
    public long Gross { get; set; }
    public long Discount { get; set; }
    public long Tax { get; set; }
    /// <summary>Cost of one unit in the store currency (zero when the variant had no cost).</summary>
    public long UnitCost { get; set; }
    public long RefundedSales { get; set; }
    /// <summary>Units that came back to the shelves through a refund or return (their cost came off).</summary>
    public long UnitsBack { get; set; }

    public long Remaining => Gross - Discount - RefundedSales;
    public long UnitsKept => Math.Max(0, Quantity - UnitsBack);
}

/// <summary>
/// One event's change to the ledger: the order-level sums (<see cref="Order"/>, booked under the total, channel, cohort
/// and sales channel) and the share of each product (<see cref="Lines"/>, booked under the product and its collections).
/// All in the store currency.
/// </summary>
internal sealed record Posting(DateTimeOffset At, Amounts Order, IReadOnlyList<(BookLine Line, Amounts Amounts)> Lines)
{
    public bool IsEmpty => Order.IsZero && Lines.All(l => l.Amounts.IsZero);
}

/// <summary>Converts order-currency amounts to the store currency at the rate recorded on the order.</summary>
internal readonly record struct OrderRate(string Currency, string StoreCurrency, decimal Rate)
{
    /// <summary>An amount in the order currency, in the store currency (rounded once, as <see cref="Money.ConvertTo"/> does).</summary>
    public long ToStore(long minor) => Currency == StoreCurrency || Rate <= 0 || minor == 0
        ? minor
        : new Money(minor, Currency).ConvertTo(StoreCurrency, 1m / Rate).Minor;

    /// <summary>
    /// An amount in the order's or the store's currency, in the store currency. (A cost in a third currency, which
    /// nothing records today, would have no rate on the order: it is taken as the store's.)
    /// </summary>
    public long ToStore(Money amount) => amount.Currency == Currency ? ToStore(amount.Minor) : amount.Minor;
}
