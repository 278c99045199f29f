using Runner.Kernel;
using Runner.Store.Contracts;

namespace Runner.Catalog.Contracts;

/// <summary>A variant as other modules (inventory, checkout) see it.</summary>
public sealed record VariantInfo(
    VariantId Id,
    ProductId ProductId,
    string Sku,
    string ProductTitle,
    string VariantTitle,
    ProductStatus ProductStatus,
    InventoryPolicy InventoryPolicy,
    bool Archived);

/// <summary>
/// Everything selling a variant needs (carts, checkout, orders): its prices in the store's default currency and in the
/// currencies the merchant priced explicitly, cost, shipping weight in grams, tax category, the product's first image
/// and the sales channels the product is published to.
/// </summary>
public sealed record VariantDetails(
    VariantId Id,
    ProductId ProductId,
    string Sku,
    string ProductTitle,
    string VariantTitle,
    ProductStatus ProductStatus,
    InventoryPolicy InventoryPolicy,
    bool Archived,
    Money Price,
    Money? CompareAtPrice,
    IReadOnlyDictionary<string, Money> CurrencyPrices,
    Money? Cost,
    long WeightGrams,
    bool RequiresShipping,
    string? TaxCategory,
    string? ImageUrl,
    IReadOnlyList<ChannelId> Channels)
{
    /// <summary>The price the merchant set in <paramref name="currency"/> (the default price or an explicit one), or null.</summary>
    public Money? PriceIn(string currency) =>
        Price.Currency == currency ? Price : CurrencyPrices.TryGetValue(currency, out var price) ? price : null;

    public bool IsPublishedTo(ChannelId channel) => Channels.Contains(channel);

    /// <summary>The variant's identity and state (<see cref="VariantInfo.Archived"/>: the variant or its product archived).</summary>
    public VariantInfo Info => new(Id, ProductId, Sku, ProductTitle, VariantTitle, ProductStatus, InventoryPolicy, Archived);
}

/// <summary>Looks variants up by id for other modules.</summary>
public interface IVariantDirectory
{
    Task<IReadOnlyDictionary<VariantId, VariantInfo>> FindAsync(IReadOnlyCollection<VariantId> ids, CancellationToken ct = default);

    /// <summary>The selling details of these variants (archived ones included; unknown ids are left out).</summary>
    Task<IReadOnlyDictionary<VariantId, VariantDetails>> FindDetailsAsync(IReadOnlyCollection<VariantId> ids, CancellationToken ct = default);
}

/// <summary>
/// Stock as the storefront shows it, provided by the inventory module: available units of each variant summed over
/// the locations that fulfil a channel. Without an inventory module nothing is in stock.
/// </summary>
public interface IStockAvailability
{
    /// <summary>Moves whenever any availability may have changed (for caches of lists filtered by stock).</summary>
    long Version { get; }

    Task<IReadOnlyDictionary<VariantId, long>> GetAvailableAsync(ChannelId channel, IReadOnlyCollection<VariantId> variants, CancellationToken ct = default);

    /// <summary>
    /// A SQL predicate over a variant id column (<paramref name="variantIdColumn"/>) that is true when the variant
    /// has units available on the channel given as parameter <c>@channel</c>; used to filter lists in one query.
    /// </summary>
    string InStockSql(string variantIdColumn);
}

/// <summary>A product as reports name and group it: its title and the live collections it belongs to.</summary>
public sealed record ProductSummary(ProductId Id, string Title, IReadOnlyList<CollectionId> Collections);

/// <summary>Looks products and collections up by id for other modules (analytics), a batch in a couple of queries.</summary>
public interface IProductDirectory
{
    /// <summary>The products with these ids (archived ones included; unknown ids are left out).</summary>
    Task<IReadOnlyDictionary<ProductId, ProductSummary>> FindAsync(IReadOnlyCollection<ProductId> ids, CancellationToken ct = default);

    /// <summary>The titles of the collections with these ids (archived ones included; unknown ids are left out).</summary>
    Task<IReadOnlyDictionary<CollectionId, string>> CollectionTitlesAsync(IReadOnlyCollection<CollectionId> ids, CancellationToken ct = default);
}
