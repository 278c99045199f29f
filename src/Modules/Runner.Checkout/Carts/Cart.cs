using Runner.Catalog.Contracts;
using Runner.Checkout.Contracts;
using Runner.Kernel.Data;
using Runner.Store.Contracts;

namespace Runner.Checkout.Carts;

/// <summary>
/// A shopper's cart (table <c>checkout_carts</c>), owned by the sales channel of the key that created it. Its lines
/// keep a snapshot of what was shown (price, titles, issue), refreshed by every change; <see cref="ItemCount"/> and
/// <see cref="Subtotal"/> are kept for the abandoned-cart list. <see cref="Version"/> guards concurrent changes.
/// </summary>
internal sealed class Cart : AuditedEntity, IVersioned
{
    public CartId Id { get; set; }
    public ChannelId ChannelId { get; set; }
    public CartStatus Status { get; set; }
    public required string Currency { get; set; }
    public decimal ExchangeRate { get; set; } = 1m;
    public string? Email { get; set; }
    /// <summary>The signed-in customer the cart belongs to; only they reach it. Null for a guest's cart.</summary>
    public Guid? CustomerId { get; set; }
    public CartAddress? ShippingAddress { get; set; }
    public CartAddress? BillingAddress { get; set; }
    public CartShippingRate? ShippingRate { get; set; }
    public string? Note { get; set; }
    public string? VisitorId { get; set; }
    public string? SessionId { get; set; }
    public string? UtmSource { get; set; }
    public string? UtmMedium { get; set; }
    public string? UtmCampaign { get; set; }
    public string? Referrer { get; set; }
    public long ItemCount { get; set; }
    public long Subtotal { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
    public Guid? OrderId { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>Until when a checkout of this cart is running; another attempt meanwhile is refused (one completion per cart).</summary>
    public DateTimeOffset? CheckoutLockedUntil { get; set; }
    /// <summary>A checkout waiting for the customer (3-D Secure): its payment and the reservations it holds.</summary>
    public Completion.PendingCheckout? PendingCheckout { get; set; }
    public long Version { get; set; }

    public List<CartLine> Lines { get; set; } = [];

    public CartAttribution? Attribution
    {
        get => AttributionOf(VisitorId, SessionId, UtmSource, UtmMedium, UtmCampaign, Referrer);
        set
        {
            VisitorId = value?.VisitorId;
            SessionId = value?.SessionId;
            UtmSource = value?.UtmSource;
            UtmMedium = value?.UtmMedium;
            UtmCampaign = value?.UtmCampaign;
            Referrer = value?.Referrer;
        }
    }

    /// <summary>The attribution these fields make, or null when the storefront reported none.</summary>
    public static CartAttribution? AttributionOf(string? visitor, string? session, string? source, string? medium, string? campaign, string? referrer) =>
        visitor is null && session is null && source is null && medium is null && campaign is null && referrer is null
            ? null
            : new CartAttribution(visitor, session, source, medium, campaign, referrer);
}

/// <summary>One variant in a cart (table <c>checkout_cart_lines</c>), with the snapshot of its last pricing.</summary>
internal sealed class CartLine
{
    public Guid Id { get; set; }
    public CartId CartId { get; set; }
    public int Position { get; set; }
    public VariantId VariantId { get; set; }
    public ProductId ProductId { get; set; }
    public string Sku { get; set; } = "";
    public string ProductTitle { get; set; } = "";
    public string VariantTitle { get; set; } = "";
    public string? ImageUrl { get; set; }
    public long Quantity { get; set; }
    public long UnitPrice { get; set; }
    public long? CompareAtPrice { get; set; }
    public bool RequiresShipping { get; set; }
    public long WeightGrams { get; set; }
    public string? TaxCategory { get; set; }
    public LineIssue? Issue { get; set; }
}
