using Runner.Catalog.Collections;
using Runner.Catalog.Contracts;
using Runner.Kernel.Ids;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;
using Runner.Store.Contracts;

namespace Runner.Catalog.Products;

/// <summary>
/// Writes a validated product input onto a product, new or existing: the one place where the aggregate's parts
/// change, shared by create and update. Variants named by id are updated; variants without an id are created;
/// existing variants left out are archived (never deleted, since orders refer to them).
/// </summary>
internal sealed class ProductWriter(ProductWriteContext context, CollectionMembership membership, IMediaStore media, TimeProvider clock)
{
    /// <summary>
    /// Validates <paramref name="input"/> against the rules, the database and the rest of this unit of work (see
    /// <see cref="ProductWriteContext"/>), then applies it. A refused input changes nothing.
    /// </summary>
    public async Task ApplyAsync(Product product, CreateProductRequest input, bool isNew, CancellationToken ct)
    {
        var settings = await context.SettingsAsync(ct);
        var v = new Validator();
        ProductRules.Validate(input, settings, v);
        var unknownIds = input.Variants.Select((x, i) => (x.Id, i))
            .Where(x => x.Id is { } id && product.Variants.All(pv => pv.Id != id)).ToList();
        foreach (var (_, i) in unknownIds)
            v.Add($"variants[{i}].id", "catalog.unknown_variant", "This variant id is not a variant of this product.");
        var channels = input.Channels ?? (isNew ? [await context.DefaultChannelAsync(ct)] : product.Channels.Select(c => c.ChannelId).ToList());
        if (channels.Count > 0)
        {
            var found = await context.LiveChannelsAsync(channels, ct);
            for (var i = 0; i < channels.Count; i++)
                if (!found.Contains(channels[i])) v.Add($"channels[{i}]", "store.channel_not_found", "No active sales channel has this id.");
        }
        await CheckUploadsExistAsync(input.Media ?? [], v, ct);
        v.ThrowIfInvalid();
        await CheckSkusAreFreeAsync(product.Id, input.Variants, ct);
        var handle = await AllocateHandleAsync(product, input, ct);
        var skusBefore = LiveSkus(product);
        var handleBefore = product.Handle;

        var now = clock.GetUtcNow();
        product.Title = input.Title.Trim();
        product.Handle = handle;
        product.DescriptionHtml = Html.Sanitize(input.Description);
        if (product.Status != input.Status)
        {
            product.ArchivedAt = input.Status == ProductStatus.Archived ? now : null;
            product.Status = input.Status;
        }
        product.Vendor = Blank(input.Vendor);
        product.ProductType = Blank(input.ProductType);
        product.Tags = (input.Tags ?? []).Select(t => t.Trim()).DistinctBy(t => t.ToLowerInvariant()).ToList();
        product.SeoTitle = Blank(input.SeoTitle);
        product.SeoDescription = Blank(input.SeoDescription);
        ApplyOptions(product, input.Options ?? []);
        ApplyMedia(product, input.Media ?? []);
        ApplyVariants(product, input.Variants, settings.DefaultCurrency, now);
        ApplyChannels(product, channels);
        product.Refresh(Html.ToText(product.DescriptionHtml));
        product.Touch(now);
        context.Skus.Hold(product.Id, skusBefore, LiveSkus(product));
        context.Handles.Hold(product.Id, handleBefore.Length > 0 ? [handleBefore] : [], [handle]);
        if (isNew) await membership.AddNewProductAsync(product, ct);
        else await membership.RefreshProductAsync(product, ct);
    }

    private static List<string> LiveSkus(Product product) => [.. product.Variants.Where(x => x.ArchivedAt is null).Select(x => x.Sku)];

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static void ApplyOptions(Product product, IReadOnlyList<OptionInput> options)
    {
        var wanted = options.Select((o, i) => new ProductOption
        {
            ProductId = product.Id, Position = i, Name = o.Name.Trim(), Values = [.. o.Values.Select(x => x.Trim())],
        }).ToList();
        // Options are keyed by position: update in place so EF does not delete and re-insert the same keys.
        for (var i = 0; i < wanted.Count; i++)
        {
            var existing = product.Options.FirstOrDefault(o => o.Position == i);
            if (existing is null) product.Options.Add(wanted[i]);
            else
            {
                existing.Name = wanted[i].Name;
                existing.Values = wanted[i].Values;
            }
        }
        product.Options.RemoveAll(o => o.Position >= wanted.Count);
    }

    private static void ApplyMedia(Product product, IReadOnlyList<MediaInput> media)
    {
        var ordered = media.Select((m, i) => (m, i)).OrderBy(x => x.m.Position ?? x.i).ThenBy(x => x.i).Select(x => x.m).ToList();
        var same = ordered.Count == product.Media.Count && ordered.Select((m, i) =>
            product.Media.OrderBy(x => x.Position).ElementAt(i) is var e && e.Url == m.Url && e.Alt == Blank(m.Alt)).All(x => x);
        if (same) return;
        product.Media.Clear();
        for (var i = 0; i < ordered.Count; i++)
            product.Media.Add(new ProductMedia { Id = Guid.CreateVersion7(), ProductId = product.Id, Url = ordered[i].Url, Alt = Blank(ordered[i].Alt), Position = i });
    }

    private static void ApplyVariants(Product product, IReadOnlyList<VariantInput> inputs, string currency, DateTimeOffset now)
    {
        var options = product.Options.OrderBy(o => o.Position).ToList();
        var kept = new HashSet<VariantId>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var variant = input.Id is { } id ? product.Variants.First(x => x.Id == id) : null;
            if (variant is null)
            {
                variant = new Variant { Id = TypedId.New<VariantId>(), ProductId = product.Id, Sku = input.Sku, Currency = currency };
                product.Variants.Add(variant);
            }
            kept.Add(variant.Id);
            var values = options.Select(o => o.Values.First(x => string.Equals(x,
                input.Options.First(c => string.Equals(c.Key, o.Name, StringComparison.OrdinalIgnoreCase)).Value.Trim(),
                StringComparison.OrdinalIgnoreCase))).ToList();
            variant.Sku = input.Sku;
            variant.Barcode = Blank(input.Barcode);
            variant.OptionValues = values;
            variant.OptionKey = Variant.KeyOf(values.Select(x => x.ToLowerInvariant()));
            variant.Title = values.Count == 0 ? "Default" : string.Join(" / ", values);
            variant.Currency = currency;
            variant.Price = input.Price.Minor;
            variant.CompareAtPrice = input.CompareAtPrice?.Minor;
            variant.Cost = input.Cost?.Minor;
            variant.WeightValue = input.Weight?.Value;
            variant.WeightUnit = input.Weight?.Unit;
            variant.RequiresShipping = input.RequiresShipping ?? true;
            variant.TaxCategory = Blank(input.TaxCategory);
            variant.InventoryPolicy = input.InventoryPolicy ?? InventoryPolicy.Deny;
            variant.Position = i;
            variant.ArchivedAt = null;
            SetPrices(variant, input.Prices ?? []);
        }
        var position = inputs.Count;
        foreach (var gone in product.Variants.Where(x => !kept.Contains(x.Id) && x.ArchivedAt is null).OrderBy(x => x.Position).ToList())
        {
            gone.ArchivedAt = now;
            gone.Position = position++;
        }
    }

    internal static void SetPrices(Variant variant, IReadOnlyList<Kernel.Money> prices)
    {
        variant.Prices.RemoveAll(p => prices.All(x => x.Currency != p.Currency));
        foreach (var price in prices)
        {
            var existing = variant.Prices.FirstOrDefault(p => p.Currency == price.Currency);
            if (existing is null) variant.Prices.Add(new VariantPrice { VariantId = variant.Id, Currency = price.Currency, Amount = price.Minor });
            else existing.Amount = price.Minor;
        }
    }

    private static void ApplyChannels(Product product, IReadOnlyList<ChannelId> channels)
    {
        product.Channels.RemoveAll(c => !channels.Contains(c.ChannelId));
        foreach (var channel in channels.Distinct().Where(c => product.Channels.All(x => x.ChannelId != c)))
            product.Channels.Add(new ProductChannel { ProductId = product.Id, ChannelId = channel });
    }

    /// <summary>A <c>/media/…</c> address names an image uploaded to this store (one look-up for all of them).</summary>
    private async Task CheckUploadsExistAsync(IReadOnlyList<MediaInput> inputs, Validator v, CancellationToken ct)
    {
        var uploads = inputs.Select((m, i) => Media.MediaAddress.TryParse(m.Url, out var hash, out var format) ? (hash, format.ContentType, i) : default)
            .Where(x => x.hash is not null).ToList();
        if (uploads.Count == 0) return;
        var stored = await media.ContentTypesAsync([.. uploads.Select(x => x.hash).Distinct()], ct);
        foreach (var (_, _, i) in uploads.Where(x => stored.GetValueOrDefault(x.hash) != x.ContentType))
            v.Add($"media[{i}].url", "catalog.media_not_found", "No uploaded image has this address: upload it with POST /admin/media first.");
    }

    /// <summary>A SKU names one live variant in the whole store.</summary>
    private async Task CheckSkusAreFreeAsync(ProductId product, IReadOnlyList<VariantInput> variants, CancellationToken ct)
    {
        await context.LookUpSkusAsync(variants.Select(x => x.Sku), ct);
        var v = new Validator();
        for (var i = 0; i < variants.Count; i++)
            if (context.Skus.IsHeldByAnother(variants[i].Sku, product))
                v.Add($"variants[{i}].sku", "catalog.sku_taken", $"SKU '{variants[i].Sku}' belongs to another product's variant.");
        if (v.IsValid) return;
        throw new DomainException(v.ToError() with { Kind = ErrorKind.Conflict });
    }

    /// <summary>The handle given (409 when taken), or one derived from the title with -2, -3… until free.</summary>
    private async Task<string> AllocateHandleAsync(Product product, CreateProductRequest input, CancellationToken ct)
    {
        if (input.Handle is { } asked)
        {
            if (asked != product.Handle)
            {
                await context.LookUpHandlesAsync([asked], ct);
                if (context.Handles.IsHeldByAnother(asked, product.Id))
                    throw new DomainException(Error.Conflict("catalog.handle_taken", $"Another product already has the handle '{asked}'.")
                        with { Fields = new Dictionary<string, string[]> { ["handle"] = [$"'{asked}' is taken."] } });
            }
            return asked;
        }
        if (!string.IsNullOrEmpty(product.Handle)) return product.Handle;
        return await context.FreeHandleAsync(ProductWriteContext.StemOf(input.Title), product.Id, ct);
    }
}
