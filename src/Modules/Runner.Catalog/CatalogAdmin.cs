using Microsoft.EntityFrameworkCore;
using Runner.Catalog.Collections;
using Runner.Catalog.Contracts;
using Runner.Catalog.Products;
using Runner.Kernel.Data;
using Runner.Kernel.Ids;
using Runner.Kernel.Outbox;
using Runner.Kernel.Results;

namespace Runner.Catalog;

internal sealed class CatalogAdmin(
    RunnerDbContext db, ProductWriter writer, ProductWriteContext context, CollectionMembership membership, IOutbox outbox) : ICatalogAdmin
{
    public async Task<ProductId> AddProductAsync(CreateProductRequest request, CancellationToken ct = default)
    {
        if (request.Status == ProductStatus.Archived)
            throw new DomainException(Error.Invalid("status", "catalog.invalid_status", "A new product is draft or active."));
        var product = new Product { Id = TypedId.New<ProductId>(), Title = request.Title ?? "", Handle = "" };
        await writer.ApplyAsync(product, request, isNew: true, ct);
        db.Add(product);
        outbox.Enqueue(CatalogEvents.ProductCreated, new ProductChanged(product.Id, product.Handle, product.Status));
        return product.Id;
    }

    public async Task<IReadOnlyList<Result<ProductId>>> AddProductsAsync(IReadOnlyList<CreateProductRequest> requests, CancellationToken ct = default)
    {
        await context.PrepareAsync(requests, ct);
        var outcomes = new List<Result<ProductId>>(requests.Count);
        foreach (var request in requests)
        {
            try { outcomes.Add(await AddProductAsync(request, ct)); }
            catch (DomainException e) { outcomes.Add(e.Error); }
        }
        return outcomes;
    }

    public async Task<CollectionId> AddCollectionAsync(CollectionRequest request, CancellationToken ct = default) =>
        await CollectionEndpoints.AddAsync(db, membership, request, ct);

    public async Task SaveAsync(CancellationToken ct = default)
    {
        await db.SaveChangesAsync(ct);
        context.Reset();
        membership.Forget();
    }

    public async Task<IReadOnlyList<VariantInfo>> ListVariantsAsync(CancellationToken ct = default) =>
        await db.Set<Variant>().AsNoTracking().Where(v => v.ArchivedAt == null)
            .Join(db.Set<Product>(), v => v.ProductId, p => p.Id, (v, p) => new { v, p })
            .OrderBy(x => x.p.CreatedAt).ThenBy(x => x.p.Id).ThenBy(x => x.v.Position)
            .Select(x => new VariantInfo(x.v.Id, x.p.Id, x.v.Sku, x.p.Title, x.v.Title, x.p.Status, x.v.InventoryPolicy, false))
            .ToListAsync(ct);

    public async Task<ProductResponse> GetProductAsync(ProductId id, CancellationToken ct = default) =>
        await ProductViews.ToResponseAsync(db, await ProductViews.LoadAsync(db, id, ct, tracking: false), ct);
}
