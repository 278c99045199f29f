using Runner.Kernel.Ids;

namespace Runner.Catalog.Contracts;

public readonly record struct ProductId(Guid Value) : ITypedId<ProductId>
{
    public static ProductId Create(Guid value) => new(value);
    public override string ToString() => Value.ToString();
}

public readonly record struct VariantId(Guid Value) : ITypedId<VariantId>
{
    public static VariantId Create(Guid value) => new(value);
    public override string ToString() => Value.ToString();
}

public readonly record struct CollectionId(Guid Value) : ITypedId<CollectionId>
{
    public static CollectionId Create(Guid value) => new(value);
    public override string ToString() => Value.ToString();
}

public enum ProductStatus { Draft, Active, Archived }

/// <summary>What happens when a variant is out of stock: refuse to sell (<c>deny</c>) or keep selling (<c>continue</c>).</summary>
public enum InventoryPolicy { Deny, Continue }
