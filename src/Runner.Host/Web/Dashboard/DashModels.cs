using Runner.Kernel;

namespace Runner.Host.Web.Dashboard;

// The admin API's answers, as far as the dashboard reads them (the full shapes are in /docs).

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record StaffMe(Guid Id, string Email, string Name, string Role, IReadOnlyList<string> Permissions, bool MfaEnabled)
{
    public bool Can(string permission) => Permissions.Contains("*") || Permissions.Contains(permission);
}

public sealed record SignInAnswer(bool MfaRequired, string? MfaToken);

public sealed record OrderSummary(Guid Id, long Number, string Name, string Status, string PaymentStatus, string FulfilmentStatus,
    bool HeldForReview, string Email, Guid? CustomerId, Money Total, Money Refunded, DateTimeOffset CreatedAt);

public sealed record OrderLine(Guid Id, Guid? VariantId, string Sku, string ProductTitle, string VariantTitle, long Quantity, Money UnitPrice,
    Money? UnitCost, Money Total, bool RequiresShipping, long FulfilledQuantity, long RefundedQuantity, long ReturnedQuantity);

public sealed record OrderAddress(string? FirstName, string? LastName, string? Line1, string? Line2, string? City, string? Region,
    string? PostalCode, string? Country);

public sealed record Fulfilment(Guid Id, Guid LocationId, string? Carrier, string? TrackingNumber, string? TrackingUrl, DateTimeOffset CreatedAt);

public sealed record Refund(Guid Id, Money Amount, string? Reason, DateTimeOffset CreatedAt);

public sealed record TimelineEntry(Guid Id, string Kind, string Message, string Actor, DateTimeOffset At, string? ActorName = null)
{
    /// <summary>Who acted, for a person: their name when kept, else what kind of actor it was.</summary>
    public string Who => ActorName ?? (Actor.Split(':')[0] switch
    {
        "staff" => "a staff member",
        "api_key" => "an API key",
        "customer" => "the customer",
        "autopilot" => "Autopilot",
        _ => "Runner",
    });
}

public sealed record OrderPayment(Guid Id, string Method, string State, Money Amount, Money Captured, Money Refunded, string? Brand, string? Last4);

public sealed record OrderDetail(Guid Id, long Number, string Name, string Status, string PaymentStatus, string FulfilmentStatus, bool HeldForReview,
    string Email, Guid? CustomerId, Money Subtotal, Money ShippingTotal, Money TaxTotal, Money DiscountTotal, Money Total, Money Authorized,
    Money Captured, Money Refunded, OrderAddress? ShippingAddress, IReadOnlyList<OrderLine> Lines, IReadOnlyList<Fulfilment> Fulfilments,
    IReadOnlyList<Refund> Refunds, IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<OrderPayment> Payments, DateTimeOffset CreatedAt,
    IReadOnlyList<ReturnRow>? Returns = null);

public sealed record StockLevel(Guid VariantId, Guid LocationId, long OnHand, long Reserved, long Available, long? LowStockThreshold);

public sealed record Location(Guid Id, string Name, string Kind, int Priority, bool Active = true);

public sealed record AdminVariant(Guid Id, string Sku, string Title, Money Price, Money? Cost, string InventoryPolicy);

/// <summary>A variant as <c>GET /admin/variants</c> answers it (by id or SKU).</summary>
public sealed record VariantSummary(Guid Id, Guid ProductId, string ProductTitle, string ProductStatus, string Title, string Sku, Money Price,
    string InventoryPolicy, bool Archived);

public sealed record VariantList(IReadOnlyList<VariantSummary> Items);

public sealed record AdminProduct(Guid Id, string Title, string Handle, string Status, string? Vendor, string? ProductType,
    IReadOnlyList<AdminVariant> Variants, DateTimeOffset UpdatedAt);

public sealed record StoreSettings(string Name, string DefaultCurrency, string TimeZone, bool PricesIncludeTax, string OrderNumberPrefix,
    string? ContactEmail, string WeightUnit);

public sealed record AuditEntry(Guid Id, string Action, string? ActorName, int? Status, DateTimeOffset At);

public sealed record ReturnLine(Guid LineId, long Quantity);

public sealed record ReturnRow(Guid Id, string Status, IReadOnlyList<ReturnLine> Lines, string? Reason, DateTimeOffset CreatedAt);
