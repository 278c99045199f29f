using Runner.Catalog.Collections;
using Runner.Kernel.Results;

namespace Runner.Catalog.Contracts;

/// <summary>
/// Catalog writes for code inside the engine (the demo seed, imports, the bench): the same rules and the same
/// writer as the admin API. Changes join the caller's unit of work (its DI scope); call <see cref="SaveAsync"/> to
/// commit them, so a batch of products can go in one transaction. A product is checked against what is saved and
/// against the products added before it in the unit of work: a SKU or handle one of them took is taken, just as
/// if it had been saved by an earlier request. What the checks read (settings, channels, rule-based collections,
/// SKUs and handles) is read once per unit of work and forgotten by <see cref="SaveAsync"/>.
/// </summary>
public interface ICatalogAdmin
{
    /// <summary>Adds one product; throws a <see cref="Runner.Kernel.Results.DomainException"/> carrying the error the admin API would return.</summary>
    Task<ProductId> AddProductAsync(CreateProductRequest request, CancellationToken ct = default);

    /// <summary>
    /// Adds products in order, as <see cref="AddProductAsync"/> one after another would, but looks up what they are
    /// checked against in a few queries for the whole batch. Returns one outcome per request, in order: the new
    /// product's id, or the error that request would have had; a refused request leaves nothing behind.
    /// </summary>
    Task<IReadOnlyList<Result<ProductId>>> AddProductsAsync(IReadOnlyList<CreateProductRequest> requests, CancellationToken ct = default);

    Task<CollectionId> AddCollectionAsync(CollectionRequest request, CancellationToken ct = default);
    Task SaveAsync(CancellationToken ct = default);
    Task<ProductResponse> GetProductAsync(ProductId id, CancellationToken ct = default);
    /// <summary>Every live variant, by product creation order then variant position.</summary>
    Task<IReadOnlyList<VariantInfo>> ListVariantsAsync(CancellationToken ct = default);
}
