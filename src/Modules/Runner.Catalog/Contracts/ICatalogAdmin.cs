using Runner.Catalog.Collections;

namespace Runner.Catalog.Contracts;

/// <summary>
/// Catalog writes for code inside the engine (the demo seed, imports, the bench): the same rules and the same
/// writer as the admin API. Changes join the caller's unit of work; call <see cref="SaveAsync"/> to commit them,
/// so a batch of products can go in one transaction. Handles and SKUs are checked against what is saved: give
/// distinct ones within one batch.
/// </summary>
public interface ICatalogAdmin
{
    Task<ProductId> AddProductAsync(CreateProductRequest request, CancellationToken ct = default);
    Task<CollectionId> AddCollectionAsync(CollectionRequest request, CancellationToken ct = default);
    Task SaveAsync(CancellationToken ct = default);
    Task<ProductResponse> GetProductAsync(ProductId id, CancellationToken ct = default);
    /// <summary>Every live variant, by product creation order then variant position.</summary>
    Task<IReadOnlyList<VariantInfo>> ListVariantsAsync(CancellationToken ct = default);
}
