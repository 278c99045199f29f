using Runner.Catalog.Contracts;
using Runner.Customers.Contracts;
using Runner.Inventory.Contracts;
using Runner.Kernel;
using Runner.Payments.Contracts;
using Runner.Pricing.Contracts;
using Runner.Store.Contracts;

namespace Runner.Orders.Contracts;

/// <summary>
/// One line as checkout priced it. <see cref="UnitPrice"/>, <see cref="Discount"/> (the line's share of every discount),
/// the tax lines and <see cref="Total"/> are in the order currency; <see cref="UnitCost"/> in the store currency.
/// <see cref="Reservations"/> hold the line's units; placing the order sells them.
/// </summary>
public sealed record PlaceOrderLine(VariantId VariantId, ProductId ProductId, string Sku, string ProductTitle, string VariantTitle,
    long Quantity, Money UnitPrice, Money? UnitCost, Money Discount, IReadOnlyList<TaxLine> TaxLines,
    Money Total, bool RequiresShipping, long WeightGrams, IReadOnlyList<ReservationId> Reservations);

/// <summary>The chosen shipping rate; <see cref="EstimatedCost"/> is the merchant's label cost estimate in store currency.</summary>
public sealed record PlaceOrderShipping(string RateId, string Name, string? Carrier, string? Service, Money Price,
    IReadOnlyList<TaxLine> TaxLines, Money? EstimatedCost);

/// <summary>Where the shopper came from, as the storefront reported it.</summary>
public sealed record OrderAttribution(string? VisitorId, string? SessionId, string? UtmSource, string? UtmMedium, string? UtmCampaign, string? Referrer);

/// <summary>
/// Everything checkout knows when it places an order. Amounts are in <see cref="Currency"/> (the presentment
/// currency); <see cref="ExchangeRate"/> is units of <see cref="Currency"/> per unit of <see cref="StoreCurrency"/>
/// (1 when they are the same).
/// </summary>
public sealed record PlaceOrderRequest(string CartId, ChannelId ChannelId, string Email, CustomerAddress? ShippingAddress,
    CustomerAddress? BillingAddress, string Currency, string StoreCurrency, decimal ExchangeRate, bool PricesIncludeTax,
    IReadOnlyList<PlaceOrderLine> Lines, PlaceOrderShipping? Shipping, Money Subtotal, Money ShippingTotal, Money TaxTotal,
    Money DiscountTotal, Money Total, PaymentId? PaymentId, PaymentMethod? PaymentMethod, FraudAssessment? Fraud,
    OrderAttribution? Attribution, string? Note);

/// <summary>The order just placed, and its view as the transaction wrote it (the caller answers with it, no read-back).</summary>
public sealed record PlacedOrder(OrderId Id, long Number, string Name, OrderView Order);

/// <summary>
/// An order checked and read ahead of its transaction (<see cref="IOrders.PrepareAsync"/>): what the transaction
/// would otherwise read while it holds the write lock (the reservations to sell, the store's settings).
/// </summary>
public sealed class PreparedOrder
{
    internal PreparedOrder(PlaceOrderRequest request, PaymentView? payment, StoreSettingsView settings,
        IReadOnlyList<ReservationResponse>? reservations)
    {
        Request = request;
        Payment = payment;
        Settings = settings;
        Reservations = reservations;
    }

    public PlaceOrderRequest Request { get; }
    internal PaymentView? Payment { get; }
    internal StoreSettingsView Settings { get; }
    /// <summary>The reservations of the lines as read before the transaction; null when some were not found.</summary>
    internal IReadOnlyList<ReservationResponse>? Reservations { get; }
}

/// <summary>Orders for code inside the engine.</summary>
public interface IOrders
{
    /// <summary>
    /// Places an order inside the caller's open transaction (checkout), or its own when none is open: the customer,
    /// the number from the counter, the snapshot, the timeline, the reservations sold
    /// (<see cref="IInventoryService.ConsumeAsync"/>), the payment claimed (<see cref="IPayments.ClaimAsync"/>), and the
    /// outbox rows <c>order.placed</c> (and <c>order.paid</c> when the payment is captured). Held for review when
    /// <c>Fraud.Decision</c> is Review. A refusal throws <see cref="Kernel.Results.DomainException"/>.
    /// </summary>
    Task<PlacedOrder> PlaceAsync(PlaceOrderRequest request, CancellationToken ct = default);

    /// <summary>
    /// Checks the request and reads, before any transaction, what placing it needs: the reservations of its lines and
    /// the payment as the caller holds it (<paramref name="payment"/>, the answer of the authorization), so that
    /// <see cref="PlaceAsync(PreparedOrder, CancellationToken)"/> only writes while it holds the write lock. A refusal
    /// throws <see cref="Kernel.Results.DomainException"/>.
    /// </summary>
    Task<PreparedOrder> PrepareAsync(PlaceOrderRequest request, PaymentView? payment, CancellationToken ct = default);

    /// <summary>
    /// Places a prepared order as <see cref="PlaceAsync(PlaceOrderRequest, CancellationToken)"/> does: in the caller's
    /// open transaction (checkout), or its own when none is open. What changed since it was prepared (a reservation
    /// sold or released, the payment moved) is found by the writes' conditions and read again.
    /// </summary>
    Task<PlacedOrder> PlaceAsync(PreparedOrder order, CancellationToken ct = default);

    /// <summary>The order as <c>GET /admin/orders/{id}</c> shows it, or null.</summary>
    Task<OrderView?> GetAsync(OrderId id, CancellationToken ct = default);

    /// <summary>
    /// The token of the order's signed link (the one its confirmation email carries): with it,
    /// <c>GET /store/orders/{id}?token=...</c> shows the order to whoever holds it, no account needed.
    /// </summary>
    Task<string> StatusTokenAsync(OrderId id, CancellationToken ct = default);
}
