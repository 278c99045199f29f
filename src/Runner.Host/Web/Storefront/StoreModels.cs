using Runner.Kernel;

namespace Runner.Host.Web.Storefront;

// The storefront API's answers, as far as these pages read them (the full shapes are in /docs).

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record Image(string Url, string? Alt);

public sealed record Variant(Guid Id, string Sku, string Title, IReadOnlyDictionary<string, string> Options, Money Price,
    Money? CompareAtPrice, long Available, bool AvailableForSale);

public sealed record PriceRange(Money Min, Money Max);

public sealed record Seo(string Title, string? Description);

public sealed record Product(Guid Id, string Handle, string Title, string Description, string? Vendor, IReadOnlyList<Image> Media,
    IReadOnlyList<Variant> Variants, PriceRange? PriceRange, bool AvailableForSale, Seo Seo);

public sealed record Collection(Guid Id, string Title, string Handle, string Description, Guid? ParentId, string SeoTitle, string? SeoDescription);

public sealed record LineIssue(string Reason, string Message, long? Available);

public sealed record CartLine(Guid Id, Guid VariantId, string Sku, string ProductTitle, string VariantTitle, string? ImageUrl, long Quantity,
    Money UnitPrice, Money Total, LineIssue? Issue);

public sealed record Address(string FirstName, string LastName, string Line1, string City, string PostalCode, string Country,
    string? Line2 = null, string? Region = null, string? Phone = null);

public sealed record ChosenRate(string Id, string Name, Money Price);

public sealed record Cart(Guid Id, string Status, string Currency, string? Email, IReadOnlyList<CartLine> Lines, long ItemCount,
    Money Subtotal, Money ShippingTotal, Money TaxTotal, Money Total, bool PricesIncludeTax, Address? ShippingAddress,
    ChosenRate? ShippingRate, Guid? OrderId);

public sealed record ShippingRate(string Id, string Name, string? Carrier, string? Service, Money Price, int? MinDays, int? MaxDays);

public sealed record Rates(IReadOnlyList<ShippingRate> Items);

public sealed record OrderLine(string Sku, string ProductTitle, string VariantTitle, long Quantity, Money UnitPrice, Money Total);

/// <summary>An order as checkout answers it (201) and as <c>GET /store/orders/{id}</c> shows it.</summary>
public sealed record Order(Guid Id, long Number, string Name, string Email, Money Subtotal, Money ShippingTotal, Money TaxTotal,
    Money DiscountTotal, Money Total, IReadOnlyList<OrderLine> Lines, string? StatusToken = null);

/// <summary>202 from checkout: the card needs the shopper (3-D Secure).</summary>
public sealed record RequiresAction(string Status, Guid PaymentId);

public sealed record SavedAddress(Guid Id, string FirstName, string LastName, string Line1, string? Line2, string City, string? Region,
    string PostalCode, string Country);

/// <summary>The signed-in customer (<c>GET /store/customers/me</c>).</summary>
public sealed record Account(Guid Id, string Email, string? FirstName, string? LastName, bool EmailVerified, int OrdersCount,
    IReadOnlyList<SavedAddress> Addresses);

public sealed record AccountOrder(Guid Id, string Name, string Status, string PaymentStatus, string FulfilmentStatus, Money Total,
    DateTimeOffset CreatedAt);
