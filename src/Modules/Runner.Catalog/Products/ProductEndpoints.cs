using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Catalog.Contracts;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Ids;
using Runner.Kernel.Outbox;
using Runner.Kernel.Results;

namespace Runner.Catalog.Products;

/// <summary>Admin product endpoints: create, read, merge-patch, archive.</summary>
internal static class ProductEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/products").WithTags("Products");
        group.MapPost("", Create).RequirePermission(Permissions.CatalogWrite).WithName("CreateProduct")
            .ProducesProblem(409).WithSummary("Create a product with its options and variants");
        group.MapGet("/{id:guid}", Get).RequirePermission(Permissions.CatalogRead).WithName("GetProduct")
            .ProducesProblem(404).WithSummary("Read a product, archived variants included");
        group.MapPatch("/{id:guid}", Patch).RequirePermission(Permissions.CatalogWrite).WithName("UpdateProduct")
            .Accepts<CreateProductRequest>(JsonMergePatch.MediaType, "application/json")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("Change a product (JSON merge patch, RFC 7396)")
            .WithDescription("Fields merge; arrays replace. `variants` is the product's whole list of live variants: an element "
                + "with an `id` updates that variant, one without creates a variant, and a variant left out is archived. "
                + Versions.IfMatchNote("catalog.version_mismatch", "the product"));
        group.MapDelete("/{id:guid}", Archive).RequirePermission(Permissions.CatalogWrite).WithName("ArchiveProduct")
            .ProducesProblem(404).ProducesProblem(412).WithSummary("Archive a product (nothing orders refer to is ever erased)")
            .WithDescription(Versions.IfMatchNote("catalog.version_mismatch", "the product"));
    }

    internal static async Task<Results<Created<ProductResponse>, ProblemHttpResult>> Create(
        CreateProductRequest request, RunnerDbContext db, ProductWriter writer, IOutbox outbox, CancellationToken ct)
    {
        if (request.Status == ProductStatus.Archived)
            return Problems.Of(Error.Invalid("status", "catalog.invalid_status", "A new product is draft or active."));
        var product = new Product { Id = TypedId.New<ProductId>(), Title = request.Title ?? "", Handle = "" };
        await writer.ApplyAsync(product, request, isNew: true, ct);
        db.Add(product);
        outbox.Enqueue(CatalogEvents.ProductCreated, new ProductChanged(product.Id, product.Handle, product.Status));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/admin/products/{product.Id}", ProductViews.ToResponse(product, await CollectionsOf(db, product.Id, ct)));
    }

    internal static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> Get(Guid id, RunnerDbContext db, HttpContext http, CancellationToken ct)
    {
        var product = await ProductViews.LoadAsync(db, new ProductId(id), ct, tracking: false);
        Versions.Tag(http, product.Version);
        return TypedResults.Ok(await ProductViews.ToResponseAsync(db, product, ct));
    }

    internal static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> Patch(
        Guid id, JsonElement patch, RunnerDbContext db, ProductWriter writer, IOutbox outbox, HttpContext http,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var product = await ProductViews.LoadAsync(db, new ProductId(id), ct);
        if (Versions.Check(http, product.Version, "catalog.version_mismatch", "The product") is { } stale) return Problems.Of(stale);
        var input = JsonMergePatch.Merge(ProductViews.ToInput(product), patch, json.Value.SerializerOptions);
        await writer.ApplyAsync(product, input, isNew: false, ct);
        outbox.Enqueue(CatalogEvents.ProductUpdated, new ProductChanged(product.Id, product.Handle, product.Status));
        await db.SaveChangesAsync(ct);
        Versions.Tag(http, product.Version);
        return TypedResults.Ok(ProductViews.ToResponse(product, await CollectionsOf(db, product.Id, ct)));
    }

    internal static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> Archive(
        Guid id, RunnerDbContext db, IOutbox outbox, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var product = await ProductViews.LoadAsync(db, new ProductId(id), ct);
        if (Versions.Check(http, product.Version, "catalog.version_mismatch", "The product") is { } stale) return Problems.Of(stale);
        if (product.Status != ProductStatus.Archived)
        {
            var now = clock.GetUtcNow();
            product.Status = ProductStatus.Archived;
            product.ArchivedAt = now;
            product.Touch(now);
            outbox.Enqueue(CatalogEvents.ProductArchived, new ProductChanged(product.Id, product.Handle, product.Status));
            await db.SaveChangesAsync(ct);
        }
        Versions.Tag(http, product.Version);
        return TypedResults.Ok(ProductViews.ToResponse(product, await CollectionsOf(db, product.Id, ct)));
    }

    private static async Task<List<CollectionId>> CollectionsOf(RunnerDbContext db, ProductId id, CancellationToken ct) =>
        await db.Set<Collections.CollectionProduct>().AsNoTracking().Where(cp => cp.ProductId == id).Select(cp => cp.CollectionId).ToListAsync(ct);
}
