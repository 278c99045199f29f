namespace Runner.Catalog.Contracts;

/// <summary>Outbox message types the catalog emits.</summary>
public static class CatalogEvents
{
    public const string ProductCreated = "catalog.product.created";
    public const string ProductUpdated = "catalog.product.updated";
    public const string ProductArchived = "catalog.product.archived";
    public const string PricesChanged = "catalog.prices.changed";
}

public sealed record ProductChanged(ProductId ProductId, string Handle, ProductStatus Status);

public sealed record PricesChanged(IReadOnlyList<VariantId> VariantIds);
