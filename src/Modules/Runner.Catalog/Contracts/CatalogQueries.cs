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

/// <summary>Looks variants up by id for other modules.</summary>
public interface IVariantDirectory
{
    Task<IReadOnlyDictionary<VariantId, VariantInfo>> FindAsync(IReadOnlyCollection<VariantId> ids, CancellationToken ct = default);
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
