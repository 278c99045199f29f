using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Runner.Catalog.Contracts;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;

namespace Runner.Catalog.Products;

/// <summary>
/// A variant with what it takes to name and price it: its product's title, handle and status, its own title, SKU,
/// options and prices (the shapes of <see cref="VariantResponse"/>). <see cref="Archived"/> is the variant's own
/// state (an archived variant has given its SKU back); an archived product shows in <see cref="ProductStatus"/>.
/// </summary>
public sealed record VariantSummaryResponse(
    VariantId Id,
    ProductId ProductId,
    string ProductTitle,
    string ProductHandle,
    ProductStatus ProductStatus,
    string Title,
    string Sku,
    string? Barcode,
    IReadOnlyDictionary<string, string> Options,
    Money Price,
    IReadOnlyList<Money> Prices,
    Money? CompareAtPrice,
    InventoryPolicy InventoryPolicy,
    bool Archived);

public sealed record VariantLookupResponse(IReadOnlyList<VariantSummaryResponse> Items);

/// <summary>
/// <c>GET /admin/variants?ids=…&amp;sku=…</c>: the variants a caller holds ids or SKUs of (stock levels, order lines,
/// a SKU typed by a person), in two queries whatever the size of the catalog.
/// </summary>
internal static class VariantLookup
{
    public const int MaxValues = 100;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/admin/variants", Find).RequirePermission(Permissions.CatalogRead).WithTags("Products")
            .WithName("LookUpVariants").ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary($"Look variants up by id and/or SKU (up to {MaxValues} of each), with their product's title and status")
            .WithDescription("`ids` is a comma-separated list of variant ids, `sku` one of SKUs; give either or both. "
                + "An id finds its variant even when it is archived (`archived: true`): orders and stock refer to those. "
                + "A SKU is matched exactly (case-sensitive, as SKUs are unique) against live variants only, since an "
                + "archived variant gives its SKU back; the variant of an archived product still holds its SKU and is "
                + "found (`productStatus: archived`). Unknown ids and SKUs are left out of `items`, which follows the "
                + "order asked (ids, then SKUs), each variant once.");

    internal static async Task<Results<Ok<VariantLookupResponse>, ProblemHttpResult>> Find(
        RunnerDbContext db, string? ids, string? sku, CancellationToken ct)
    {
        var v = new Validator();
        var idList = v.Ids("ids", ids, "a variant id").Select(id => new VariantId(id)).ToList();
        var skuList = Split(sku);
        if (idList.Count == 0 && skuList.Count == 0 && v.IsValid)
            v.Add("ids", "catalog.ids_or_sku_required", "Give ids (variant ids), sku (SKUs) or both, each comma-separated.");
        if (idList.Count > MaxValues) v.Add("ids", "validation.too_many", $"ids takes at most {MaxValues} variant ids per call.");
        if (skuList.Count > MaxValues) v.Add("sku", "validation.too_many", $"sku takes at most {MaxValues} SKUs per call.");
        if (!v.IsValid) return Problems.Of(v.ToError());

        var query = db.Set<Variant>().AsNoTracking().Include(x => x.Prices).AsQueryable();
        query = idList.Count == 0 ? query.Where(x => skuList.Contains(x.Sku) && x.ArchivedAt == null)
            : skuList.Count == 0 ? query.Where(x => idList.Contains(x.Id))
            : query.Where(x => idList.Contains(x.Id) || (skuList.Contains(x.Sku) && x.ArchivedAt == null));
        var variants = await query.ToListAsync(ct);
        var productIds = variants.Select(x => x.ProductId).Distinct().ToList();
        var products = await db.Set<Product>().AsNoTracking().Where(p => productIds.Contains(p.Id))
            .Select(p => new
            {
                p.Id, p.Title, p.Handle, p.Status,
                Options = p.Options.OrderBy(o => o.Position).ToList(),
            })
            .ToDictionaryAsync(p => p.Id, ct);

        var byId = variants.ToDictionary(x => x.Id);
        var bySku = variants.Where(x => x.ArchivedAt is null).ToDictionary(x => x.Sku, StringComparer.Ordinal);
        var found = idList.Select(byId.GetValueOrDefault).Concat(skuList.Select(bySku.GetValueOrDefault))
            .OfType<Variant>().DistinctBy(x => x.Id);
        return TypedResults.Ok(new VariantLookupResponse([.. found.Select(x =>
        {
            var p = products[x.ProductId];
            return new VariantSummaryResponse(x.Id, p.Id, p.Title, p.Handle, p.Status, x.Title, x.Sku, x.Barcode,
                ProductViews.OptionMap(x, p.Options), new Money(x.Price, x.Currency), ProductViews.OtherPrices(x), ProductViews.CompareAt(x),
                x.InventoryPolicy, x.ArchivedAt is not null);
        })]));
    }

    private static List<string> Split(string? list) =>
        list is null ? [] : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];
}
