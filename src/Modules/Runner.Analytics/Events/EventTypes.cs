namespace Runner.Analytics.Events;

/// <summary>The storefront events Runner counts, and what each must name.</summary>
public static class EventTypes
{
    public const string PageView = "page_view", ProductView = "product_view", CollectionView = "collection_view", Search = "search",
        AddToCart = "add_to_cart", RemoveFromCart = "remove_from_cart", CheckoutStarted = "checkout_started", CheckoutStep = "checkout_step",
        Purchase = "purchase";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        PageView, ProductView, CollectionView, Search, AddToCart, RemoveFromCart, CheckoutStarted, CheckoutStep, Purchase,
    };

    public static readonly IReadOnlySet<string> Devices = new HashSet<string>(StringComparer.Ordinal) { "desktop", "mobile", "tablet", "other" };
}
