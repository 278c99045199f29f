using Runner.Catalog.Contracts;
using Runner.Customers.Contracts;
using Runner.Orders.Contracts;
using Runner.Payments.Contracts;
using Runner.Store.Contracts;

namespace Runner.Orders.Orders;

/// <summary>
/// An order (table <c>orders_orders</c>): the snapshot checkout placed (amounts in minor units of <see cref="Currency"/>),
/// its statuses and the money moved since (authorized, captured, refunded, as the payment reports them). Addresses,
/// shipping, attribution and the fraud assessment are JSON snapshots: they never change after placement.
/// </summary>
internal sealed class Order
{
    public OrderId Id { get; set; }
    public long Number { get; set; }
    public required string Name { get; set; }
    public OrderStatus Status { get; set; }
    public PaymentStatus PaymentStatus { get; set; }
    public FulfilmentStatus FulfilmentStatus { get; set; }
    public bool HeldForReview { get; set; }
    public required string Email { get; set; }
    public required string EmailKey { get; set; }
    public CustomerId? CustomerId { get; set; }
    public ChannelId ChannelId { get; set; }
    public required string CartId { get; set; }
    public required string Currency { get; set; }
    public required string StoreCurrency { get; set; }
    public decimal ExchangeRate { get; set; }
    public bool PricesIncludeTax { get; set; }
    public long Subtotal { get; set; }
    public long ShippingTotal { get; set; }
    public long TaxTotal { get; set; }
    public long DiscountTotal { get; set; }
    public long Total { get; set; }
    public long Authorized { get; set; }
    public long Captured { get; set; }
    public long Refunded { get; set; }
    public PaymentId? PaymentId { get; set; }
    public PaymentMethod? PaymentMethod { get; set; }
    public string? ShippingAddress { get; set; }
    public string? BillingAddress { get; set; }
    public string? Shipping { get; set; }
    public string? Attribution { get; set; }
    public string? Fraud { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public string? CancelReason { get; set; }
    /// <summary>
    /// Until when one action is moving the order's money (its money lease, see <c>OrderWork.MovingMoneyAsync</c>): two
    /// never charge, refund or cancel at once. (Named after its first use, collecting the balance due.)
    /// </summary>
    public DateTimeOffset? CollectingUntil { get; set; }
    public List<OrderLine> Lines { get; set; } = [];
    /// <summary>Every payment of the order, the first (checkout's, <see cref="PaymentId"/>) and those collected since.</summary>
    public List<OrderPayment> Payments { get; set; } = [];
}

/// <summary>
/// One payment of an order (table <c>orders_payments</c>): its amounts and state as the payment last reported them.
/// The order's <see cref="Order.Authorized"/>, <see cref="Order.Captured"/> and <see cref="Order.Refunded"/> are their sums.
/// </summary>
internal sealed class OrderPayment
{
    public PaymentId PaymentId { get; set; }
    public OrderId OrderId { get; set; }
    public int Position { get; set; }
    public PaymentMethod Method { get; set; }
    public PaymentState State { get; set; }
    public required string Currency { get; set; }
    public long Amount { get; set; }
    public long Authorized { get; set; }
    public long Captured { get; set; }
    public long Refunded { get; set; }
    public string? Brand { get; set; }
    public string? Last4 { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Whether the payment still holds or took money (not voided, expired, declined or failed).</summary>
    public bool Live => State is not (PaymentState.Voided or PaymentState.Expired or PaymentState.Declined or PaymentState.Failed);
}

/// <summary>
/// One line (table <c>orders_lines</c>). Prices as placed; <see cref="Quantity"/> changes only through an edit.
/// <see cref="Allocations"/> (JSON) are the locations its units were sold from, where a cancellation puts them back.
/// </summary>
internal sealed class OrderLine
{
    public Guid Id { get; set; }
    public OrderId OrderId { get; set; }
    public int Position { get; set; }
    public VariantId? VariantId { get; set; }
    public ProductId? ProductId { get; set; }
    public required string Sku { get; set; }
    public required string ProductTitle { get; set; }
    public required string VariantTitle { get; set; }
    public long Quantity { get; set; }
    public long OriginalQuantity { get; set; }
    public required string Currency { get; set; }
    public long UnitPrice { get; set; }
    public long? UnitCost { get; set; }
    public string? CostCurrency { get; set; }
    public long Discount { get; set; }
    public long Tax { get; set; }
    public required string TaxLines { get; set; }
    public long Total { get; set; }
    public bool RequiresShipping { get; set; }
    public long WeightGrams { get; set; }
    public long Fulfilled { get; set; }
    public long RefundedQuantity { get; set; }
    public long Returned { get; set; }
    public long Restocked { get; set; }
    /// <summary>
    /// Units not given back yet: not refunded (with or without a restock, or by a cancel) and not returned. Each unit is
    /// given back at most once, whichever way. Derived, not stored.
    /// </summary>
    public long NotGivenBack => Quantity - RefundedQuantity - Returned;
    /// <summary>Units sold when they were not in stock (a <c>continue</c> variant), owed until received.</summary>
    public long Backordered { get; set; }
    public required string Allocations { get; set; }
}

/// <summary>The order number counter (table <c>orders_counters</c>), advanced in each order's transaction.</summary>
internal sealed class OrderCounter
{
    public required string Name { get; set; }
    public long Value { get; set; }
}

/// <summary>What happened to an order and who did it (table <c>orders_timeline</c>).</summary>
internal sealed class TimelineEntry
{
    public Guid Id { get; set; }
    public OrderId OrderId { get; set; }
    public required string Kind { get; set; }
    public required string Message { get; set; }
    public required string Actor { get; set; }
    /// <summary>The actor's name when it acted (a staff member's name, an API key's name, a customer's email).</summary>
    public string? ActorName { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class Fulfilment
{
    public Guid Id { get; set; }
    public OrderId OrderId { get; set; }
    public Inventory.Contracts.LocationId LocationId { get; set; }
    public required string Lines { get; set; }
    public string? Carrier { get; set; }
    public string? TrackingNumber { get; set; }
    public string? TrackingUrl { get; set; }
    public long? LabelCost { get; set; }
    public string? LabelCurrency { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public required string Actor { get; set; }
}

internal sealed class Refund
{
    public Guid Id { get; set; }
    public OrderId OrderId { get; set; }
    public long Amount { get; set; }
    public string? Reason { get; set; }
    public required string Restocked { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string Actor { get; set; }
    /// <summary>JSON: how much each payment gave back (<see cref="Contracts.RefundPaymentView"/>).</summary>
    public string Payments { get; set; } = "[]";
}

internal sealed class OrderReturn
{
    public Guid Id { get; set; }
    public OrderId OrderId { get; set; }
    public ReturnStatus Status { get; set; }
    public required string Lines { get; set; }
    public string? Reason { get; set; }
    public Guid? RefundId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }
    public DateTimeOffset? RestockedAt { get; set; }
}

internal sealed class OrderEdit
{
    public Guid Id { get; set; }
    public OrderId OrderId { get; set; }
    public long TotalBefore { get; set; }
    public long TotalAfter { get; set; }
    public long Refunded { get; set; }
    public long BalanceDue { get; set; }
    public string? Reason { get; set; }
    public required string Changes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string Actor { get; set; }
}

internal sealed record LineAllocation(Inventory.Contracts.LocationId LocationId, long Quantity);
