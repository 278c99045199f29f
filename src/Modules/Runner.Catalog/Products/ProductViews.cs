using Microsoft.EntityFrameworkCore;
using Runner.Catalog.Collections;
using Runner.Catalog.Contracts;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Results;

namespace Runner.Catalog.Products;

/// <summary>Loads the product aggregate and turns it into the admin API's shape.</summary>
internal static class ProductViews
{
    public static IQueryable<Product> WithParts(this IQueryable<Product> query) => query
        .Include(p => p.Options).Include(p => p.Media).Include(p => p.Channels).Include(p => p.TagKeys)
        .Include(p => p.Variants).ThenInclude(v => v.Prices)
        .AsSplitQuery();

    public static async Task<Product> LoadAsync(RunnerDbContext db, ProductId id, CancellationToken ct, bool tracking = true)
    {
        var query = db.Set<Product>().WithParts();
        if (!tracking) query = query.AsNoTracking();
        return await query.FirstOrDefaultAsync(p => p.Id == id, ct)
            ?? throw new DomainException(Error.NotFound("catalog.product_not_found", "No product has this id."));
    }

    public static async Task<ProductResponse> ToResponseAsync(RunnerDbContext db, Product p, CancellationToken ct)
    {
        var collections = await db.Set<CollectionProduct>().AsNoTracking().Where(cp => cp.ProductId == p.Id)
            .Select(cp => cp.CollectionId).ToListAsync(ct);
        return ToResponse(p, collections);
    }

    public static ProductResponse ToResponse(Product p, IReadOnlyList<CollectionId> collections)
    {
        var options = p.Options.OrderBy(o => o.Position).ToList();
        return new ProductResponse(
            p.Id, p.Title, p.Handle, p.DescriptionHtml, p.Status, p.Vendor, p.ProductType, p.Tags,
            [.. p.Media.OrderBy(m => m.Position).Select(m => new MediaResponse(m.Url, m.Alt, m.Position))],
            p.SeoTitle, p.SeoDescription,
            [.. options.Select(o => new OptionResponse(o.Name, o.Values))],
            [.. p.Variants.OrderBy(v => v.Position).Select(v => ToResponse(v, options))],
            [.. p.Channels.Select(c => c.ChannelId)],
            collections, p.Version, p.CreatedAt, p.UpdatedAt, p.ArchivedAt);
    }

    public static VariantResponse ToResponse(Variant v, IReadOnlyList<ProductOption> options) => new(
        v.Id, v.Sku, v.Title, v.Barcode, OptionMap(v, options),
        new Money(v.Price, v.Currency), OtherPrices(v), CompareAt(v),
        v.Cost is { } cost ? new Money(cost, v.Currency) : null,
        v.WeightValue is { } w ? new WeightResponse(w, v.WeightUnit ?? "kg") : null,
        v.RequiresShipping, v.TaxCategory, v.InventoryPolicy, v.Position, v.ArchivedAt);

    /// <summary>The variant's prices in currencies other than the default, by currency code.</summary>
    public static IReadOnlyList<Money> OtherPrices(Variant v) => [.. v.Prices.OrderBy(x => x.Currency).Select(x => new Money(x.Amount, x.Currency))];

    public static Money? CompareAt(Variant v) => v.CompareAtPrice is { } c ? new Money(c, v.Currency) : null;

    public static Dictionary<string, string> OptionMap(Variant v, IReadOnlyList<ProductOption> options)
    {
        var map = new Dictionary<string, string>(options.Count);
        for (var i = 0; i < options.Count && i < v.OptionValues.Count; i++) map[options[i].Name] = v.OptionValues[i];
        return map;
    }

    /// <summary>The product as an editable input: what a merge patch applies to.</summary>
    public static CreateProductRequest ToInput(Product p)
    {
        var options = p.Options.OrderBy(o => o.Position).ToList();
        return new CreateProductRequest(
            p.Title, p.Status,
            [.. p.Variants.Where(v => v.ArchivedAt is null).OrderBy(v => v.Position).Select(v => new VariantInput(
                v.Sku, OptionMap(v, options), new Money(v.Price, v.Currency), v.Barcode, OtherPrices(v), CompareAt(v),
                v.Cost is { } cost ? new Money(cost, v.Currency) : null,
                v.WeightValue is { } w ? new WeightInput(w, v.WeightUnit ?? "kg") : null,
                v.RequiresShipping, v.TaxCategory, v.InventoryPolicy, v.Id))],
            p.Handle, p.DescriptionHtml, p.Vendor, p.ProductType, p.Tags,
            [.. p.Media.OrderBy(m => m.Position).Select(m => new MediaInput(m.Url, m.Alt, m.Position))],
            p.SeoTitle, p.SeoDescription,
            [.. options.Select(o => new OptionInput(o.Name, o.Values))],
            [.. p.Channels.Select(c => c.ChannelId)]);
    }
}
