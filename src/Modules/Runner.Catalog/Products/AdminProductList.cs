using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Catalog.Collections;
using Runner.Catalog.Contracts;
using Runner.Catalog.Storefront;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Paging;
using Runner.Kernel.Validation;
using Runner.Store.Contracts;

namespace Runner.Catalog.Products;

/// <summary><c>GET /admin/products</c>: the storefront's filters plus status and channel, every field of each product.</summary>
internal static class AdminProductList
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/admin/products", List).RequirePermission(Permissions.CatalogRead).WithTags("Products")
            .WithName("ListProducts")
            .WithSummary("List products with filters (status, channel, collection, tag, type, vendor, price, stock, q) and cursor paging")
            .WithDescription("`status` is a comma-separated list of draft, active, archived (default: draft,active). "
                + "Prices are minor units of the default currency.");

    internal static async Task<Ok<Page<ProductResponse>>> List(
        ProductQuery query, RunnerDbContext db, int? limit, string? cursor, string? status, Guid? channel, string? collection,
        string? tag, string? type, string? vendor, long? minPrice, long? maxPrice, string? q, bool? inStock, string? sort,
        CancellationToken ct)
    {
        var v = new Validator();
        var statuses = ParseStatuses(status, v);
        var order = StoreProductEndpoints.ParseSort(sort, v);
        if (inStock is not null && channel is null)
            v.Add("inStock", "catalog.in_stock_needs_channel", "inStock counts stock per sales channel; give channel too.");
        v.ThrowIfInvalid();
        var (collections, _) = collection is null ? ([], CollectionSort.Manual) : await CollectionTree.ResolveAsync(db, collection, ct);
        if (collection is not null && collections.Count == 0) return TypedResults.Ok(new Page<ProductResponse>([], null));
        var (rows, next) = await query.RunAsync(new ProductFilter
        {
            Channel = channel is { } c ? new ChannelId(c) : null,
            Statuses = statuses,
            Collections = collections,
            Tag = tag, Type = type, Vendor = vendor, MinPrice = minPrice, MaxPrice = maxPrice, InStock = inStock, Query = q,
            Sort = order ?? (q is not null ? ProductSort.Relevance : ProductSort.Newest),
            Limit = Cursor.Limit(limit),
            Cursor = cursor,
        }, ct);
        var ids = rows.Select(r => r.Id).ToList();
        var products = await db.Set<Product>().AsNoTracking().WithParts().Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        var memberships = (await db.Set<CollectionProduct>().AsNoTracking().Where(cp => ids.Contains(cp.ProductId)).ToListAsync(ct))
            .ToLookup(cp => cp.ProductId, cp => cp.CollectionId);
        var byId = products.ToDictionary(p => p.Id);
        return TypedResults.Ok(new Page<ProductResponse>(
            [.. ids.Where(byId.ContainsKey).Select(id => ProductViews.ToResponse(byId[id], [.. memberships[id]]))], next));
    }

    private static IReadOnlyList<ProductStatus> ParseStatuses(string? status, Validator v)
    {
        if (string.IsNullOrWhiteSpace(status)) return [ProductStatus.Draft, ProductStatus.Active];
        var result = new List<ProductStatus>();
        foreach (var part in status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (part)
            {
                case "draft": result.Add(ProductStatus.Draft); break;
                case "active": result.Add(ProductStatus.Active); break;
                case "archived": result.Add(ProductStatus.Archived); break;
                default: v.Add("status", "catalog.invalid_status", "status is a comma-separated list of draft, active, archived."); break;
            }
        }
        return result.Distinct().ToList();
    }
}
