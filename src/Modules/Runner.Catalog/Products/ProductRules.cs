using Runner.Catalog.Contracts;
using Runner.Kernel;
using Runner.Kernel.Text;
using Runner.Kernel.Validation;
using Runner.Store.Contracts;

namespace Runner.Catalog.Products;

/// <summary>
/// The rules a product must satisfy, checked before anything is written: field lengths, options and their values,
/// one variant per combination of option values, prices in enabled currencies, well-formed media and weights.
/// Errors name the field (<c>variants[2].options.Size</c>) so a client can point at it.
/// </summary>
internal static class ProductRules
{
    public const int MaxOptions = 10;
    public const int MaxValuesPerOption = 250;
    public const int MaxVariants = 2000;
    public const int MaxTags = 250;
    public const int MaxMedia = 250;
    public const int MaxDescription = 100_000;
    public static readonly string[] WeightUnits = ["g", "kg", "lb", "oz"];

    public static void Validate(CreateProductRequest r, StoreSettingsView store, Validator v)
    {
        v.Required("title", r.Title, 255);
        if (r.Handle is not null && !Handles.IsValid(r.Handle))
            v.Add("handle", "catalog.invalid_handle", "handle must be lower-case letters and digits joined by hyphens, at most 255 characters.");
        v.MaxLength("description", r.Description, MaxDescription);
        v.MaxLength("vendor", r.Vendor, 255);
        v.MaxLength("productType", r.ProductType, 255);
        v.MaxLength("seoTitle", r.SeoTitle, 255);
        v.MaxLength("seoDescription", r.SeoDescription, 512);
        ValidateTags(r.Tags, v);
        ValidateMedia(r.Media, v);
        var options = ValidateOptions(r.Options ?? [], v);
        ValidateVariants(r.Variants, options, store, v);
    }

    private static void ValidateTags(IReadOnlyList<string>? tags, Validator v)
    {
        if (tags is null) return;
        if (tags.Count > MaxTags) v.Add("tags", "validation.too_many", $"A product has at most {MaxTags} tags.");
        for (var i = 0; i < tags.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(tags[i])) v.Add($"tags[{i}]", "validation.required", "A tag cannot be empty.");
            else v.MaxLength($"tags[{i}]", tags[i], 255);
        }
    }

    private static void ValidateMedia(IReadOnlyList<MediaInput>? media, Validator v)
    {
        if (media is null) return;
        if (media.Count > MaxMedia) v.Add("media", "validation.too_many", $"A product has at most {MaxMedia} media.");
        for (var i = 0; i < media.Count; i++)
        {
            var m = media[i];
            if (!IsWebUrl(m.Url) && !Media.MediaAddress.TryParse(m.Url, out _, out _))
                v.Add($"media[{i}].url", "catalog.invalid_media_url",
                    "url must be an absolute http or https URL of at most 2048 characters, or the /media/… address of an uploaded image.");
            v.MaxLength($"media[{i}].alt", m.Alt, 512);
            if (m.Position is < 0 or > 10_000) v.Add($"media[{i}].position", "validation.out_of_range", "position must be between 0 and 10000.");
        }
    }

    public static bool IsWebUrl(string? url) =>
        url is { Length: > 0 and <= 2048 } && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0;

    /// <summary>Checks the options; returns them (names trimmed) for the variant checks.</summary>
    private static List<OptionInput> ValidateOptions(IReadOnlyList<OptionInput> options, Validator v)
    {
        if (options.Count > MaxOptions) v.Add("options", "validation.too_many", $"A product has at most {MaxOptions} options.");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<OptionInput>();
        for (var i = 0; i < options.Count; i++)
        {
            var o = options[i];
            if (!v.Required($"options[{i}].name", o.Name, 255)) continue;
            var name = o.Name.Trim();
            if (!names.Add(name)) v.Add($"options[{i}].name", "catalog.duplicate_option", $"Option '{name}' appears twice.");
            if (o.Values.Count == 0) v.Add($"options[{i}].values", "validation.required", $"Option '{name}' needs at least one value.");
            if (o.Values.Count > MaxValuesPerOption) v.Add($"options[{i}].values", "validation.too_many", $"An option has at most {MaxValuesPerOption} values.");
            var values = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var j = 0; j < o.Values.Count; j++)
            {
                if (!v.Required($"options[{i}].values[{j}]", o.Values[j], 255)) continue;
                if (!values.Add(o.Values[j].Trim()))
                    v.Add($"options[{i}].values[{j}]", "catalog.duplicate_option_value", $"Value '{o.Values[j]}' appears twice in option '{name}'.");
            }
            result.Add(new OptionInput(name, [.. o.Values.Select(x => x?.Trim() ?? "")]));
        }
        return result;
    }

    private static void ValidateVariants(IReadOnlyList<VariantInput> variants, List<OptionInput> options, StoreSettingsView store, Validator v)
    {
        if (variants.Count == 0) v.Add("variants", "catalog.no_variants", "A product needs at least one variant.");
        if (variants.Count > MaxVariants) v.Add("variants", "validation.too_many", $"A product has at most {MaxVariants} variants.");
        var skus = new HashSet<string>(StringComparer.Ordinal);
        var combinations = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<VariantId>();
        for (var i = 0; i < variants.Count; i++)
        {
            var variant = variants[i];
            var at = $"variants[{i}]";
            if (variant.Id is { } id && !ids.Add(id)) v.Add($"{at}.id", "catalog.duplicate_variant", "The same variant id appears twice.");
            if (ValidSku($"{at}.sku", variant.Sku, v) && !skus.Add(variant.Sku))
                v.Add($"{at}.sku", "catalog.duplicate_sku", $"SKU '{variant.Sku}' appears twice in this product.");
            var key = ValidateCombination(at, variant.Options, options, v);
            if (key is not null && !combinations.Add(key))
                v.Add($"{at}.options", "catalog.duplicate_combination",
                    $"Another variant already has {Describe(variant.Options)}; each combination of option values is one variant.");
            ValidatePrices(at, variant, store, v);
            v.MaxLength($"{at}.barcode", variant.Barcode, 64);
            v.MaxLength($"{at}.taxCategory", variant.TaxCategory, 64);
            if (variant.Weight is { } w)
            {
                if (w.Value < 0 || w.Value > 1_000_000) v.Add($"{at}.weight.value", "validation.out_of_range", "weight.value must be between 0 and 1000000.");
                if (!WeightUnits.Contains(w.Unit)) v.Add($"{at}.weight.unit", "catalog.invalid_weight_unit", "weight.unit must be one of g, kg, lb, oz.");
            }
        }
    }

    public static bool ValidSku(string field, string? sku, Validator v)
    {
        if (!v.Required(field, sku, 100)) return false;
        if (sku!.Trim() != sku || sku.Any(char.IsControl))
        {
            v.Add(field, "catalog.invalid_sku", "A SKU cannot start or end with spaces or hold control characters.");
            return false;
        }
        return true;
    }

    /// <summary>Checks a variant names exactly one known value of each option; returns its combination key.</summary>
    private static string? ValidateCombination(string at, IReadOnlyDictionary<string, string> chosen, List<OptionInput> options, Validator v)
    {
        var ok = true;
        foreach (var name in chosen.Keys.Where(k => !options.Any(o => string.Equals(o.Name, k, StringComparison.OrdinalIgnoreCase))))
        {
            v.Add($"{at}.options.{name}", "catalog.unknown_option",
                options.Count == 0 ? "This product has no options; give the variant an empty options object." : $"'{name}' is not an option of this product.");
            ok = false;
        }
        var values = new List<string>();
        foreach (var option in options)
        {
            var value = chosen.FirstOrDefault(c => string.Equals(c.Key, option.Name, StringComparison.OrdinalIgnoreCase)).Value;
            if (value is null)
            {
                v.Add($"{at}.options.{option.Name}", "catalog.missing_option_value", $"The variant needs a value for option '{option.Name}'.");
                ok = false;
                continue;
            }
            var known = option.Values.FirstOrDefault(x => string.Equals(x, value.Trim(), StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                v.Add($"{at}.options.{option.Name}", "catalog.unknown_option_value",
                    $"'{value}' is not a value of option '{option.Name}' ({string.Join(", ", option.Values)}).");
                ok = false;
                continue;
            }
            values.Add(known.ToLowerInvariant());
        }
        return ok ? Variant.KeyOf(values) : null;
    }

    private static void ValidatePrices(string at, VariantInput variant, StoreSettingsView store, Validator v)
    {
        if (v.Amount($"{at}.price", variant.Price) && variant.Price.Currency != store.DefaultCurrency)
            v.Add($"{at}.price.currency", "catalog.price_not_in_default_currency",
                $"price is in the store's default currency, {store.DefaultCurrency}; other currencies go in prices.");
        if (v.Amount($"{at}.compareAtPrice", variant.CompareAtPrice) && variant.CompareAtPrice is { } compare && compare.Currency != store.DefaultCurrency)
            v.Add($"{at}.compareAtPrice.currency", "catalog.price_not_in_default_currency", $"compareAtPrice is in {store.DefaultCurrency}.");
        if (v.Amount($"{at}.cost", variant.Cost) && variant.Cost is { } cost && cost.Currency != store.DefaultCurrency)
            v.Add($"{at}.cost.currency", "catalog.price_not_in_default_currency", $"cost is in {store.DefaultCurrency}.");
        var seen = new HashSet<string>();
        var prices = variant.Prices ?? [];
        for (var i = 0; i < prices.Count; i++)
        {
            var field = $"{at}.prices[{i}]";
            if (!v.Amount(field, prices[i])) continue;
            var currency = prices[i].Currency;
            if (currency == store.DefaultCurrency)
                v.Add($"{field}.currency", "catalog.duplicate_price", $"The {currency} price is the variant's price; prices holds other currencies.");
            else if (!store.IsEnabled(currency))
                v.Add($"{field}.currency", "money.currency_not_enabled", $"{currency} is not enabled for this store (see /admin/store).");
            else if (!seen.Add(currency))
                v.Add($"{field}.currency", "catalog.duplicate_price", $"There is already a {currency} price.");
        }
    }

    private static string Describe(IReadOnlyDictionary<string, string> options) =>
        options.Count == 0 ? "no options" : string.Join(" / ", options.Select(o => $"{o.Key} {o.Value}"));
}
