using Runner.Catalog.Contracts;
using Runner.Customers.Contracts;
using Runner.Inventory.Contracts;
using Runner.Kernel;
using Runner.Payments.Contracts;
using Runner.Pricing.Contracts;
using Runner.Store.Contracts;

namespace Runner.Orders.Contracts;

/// <summary>
/// An order as the admin sees it: the snapshot taken at placement (lines, shipping, addresses, currencies and rate),
/// its statuses, the money (<see cref="Captured"/>, <see cref="Refunded"/>, <see cref="BalanceDue"/>, summed over
/// <see cref="Payments"/>; <see cref="RefundOwed"/> is what was captured above the total and not given back yet, as when
/// the gateway refused an edit's refund of the difference), what was shipped, refunded, returned and edited, and the timeline. <see cref="PaymentId"/>
/// and <see cref="PaymentMethod"/> are the first payment's (checkout's); <see cref="Payments"/> lists them all, oldest first.
/// </summary>
public sealed record OrderView(
    OrderId Id, long Number, string Name, OrderStatus Status, PaymentStatus PaymentStatus, FulfilmentStatus FulfilmentStatus,
    bool HeldForReview, string Email, CustomerId? CustomerId, ChannelId ChannelId, string CartId,
    string Currency, string StoreCurrency, decimal ExchangeRate, bool PricesIncludeTax,
    Money Subtotal, Money ShippingTotal, Money TaxTotal, Money DiscountTotal, Money Total,
    Money Authorized, Money Captured, Money Refunded, Money BalanceDue, Money RefundOwed,
    PaymentId? PaymentId, PaymentMethod? PaymentMethod,
    CustomerAddress? ShippingAddress, CustomerAddress? BillingAddress,
    IReadOnlyList<OrderLineView> Lines, OrderShippingView? Shipping,
    IReadOnlyList<FulfilmentView> Fulfilments, IReadOnlyList<RefundView> Refunds, IReadOnlyList<ReturnView> Returns,
    IReadOnlyList<OrderEditView> Edits, OrderAttribution? Attribution, FraudAssessment? Fraud, string? Note,
    IReadOnlyList<TimelineEntryView> Timeline,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? CancelledAt, string? CancelReason,
    IReadOnlyList<OrderPaymentView> Payments);

/// <summary>
/// One payment of an order as the payment last reported it: <see cref="Amount"/> asked for, what of it is authorized,
/// captured and refunded; the card's brand and last 4 digits (never more).
/// </summary>
public sealed record OrderPaymentView(PaymentId Id, PaymentMethod Method, PaymentState State, Money Amount, Money Authorized,
    Money Captured, Money Refunded, string? Brand, string? Last4, DateTimeOffset CreatedAt);

/// <summary>What one payment gave back of a refund.</summary>
public sealed record RefundPaymentView(PaymentId PaymentId, Money Amount);

/// <summary>
/// A line: what was ordered (<see cref="Quantity"/>, current after edits; <see cref="OriginalQuantity"/> as placed),
/// at what price and cost, with its tax lines and discounts, and how many units were shipped, refunded and returned.
/// <see cref="BackorderedQuantity"/> of the units were not in stock when it was placed (a variant that keeps selling
/// when out of stock): they ship once the stock is received.
/// </summary>
public sealed record OrderLineView(Guid Id, VariantId? VariantId, ProductId? ProductId, string Sku, string ProductTitle, string VariantTitle,
    long Quantity, long OriginalQuantity, Money UnitPrice, Money? UnitCost, Money Discount, IReadOnlyList<TaxLine> TaxLines, Money Total,
    bool RequiresShipping, long WeightGrams, long FulfilledQuantity, long RefundedQuantity, long ReturnedQuantity, long BackorderedQuantity);

public sealed record OrderShippingView(string RateId, string Name, string? Carrier, string? Service, Money Price,
    IReadOnlyList<TaxLine> TaxLines, Money? EstimatedCost);

public sealed record FulfilmentLineView(Guid LineId, long Quantity);

public sealed record FulfilmentView(Guid Id, LocationId LocationId, IReadOnlyList<FulfilmentLineView> Lines, string? Carrier,
    string? TrackingNumber, string? TrackingUrl, Money? LabelCost, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, string Actor);

public sealed record RestockLineView(Guid LineId, long Quantity, LocationId LocationId);

/// <summary>A refund: the amount, and (<see cref="Payments"/>) which payments gave it back, newest payment first.</summary>
public sealed record RefundView(Guid Id, Money Amount, string? Reason, IReadOnlyList<RestockLineView> Restocked,
    DateTimeOffset CreatedAt, string Actor, IReadOnlyList<RefundPaymentView> Payments);

public sealed record ReturnLineView(Guid LineId, long Quantity);

public sealed record ReturnView(Guid Id, ReturnStatus Status, IReadOnlyList<ReturnLineView> Lines, string? Reason,
    Guid? RefundId, DateTimeOffset CreatedAt, DateTimeOffset? ReceivedAt, DateTimeOffset? RestockedAt);

public sealed record OrderEditView(Guid Id, Money TotalBefore, Money TotalAfter, Money Refunded, Money BalanceDue, string? Reason,
    DateTimeOffset CreatedAt, string Actor);

/// <summary>What happened to the order, when, and who did it (<c>staff:…</c>, <c>api_key:…</c>, <c>system:system</c>).</summary>
/// <param name="Actor">Who acted, as <c>kind:id</c> (<c>staff:…</c>, <c>api_key:…</c>, <c>customer:…</c>, <c>system:system</c>).</param>
/// <param name="ActorName">Their name when they acted (absent for entries written before names were kept).</param>
public sealed record TimelineEntryView(Guid Id, string Kind, string Message, string Actor, DateTimeOffset At, string? ActorName = null);
