using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Catalog.Collections;
using Runner.Catalog.Contracts;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Outbox;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;
using Runner.Store.Contracts;

namespace Runner.Catalog.Products;

public sealed record BulkPriceItem(
    VariantId VariantId,
    Money? Price = null,
    Money? CompareAtPrice = null,
    bool ClearCompareAtPrice = false,
    IReadOnlyList<Money>? Prices = null);

public sealed record BulkPriceRequest(IReadOnlyList<BulkPriceItem> Items);

public sealed record BulkPriceResponse(IReadOnlyList<VariantResponse> Variants);

/// <summary>One variant's merge patch, and price edits for many variants at once (all or nothing).</summary>
internal static class VariantEndpoints
{
    public const int MaxBulkItems = 1000;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPatch("/admin/products/{id:guid}/variants/{variantId:guid}", Patch).RequirePermission(Permissions.CatalogWrite)
            .WithTags("Products").WithName("UpdateVariant")
            .Accepts<VariantInput>(JsonMergePatch.MediaType, "application/json").ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Change one variant (JSON merge patch)");
        app.MapDelete("/admin/products/{id:guid}/variants/{variantId:guid}", Archive).RequirePermission(Permissions.CatalogWrite)
            .WithTags("Products").WithName("ArchiveVariant").ProducesProblem(404).ProducesProblem(422)
            .WithSummary("Archive a variant (its SKU is freed; orders keep referring to it)");
        app.MapPost("/admin/products/prices", Bulk).RequirePermission(Permissions.CatalogWrite)
            .WithTags("Products").WithName("BulkUpdatePrices")
            .WithSummary($"Set price, compare-at price or other-currency prices of up to {MaxBulkItems} variants in one transaction");
    }

    internal static async Task<Results<Ok<VariantResponse>, ProblemHttpResult>> Patch(
        Guid id, Guid variantId, JsonElement patch, RunnerDbContext db, ProductWriter writer, IOutbox outbox,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var product = await ProductViews.LoadAsync(db, new ProductId(id), ct);
        var input = ProductViews.ToInput(product);
        var index = input.Variants.ToList().FindIndex(v => v.Id == new VariantId(variantId));
        if (index < 0) return Problems.Of(Error.NotFound("catalog.variant_not_found", "This product has no live variant with this id."));
        var merged = JsonMergePatch.Merge(input.Variants[index] with { Id = null }, patch, json.Value.SerializerOptions) with { Id = new VariantId(variantId) };
        var variants = input.Variants.ToList();
        variants[index] = merged;
        try
        {
            await writer.ApplyAsync(product, input with { Variants = variants }, isNew: false, ct);
        }
        catch (DomainException e) when (e.Error.Fields is not null)
        {
            // Name the fields as this endpoint's body has them (price, not variants[3].price).
            var prefix = $"variants[{index}].";
            throw new DomainException(e.Error with
            {
                Fields = e.Error.Fields.ToDictionary(f => f.Key.StartsWith(prefix, StringComparison.Ordinal) ? f.Key[prefix.Length..] : f.Key, f => f.Value),
            });
        }
        outbox.Enqueue(CatalogEvents.ProductUpdated, new ProductChanged(product.Id, product.Handle, product.Status));
        await db.SaveChangesAsync(ct);
        var options = product.Options.OrderBy(o => o.Position).ToList();
        return TypedResults.Ok(ProductViews.ToResponse(product.Variants.First(v => v.Id == new VariantId(variantId)), options));
    }

    internal static async Task<Results<Ok<VariantResponse>, ProblemHttpResult>> Archive(
        Guid id, Guid variantId, RunnerDbContext db, CollectionMembership membership, IOutbox outbox, TimeProvider clock, CancellationToken ct)
    {
        var product = await ProductViews.LoadAsync(db, new ProductId(id), ct);
        var variant = product.Variants.FirstOrDefault(v => v.Id == new VariantId(variantId));
        if (variant is null) return Problems.Of(Error.NotFound("catalog.variant_not_found", "This product has no variant with this id."));
        if (variant.ArchivedAt is null)
        {
            if (product.Variants.Count(v => v.ArchivedAt is null) == 1)
                return Problems.Of(Error.Unprocessable("catalog.last_variant", "A product keeps at least one variant; archive the product instead."));
            var now = clock.GetUtcNow();
            variant.ArchivedAt = now;
            product.Refresh(Html.ToText(product.DescriptionHtml));
            product.Touch(now);
            await membership.RefreshProductAsync(product, ct);
            outbox.Enqueue(CatalogEvents.ProductUpdated, new ProductChanged(product.Id, product.Handle, product.Status));
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(ProductViews.ToResponse(variant, product.Options.OrderBy(o => o.Position).ToList()));
    }

    internal static async Task<Results<Ok<BulkPriceResponse>, ProblemHttpResult>> Bulk(
        BulkPriceRequest request, RunnerDbContext db, IStoreQueries store, IOutbox outbox, TimeProvider clock, CancellationToken ct)
    {
        var settings = await store.GetSettingsAsync(ct);
        var v = new Validator();
        if (request.Items.Count == 0) v.Add("items", "validation.required", "Give at least one item.");
        if (request.Items.Count > MaxBulkItems) v.Add("items", "validation.too_many", $"At most {MaxBulkItems} items per call.");
        if (request.Items.Select(i => i.VariantId).Distinct().Count() != request.Items.Count)
            v.Add("items", "catalog.duplicate_variant", "A variant appears twice.");
        v.ThrowIfInvalid();
        var ids = request.Items.Select(i => i.VariantId).ToList();
        var productIds = await db.Set<Variant>().Where(x => ids.Contains(x.Id) && x.ArchivedAt == null).Select(x => x.ProductId).Distinct().ToListAsync(ct);
        var products = await db.Set<Product>().WithParts().Where(p => productIds.Contains(p.Id)).ToListAsync(ct);
        var variants = products.SelectMany(p => p.Variants).Where(x => x.ArchivedAt is null).ToDictionary(x => x.Id);
        for (var i = 0; i < request.Items.Count; i++)
        {
            var item = request.Items[i];
            var at = $"items[{i}]";
            if (!variants.ContainsKey(item.VariantId)) v.Add($"{at}.variantId", "catalog.variant_not_found", "No live variant has this id.");
            if (item.Price is null && item.CompareAtPrice is null && !item.ClearCompareAtPrice && item.Prices is null)
                v.Add(at, "validation.required", "Give price, compareAtPrice, clearCompareAtPrice or prices.");
            if (item.CompareAtPrice is not null && item.ClearCompareAtPrice)
                v.Add($"{at}.clearCompareAtPrice", "catalog.conflicting_fields", "Either set compareAtPrice or clear it.");
            foreach (var (field, money) in new[] { ("price", item.Price), ("compareAtPrice", item.CompareAtPrice) })
            {
                if (v.Amount($"{at}.{field}", money) && money is { } m && m.Currency != settings.DefaultCurrency)
                    v.Add($"{at}.{field}.currency", "catalog.price_not_in_default_currency", $"{field} is in {settings.DefaultCurrency}.");
            }
            var prices = item.Prices ?? [];
            for (var j = 0; j < prices.Count; j++)
            {
                if (!v.Amount($"{at}.prices[{j}]", prices[j])) continue;
                if (prices[j].Currency == settings.DefaultCurrency || !settings.IsEnabled(prices[j].Currency))
                    v.Add($"{at}.prices[{j}].currency", "money.currency_not_enabled", $"{prices[j].Currency} is not another enabled currency.");
            }
            if (prices.Select(p => p.Currency).Distinct().Count() != prices.Count)
                v.Add($"{at}.prices", "catalog.duplicate_price", "A currency appears twice.");
        }
        v.ThrowIfInvalid();

        var now = clock.GetUtcNow();
        foreach (var item in request.Items)
        {
            var variant = variants[item.VariantId];
            if (item.Price is { } price) variant.Price = price.Minor;
            if (item.CompareAtPrice is { } compare) variant.CompareAtPrice = compare.Minor;
            if (item.ClearCompareAtPrice) variant.CompareAtPrice = null;
            if (item.Prices is { } prices) ProductWriter.SetPrices(variant, prices);
        }
        foreach (var product in products)
        {
            product.Refresh(Html.ToText(product.DescriptionHtml));
            product.Touch(now);
        }
        outbox.Enqueue(CatalogEvents.PricesChanged, new PricesChanged(ids));
        await db.SaveChangesAsync(ct);
        var optionsOf = products.ToDictionary(p => p.Id, p => (IReadOnlyList<ProductOption>)p.Options.OrderBy(o => o.Position).ToList());
        return TypedResults.Ok(new BulkPriceResponse([.. ids.Select(id => ProductViews.ToResponse(variants[id], optionsOf[variants[id].ProductId]))]));
    }
}
