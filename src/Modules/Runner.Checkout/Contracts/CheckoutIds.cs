using Runner.Kernel.Ids;

namespace Runner.Checkout.Contracts;

public readonly record struct CartId(Guid Value) : ITypedId<CartId>
{
    public static CartId Create(Guid value) => new(value);
    public override string ToString() => Value.ToString();
}

public enum CartStatus { Open, Completed }

/// <summary>Why a cart line cannot be bought as it stands; the line stays in the cart, flagged, until the shopper acts.</summary>
public enum LineIssue
{
    /// <summary>The product is not published to the cart's sales channel.</summary>
    NotPublished,
    /// <summary>The variant or its product was archived.</summary>
    Archived,
    /// <summary>The product is a draft (not active).</summary>
    NotActive,
    /// <summary>None left and the variant does not sell when out of stock.</summary>
    OutOfStock,
    /// <summary>Fewer units left than the line asks for (the variant does not sell when out of stock).</summary>
    InsufficientStock,
    /// <summary>No price in the cart's currency and no exchange rate to convert one.</summary>
    NoPrice,
}
