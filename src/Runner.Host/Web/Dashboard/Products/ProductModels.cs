using System.Globalization;
using Runner.Host.Web.Api;
using Runner.Host.Web.Shared;
using Runner.Kernel;

namespace Runner.Host.Web.Dashboard.Products;

// The admin API's product answers, as far as the product pages read them.

public sealed record MediaItem(string Url, string? Alt, int Position);

/// <summary>What <c>POST /admin/media</c> answers: the uploaded image's address.</summary>
public sealed record UploadedMedia(string Url, string ContentType, long Bytes, int? Width, int? Height)
{
    /// <summary>The body of the upload: the file the merchant chose, in the field <c>file</c>, as it is.</summary>
    public static MultipartFormDataContent Content(IFormFile file)
    {
        var part = new StreamContent(file.OpenReadStream());
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { part, "file", Path.GetFileName(file.FileName) is { Length: > 0 } name ? name : "image" } };
    }
}

public sealed record OptionItem(string Name, IReadOnlyList<string> Values);

public sealed record WeightItem(decimal Value, string Unit);

public sealed record VariantDetail(Guid Id, string Sku, string Title, string? Barcode, IReadOnlyDictionary<string, string> Options, Money Price,
    IReadOnlyList<Money> Prices, Money? CompareAtPrice, Money? Cost, WeightItem? Weight, bool RequiresShipping, string? TaxCategory,
    string InventoryPolicy, int Position, DateTimeOffset? ArchivedAt)
{
    public bool Live => ArchivedAt is null;
}

public sealed record ProductDetail(Guid Id, string Title, string Handle, string Description, string Status, string? Vendor, string? ProductType,
    IReadOnlyList<string> Tags, IReadOnlyList<MediaItem> Media, string? SeoTitle, string? SeoDescription, IReadOnlyList<OptionItem> Options,
    IReadOnlyList<VariantDetail> Variants, long Version, DateTimeOffset UpdatedAt)
{
    public IEnumerable<VariantDetail> LiveVariants => Variants.Where(v => v.Live).OrderBy(v => v.Position);

    /// <summary>"$12.00" or "$12.00 – $30.00" over the live variants.</summary>
    public string PriceRange()
    {
        var prices = LiveVariants.Select(v => v.Price).ToList();
        if (prices.Count == 0) return "—";
        var (min, max) = (prices.MinBy(p => p.Minor), prices.MaxBy(p => p.Minor));
        return min.Minor == max.Minor ? Format.Money(min) : $"{Format.Money(min)} – {Format.Money(max)}";
    }
}

/// <summary>The currency prices are typed in: the store's default one.</summary>
public static class StoreCurrency
{
    /// <summary>
    /// The store settings' default currency when the staff member may read settings; else the currency the catalog's
    /// prices are kept in (every variant's price is in the default currency); null for an empty catalog read by
    /// someone without settings:read.
    /// </summary>
    public static async Task<string?> GetAsync(AdminApi api, StaffMe me)
    {
        if (me.Can("settings:read") && (await api.GetAsync<StoreSettings>("/admin/store")).Value is { } store) return store.DefaultCurrency;
        var any = await api.GetAsync<Page<ProductDetail>>("/admin/products?limit=1&status=draft,active,archived");
        return any.Value?.Items.SelectMany(p => p.Variants).Select(v => v.Price.Currency).FirstOrDefault();
    }
}
