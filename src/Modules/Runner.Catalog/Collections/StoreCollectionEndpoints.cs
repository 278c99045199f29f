using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Paging;
using Runner.Kernel.Results;

namespace Runner.Catalog.Collections;

/// <summary>The storefront's collections: the navigation tree and one collection by handle.</summary>
internal static class StoreCollectionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/store/collections").WithTags("Storefront");
        group.MapGet("", List).RequireStorefront().WithName("StoreListCollections")
            .WithSummary("Every live collection (parentId builds the category tree); products come from /store/products?collection=");
        group.MapGet("/{handle}", Get).RequireStorefront().WithName("StoreGetCollection").ProducesProblem(404);
    }

    internal static async Task<Ok<Page<StoreCollection>>> List(RunnerDbContext db, CancellationToken ct)
    {
        var all = await db.Set<Collection>().AsNoTracking().Where(c => c.ArchivedAt == null).ToListAsync(ct);
        var items = all.OrderBy(c => c.ParentId is null ? 0 : 1).ThenBy(c => c.Position).ThenBy(c => c.Title).Select(ToStore).ToList();
        return TypedResults.Ok(new Page<StoreCollection>(items, null));
    }

    internal static async Task<Results<Ok<StoreCollection>, ProblemHttpResult>> Get(string handle, RunnerDbContext db, CancellationToken ct)
    {
        var c = await db.Set<Collection>().AsNoTracking().FirstOrDefaultAsync(x => x.Handle == handle && x.ArchivedAt == null, ct);
        return c is null
            ? Problems.Of(Error.NotFound("catalog.collection_not_found", $"No collection has the handle '{handle}'."))
            : TypedResults.Ok(ToStore(c));
    }

    private static StoreCollection ToStore(Collection c) =>
        new(c.Id, c.Title, c.Handle, c.DescriptionHtml, c.ParentId, c.Position, c.ImageUrl, c.SeoTitle ?? c.Title, c.SeoDescription);
}
