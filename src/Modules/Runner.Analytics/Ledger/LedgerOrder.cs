namespace Runner.Analytics.Ledger;

/// <summary>
/// An order as the ledger knows it (table <c>analytics_ledger_orders</c>): the dimensions it books under and its
/// <see cref="OrderBook"/> (JSON). <see cref="Version"/> guards the book: two events of one order handled at once by
/// two processes cannot both rewrite it; the later one fails and its outbox message is retried.
/// </summary>
internal sealed class LedgerOrder
{
    public Guid OrderId { get; set; }
    public DateTimeOffset PlacedAt { get; set; }
    public required string Currency { get; set; }
    public required string StoreCurrency { get; set; }
    public decimal ExchangeRate { get; set; }
    public bool PricesIncludeTax { get; set; }
    public required string Channel { get; set; }
    public required string SalesChannel { get; set; }
    public required string Cohort { get; set; }
    public required string Book { get; set; }
    public int Version { get; set; }

    public OrderRate Rate => new(Currency, StoreCurrency, ExchangeRate);
}

/// <summary>A customer's first order (table <c>analytics_ledger_customers</c>), which makes their cohort.</summary>
internal sealed class LedgerCustomer
{
    /// <summary>The customer id, else the email in lower case.</summary>
    public required string Key { get; set; }
    public DateTimeOffset FirstOrderAt { get; set; }
    /// <summary>The local month of the first order, <c>yyyy-MM</c>.</summary>
    public required string Cohort { get; set; }
}

/// <summary>
/// A payment the ledger has seen (table <c>analytics_ledger_payments</c>): the order it belongs to once known, and the
/// fees that arrived before that (JSON list), booked when the order is.
/// </summary>
internal sealed class LedgerPayment
{
    public Guid PaymentId { get; set; }
    public Guid? OrderId { get; set; }
    public required string PendingFees { get; set; }
    public int Version { get; set; }
}

/// <summary>A fee waiting for its order: in the payment's currency, at the time of its transaction.</summary>
internal sealed record PendingFee(long Fee, string Currency, DateTimeOffset At);
