using Runner.Catalog.Contracts;
using Runner.Kernel;
using Runner.Store.Contracts;

namespace Runner.Catalog.Storefront;

public sealed record StoreVariant(
    VariantId Id,
    string Sku,
    string Title,
    IReadOnlyDictionary<string, string> Options,
    Money Price,
    Money? CompareAtPrice,
    // Units available on the key's channel (summed over the locations that fulfil it).
    long Available,
    // Whether it can be bought now: units available, or the variant keeps selling when out of stock.
    bool AvailableForSale,
    bool RequiresShipping,
    WeightResponse? Weight);

public sealed record PriceRange(Money Min, Money Max);

public sealed record Seo(string Title, string? Description);

/// <summary>A product as storefronts see it: active, published to the key's channel, priced in the asked currency.</summary>
public sealed record StoreProduct(
    ProductId Id,
    string Handle,
    string Title,
    string Description,
    string? Vendor,
    string? ProductType,
    IReadOnlyList<string> Tags,
    IReadOnlyList<MediaResponse> Media,
    IReadOnlyList<OptionResponse> Options,
    IReadOnlyList<StoreVariant> Variants,
    PriceRange? PriceRange,
    bool AvailableForSale,
    Seo Seo,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

internal static class StoreProducts
{
    /// <summary>
    /// Presents a document in <paramref name="currency"/>: the merchant's own price in that currency when set,
    /// else the default price converted at the store's rate (rounded once, half away from zero).
    /// </summary>
    public static StoreProduct Present(ProductDocument d, string? currency, StoreSettingsView? store, IReadOnlyDictionary<VariantId, long> available)
    {
        currency ??= d.Currency;
        var variants = new List<StoreVariant>(d.Variants.Count);
        foreach (var v in d.Variants)
        {
            var (price, compare) = Price(v, d.Currency, currency, store);
            var units = available.TryGetValue(v.Id, out var a) ? a : 0;
            variants.Add(new StoreVariant(v.Id, v.Sku, v.Title, v.Options, price, compare, units,
                units > 0 || v.InventoryPolicy == InventoryPolicy.Continue, v.RequiresShipping, v.Weight));
        }
        var range = variants.Count == 0 ? null : new PriceRange(
            variants.MinBy(v => v.Price.Minor)!.Price, variants.MaxBy(v => v.Price.Minor)!.Price);
        return new StoreProduct(d.Id, d.Handle, d.Title, d.Description, d.Vendor, d.ProductType, d.Tags, d.Media, d.Options,
            variants, range, variants.Any(v => v.AvailableForSale), new Seo(d.SeoTitle ?? d.Title, d.SeoDescription),
            d.CreatedAt, d.UpdatedAt);
    }

    private static (Money Price, Money? CompareAt) Price(VariantDocument v, string from, string to, StoreSettingsView? store)
    {
        if (to == from || store is null) return (new Money(v.Price, from), v.CompareAtPrice is { } c ? new Money(c, from) : null);
        if (v.Prices.TryGetValue(to, out var own))
        {
            var compare = own.CompareAt is { } oc ? new Money(oc, to)
                : v.CompareAtPrice is { } dc ? store.Convert(new Money(dc, from), to) : (Money?)null;
            return (new Money(own.Amount, to), compare);
        }
        return (store.Convert(new Money(v.Price, from), to),
            v.CompareAtPrice is { } cc ? store.Convert(new Money(cc, from), to) : null);
    }
}
