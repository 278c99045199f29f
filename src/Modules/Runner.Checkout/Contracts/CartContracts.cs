using Runner.Catalog.Contracts;
using Runner.Kernel;
using Runner.Store.Contracts;

namespace Runner.Checkout.Contracts;

/// <summary>A postal address on a cart; <see cref="Country"/> is an ISO 3166-1 alpha-2 code (upper case).</summary>
public sealed record CartAddress(
    string FirstName,
    string LastName,
    string Line1,
    string City,
    string PostalCode,
    string Country,
    string? Line2 = null,
    string? Region = null,
    string? Phone = null);

/// <summary>Where the shopper came from, as the storefront reports it.</summary>
public sealed record CartAttribution(
    string? VisitorId = null,
    string? SessionId = null,
    string? UtmSource = null,
    string? UtmMedium = null,
    string? UtmCampaign = null,
    string? Referrer = null);

/// <summary>The body of <c>POST /store/carts</c>.</summary>
public sealed record CreateCartRequest(string Currency, string? Email = null, CartAttribution? Attribution = null);

/// <summary>The body of <c>POST /store/carts/{id}/lines</c>.</summary>
public sealed record AddLineRequest(VariantId VariantId, long Quantity);

/// <summary>The body of <c>PATCH /store/carts/{id}/lines/{lineId}</c>.</summary>
public sealed record UpdateLineRequest(long Quantity);

/// <summary>The editable fields of a cart: the body of <c>PATCH /store/carts/{id}</c> after merging (RFC 7396).</summary>
public sealed record CartDetailsInput(
    string? Email = null,
    CartAddress? ShippingAddress = null,
    CartAddress? BillingAddress = null,
    string? Note = null,
    CartAttribution? Attribution = null);

public sealed record CartLineIssue(LineIssue Reason, string Message, long? Available);

public sealed record CartLineResponse(
    Guid Id,
    VariantId VariantId,
    ProductId ProductId,
    string Sku,
    string ProductTitle,
    string VariantTitle,
    string? ImageUrl,
    long Quantity,
    Money UnitPrice,
    Money? CompareAtPrice,
    Money Total,
    bool RequiresShipping,
    CartLineIssue? Issue);

/// <summary>The shipping rate the shopper chose, as last quoted.</summary>
public sealed record CartShippingRate(string Id, string Name, string? Carrier, string? Service, Money Price, int? MinDays, int? MaxDays);

/// <summary>
/// A cart. Amounts are in <see cref="Currency"/>; <see cref="ExchangeRate"/> is the units of it per unit of
/// <see cref="StoreCurrency"/> used for prices the merchant did not set in it (1 when the two are the same).
/// </summary>
public sealed record CartResponse(
    CartId Id,
    ChannelId ChannelId,
    CartStatus Status,
    string Currency,
    string StoreCurrency,
    decimal ExchangeRate,
    string? Email,
    IReadOnlyList<CartLineResponse> Lines,
    long ItemCount,
    Money Subtotal,
    Money ShippingTotal,
    Money TaxTotal,
    Money Total,
    bool PricesIncludeTax,
    CartAddress? ShippingAddress,
    CartAddress? BillingAddress,
    CartShippingRate? ShippingRate,
    string? Note,
    CartAttribution? Attribution,
    Guid? OrderId,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastActivityAt);

/// <summary>An abandoned cart in the admin list.</summary>
public sealed record AbandonedCartResponse(
    CartId Id,
    ChannelId ChannelId,
    string? Email,
    string Currency,
    long ItemCount,
    Money Subtotal,
    CartAttribution? Attribution,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastActivityAt);
