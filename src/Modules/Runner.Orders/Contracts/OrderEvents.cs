using Runner.Catalog.Contracts;
using Runner.Customers.Contracts;
using Runner.Inventory.Contracts;
using Runner.Kernel;
using Runner.Payments.Contracts;
using Runner.Store.Contracts;

namespace Runner.Orders.Contracts;

/// <summary>Outbox message types the orders module emits; payloads are the records below.</summary>
public static class OrderEvents
{
    public const string Placed = "order.placed";
    public const string Paid = "order.paid";
    public const string Fulfilled = "order.fulfilled";
    public const string Cancelled = "order.cancelled";
    public const string Refunded = "order.refunded";
    public const string Returned = "order.returned";
    public const string Edited = "order.edited";
    public const string PaymentAdded = "order.payment_added";
}

/// <summary>
/// A line as analytics needs it: prices in the order currency, the unit cost in the store currency, and how many of its
/// units were sold without stock (backordered); the titles as sold (null in messages recorded before they were carried).
/// </summary>
public sealed record OrderEventLine(Guid LineId, VariantId? VariantId, ProductId? ProductId, string Sku, long Quantity,
    Money UnitPrice, Money? UnitCost, Money Discount, Money Tax, Money Total, long Backordered, string? ProductTitle = null,
    string? VariantTitle = null);

/// <summary>
/// <c>order.placed</c>. Amounts in <see cref="Currency"/>; <see cref="TotalInStoreCurrency"/> and <see cref="CostOfGoods"/>
/// in <see cref="StoreCurrency"/>, at <see cref="ExchangeRate"/> (order currency per store currency unit).
/// <see cref="PricesIncludeTax"/>: the lines' prices and the shipping price include their tax.
/// </summary>
public sealed record OrderPlacedEvent(OrderId OrderId, long Number, string Name, ChannelId ChannelId, CustomerId? CustomerId,
    string Email, string Currency, string StoreCurrency, decimal ExchangeRate, Money Subtotal, Money ShippingTotal, Money TaxTotal,
    Money DiscountTotal, Money Total, Money TotalInStoreCurrency, Money CostOfGoods, Money? ShippingEstimatedCost,
    IReadOnlyList<OrderEventLine> Lines, OrderAttribution? Attribution, PaymentId? PaymentId, PaymentMethod? PaymentMethod,
    PaymentStatus PaymentStatus, bool HeldForReview, DateTimeOffset PlacedAt, bool PricesIncludeTax = false);

/// <summary><c>order.paid</c>: money captured (<see cref="Amount"/> this time, <see cref="Fee"/> the gateway's fee on it).</summary>
public sealed record OrderPaidEvent(OrderId OrderId, string Name, PaymentId? PaymentId, Money Amount, Money Fee, Money Captured,
    string StoreCurrency, decimal ExchangeRate, DateTimeOffset At);

public sealed record OrderFulfilledEvent(OrderId OrderId, string Name, Guid FulfilmentId, LocationId LocationId,
    IReadOnlyList<FulfilmentLineView> Lines, string? Carrier, string? TrackingNumber, string? TrackingUrl, Money? LabelCost,
    FulfilmentStatus FulfilmentStatus, DateTimeOffset At);

/// <summary><c>order.cancelled</c>; <see cref="Restocked"/>: its units were put back on the shelves.</summary>
public sealed record OrderCancelledEvent(OrderId OrderId, string Name, string? Reason, Money Refunded, bool Voided,
    string StoreCurrency, decimal ExchangeRate, DateTimeOffset At, bool Restocked = false);

/// <summary>
/// <c>order.refunded</c>: <see cref="Amount"/> given back. <see cref="EditDifference"/>: it gives back what an edit took
/// off the order's total (the edit's own event already lowered the sales). <see cref="Returned"/>: the lines of the
/// return it pays for (put back on the shelves by the return, not by <see cref="Restocked"/>).
/// </summary>
public sealed record OrderRefundedEvent(OrderId OrderId, string Name, Guid RefundId, Money Amount, Money TotalRefunded,
    string? Reason, IReadOnlyList<RestockLineView> Restocked, string StoreCurrency, decimal ExchangeRate, DateTimeOffset At,
    bool EditDifference = false, IReadOnlyList<ReturnLineView>? Returned = null);

public sealed record OrderReturnedEvent(OrderId OrderId, string Name, Guid ReturnId, IReadOnlyList<ReturnLineView> Lines,
    Money Refunded, DateTimeOffset At);

/// <summary>
/// <c>order.edited</c>: the totals before and after, and the order as the edit left it (<see cref="Lines"/> and the
/// order's discount, tax and shipping totals; null in messages recorded before they were carried).
/// </summary>
public sealed record OrderEditedEvent(OrderId OrderId, string Name, Guid EditId, Money TotalBefore, Money TotalAfter,
    Money Refunded, Money BalanceDue, string? Reason, DateTimeOffset At, IReadOnlyList<OrderEventLine>? Lines = null,
    Money? DiscountTotal = null, Money? TaxTotal = null, Money? ShippingTotal = null);

/// <summary>
/// <c>order.payment_added</c>: a payment after the first was added to the order to collect its balance due
/// (<see cref="Captured"/> of <see cref="Amount"/> already taken; <see cref="BalanceDue"/> what is still owed after it).
/// </summary>
public sealed record OrderPaymentAddedEvent(OrderId OrderId, string Name, PaymentId PaymentId, PaymentMethod Method, Money Amount,
    Money Captured, Money BalanceDue, string StoreCurrency, decimal ExchangeRate, DateTimeOffset At);
